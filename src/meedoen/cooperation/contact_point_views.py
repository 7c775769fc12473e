"""The page where an organisation with professionals names its contact point for
volunteers, and the page where volunteers and coordinators find one with one search."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from meedoen.cooperation import contact_points as services
from meedoen.cooperation.forms import ContactPointForm, ContactPointSearchForm
from meedoen.errors import DomainError
from meedoen.organisations.models import ContactPoint
from meedoen.permissions import Role, role_required


def _people(organisation) -> list[tuple[str, str]]:
    return [(str(u.pk), u.get_full_name() or u.username) for u in services.members(organisation)]


@role_required(Role.COORDINATOR, Role.MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    institutions = services.institutions_of(request.user)
    posted = None
    status = 200
    if request.method == "POST":
        chosen = request.POST.get("organisation", "")
        organisation = next((o for o in institutions if str(o.pk) == chosen), None)
        if organisation is None:
            raise Http404
        form = ContactPointForm(
            request.POST, prefix=f"o{organisation.pk}", people=_people(organisation)
        )
        if form.is_valid():
            person = services.members(organisation).get(pk=form.cleaned_data["person"])
            try:
                services.name(
                    request.user,
                    organisation,
                    person=person,
                    role=form.cleaned_data["role"],
                    reach=form.cleaned_data["reach"],
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved. Volunteers see the contact point now."))
                return redirect("contact_points:index")
        posted = (organisation.pk, form)
        status = 400
    rows = []
    for organisation in institutions:
        point = ContactPoint.objects.filter(organisation=organisation).first()
        if posted and posted[0] == organisation.pk:
            form = posted[1]
        else:
            initial = (
                {"person": str(point.person_id), "role": point.role, "reach": point.reach}
                if point
                else None
            )
            form = ContactPointForm(
                initial=initial, prefix=f"o{organisation.pk}", people=_people(organisation)
            )
        rows.append({"organisation": organisation, "point": point, "form": form})
    return render(request, "cooperation/contact_points.html", {"rows": rows}, status=status)


@role_required(Role.VOLUNTEER, Role.PROFESSIONAL, Role.COORDINATOR, Role.MANAGER, Role.GUIDE)
def find(request: HttpRequest) -> HttpResponse:
    """One search over the contact points of the municipalities where the person volunteers
    or works: by area, organisation or topic (the contact point's role)."""
    form = ContactPointSearchForm(request.GET or None)
    findable = services.findable_by(request.user)
    found = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            found = services.search(findable, form.cleaned_data["q"])
        else:
            status = 400
    return render(
        request,
        "cooperation/contact_points_find.html",
        {"form": form, "found": found, "any": findable.exists()},
        status=status,
    )
