from __future__ import annotations

import factory

from meedoen.accounts.tests.factories import UserFactory
from meedoen.agenda import services
from meedoen.agenda.models import CalendarFeed


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    """A working calendar link, made as the page makes it; its secret is kept on the object
    (`feed.secret`) for the test that asks the feed."""

    class Meta:
        model = CalendarFeed

    @classmethod
    def _create(cls, model_class, user=None, language="nl"):
        feed, secret = services.make_link(user or UserFactory(), language=language)
        feed.secret = secret
        return feed
