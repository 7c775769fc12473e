"""The agenda page, the page of its private calendar link, and the calendar feed itself.

The agenda is a volunteer's and a coordinator's: what is their own, and what is their
organisation's (`agenda.events`). The feed answers a calendar program, which signs in with
nothing but the link's secret: an unknown, revoked or replaced secret, and the link of a
deactivated or erased account, get 404.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from meedoen import limits
from meedoen.accounts.audit import record_reads_of
from meedoen.addresses import client_address
from meedoen.agenda import events as agenda
from meedoen.agenda import ical, services
from meedoen.forms import ask_to_confirm, confirmed
from meedoen.permissions import Role, role_required
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile

ROLES = (Role.VOLUNTEER, Role.COORDINATOR)
#: The page shows this week and the weeks after it.
WEEKS_SHOWN = 8
#: The feed holds a few weeks back (a calendar keeps what it showed) and half a year ahead.
FEED_WEEKS_BACK = 4
FEED_WEEKS_AHEAD = 26


@role_required(*ROLES)
def agenda_page(request):
    user = request.user
    first_monday = agenda.monday_of(agenda.today())
    end = first_monday + timedelta(weeks=WEEKS_SHOWN)
    found = agenda.between(user, first_monday, end)
    overdue = agenda.overdue_check_ins(user, first_monday)
    # A coordinator reads the first names of their organisation's people: reads of their files.
    shown = [*overdue, *found]
    record_reads_of(
        request,
        (HelpRequest, [event.request_id for event in shown]),
        (VolunteerProfile, [event.profile_id for event in shown]),
    )
    return render(
        request,
        "agenda/agenda.html",
        {
            "weeks": agenda.weeks(found, first_monday, WEEKS_SHOWN),
            "overdue": overdue,
            "today": agenda.today(),
            "has_link": services.working(user) is not None,
        },
    )


@role_required(*ROLES)
def link_page(request):
    """The private link: make one (shown this once), see since when it works, stop it."""
    user = request.user
    secret = None
    if request.method == "POST":
        if services.working(user) is not None and not confirmed(request):
            # A new link stops the one in use: ask first.
            return ask_to_confirm(
                request,
                title=_("Make a new calendar link?"),
                question=_("Are you sure you want to make a new calendar link?"),
                consequence=_(
                    "The link you use now stops working: your calendar program no longer "
                    "shows your Meedoen agenda until you add the new link to it."
                ),
                yes=_("Yes, make a new link"),
                no=_("No, keep the link I have"),
                back=reverse("agenda:link"),
            )
        _feed, secret = services.make_link(user, language=translation.get_language() or "nl")
        messages.success(request, _("Your calendar link has been made."))
    feed = services.working(user)
    return render(
        request,
        "agenda/link.html",
        {
            "feed": feed,
            "link": request.build_absolute_uri(reverse("agenda:feed", args=[secret]))
            if secret
            else None,
        },
    )


@role_required(*ROLES)
@require_POST
def revoke_link(request):
    if not confirmed(request):  # a stopped link cannot work again: ask first
        return ask_to_confirm(
            request,
            title=_("Stop your calendar link?"),
            question=_("Are you sure you want to stop your calendar link?"),
            consequence=_(
                "Your calendar program then no longer shows your Meedoen agenda. This cannot "
                "be undone; you can make a new link and add it to your calendar again."
            ),
            yes=_("Yes, stop the link"),
            no=_("No, keep the link"),
            back=reverse("agenda:link"),
        )
    if services.revoke(request.user):
        messages.success(request, _("Your calendar link no longer works."))
    return redirect("agenda:link")


@require_safe
def feed(request, secret: str):
    """The agenda as a calendar file, for the calendar program that has the link."""
    if not limits.attempt(services.FEED, services.digest(secret)):
        return HttpResponse(status=429, headers={"Retry-After": "3600"})
    found = services.find(secret)
    if found is None:
        if not limits.attempt(services.FEED_MISSES, client_address(request) or ""):
            return HttpResponse(status=429, headers={"Retry-After": "3600"})
        raise Http404
    user = found.user
    start = agenda.monday_of(agenda.today()) - timedelta(weeks=FEED_WEEKS_BACK)
    end = start + timedelta(weeks=FEED_WEEKS_BACK + FEED_WEEKS_AHEAD)
    with translation.override(found.language):
        body = ical.build(
            agenda.between(user, start, end),
            base_url=f"{request.scheme}://{request.get_host()}",
            host=request.get_host().split(":")[0],
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meedoen.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
