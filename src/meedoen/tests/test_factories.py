"""Every model has a factory, and each one makes what the services would have made."""

from __future__ import annotations

import factory
import pytest
from django.apps import apps

from meedoen.accounts.tests import factories as people
from meedoen.agenda.tests import factories as agenda
from meedoen.catalogue.tests import factories as catalogue
from meedoen.cooperation.tests import factories as cooperation
from meedoen.engagements.tests import factories as engagements
from meedoen.matching.tests import factories as matching
from meedoen.organisations.tests import factories as organisations
from meedoen.requests.tests import factories as requests
from meedoen.tests import factories as kernel
from meedoen.volunteers.tests import factories as volunteers

MODULES = [
    kernel,
    people,
    catalogue,
    organisations,
    requests,
    volunteers,
    matching,
    engagements,
    agenda,
    cooperation,
]
FACTORIES = {
    f._meta.model: f
    for module in MODULES
    for f in vars(module).values()
    if isinstance(f, type)
    and issubclass(f, factory.django.DjangoModelFactory)
    and f._meta.model is not None
}
OURS = [m for m in apps.get_models() if m.__module__.startswith("meedoen.")]


def test_every_model_has_a_factory():
    assert {m._meta.label for m in OURS} - {m._meta.label for m in FACTORIES} == set()


@pytest.mark.django_db
@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_the_factory_makes_a_valid_object(model):
    made = FACTORIES[model]()
    made.full_clean(validate_unique=False, exclude=["password"])
    assert model.objects.filter(pk=made.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", ["in_intake", "ready", "routed", "returned", "referred", "declined", "withdrawn"]
)
def test_a_request_reaches_its_state_through_the_workflow(status, world):
    fields = {"area": world.area, "organisation": world.organisation}
    if status in ("routed", "returned"):
        fields["organisation"] = world.desk
    if status == "referred":
        fields["activities"] = list(requests.Activity.objects.filter(code="washing"))
    help_request = requests.HelpRequestFactory.in_state(status, member=world.organisation, **fields)
    assert help_request.status == status
    assert help_request.transitions.last().to_status == status


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["matched", "active", "closed"])
def test_a_request_with_a_volunteer_reaches_its_state(status):
    organisation = organisations.OrganisationFactory()
    profile = volunteers.volunteer(organisation)
    bring = {
        "matched": matching.matched_request,
        "active": engagements.active_request,
        "closed": engagements.closed_request,
    }[status]
    help_request = bring(profile, organisation=organisation, area=profile.area)
    assert help_request.status == status
