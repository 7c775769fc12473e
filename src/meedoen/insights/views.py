"""The dashboard of figures: for a policy officer their municipality, for a coordinator or a
manager their organisations; the CSV of each figure; the number of inhabitants per area."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.cooperation import consultations
from meedoen.errors import DomainError
from meedoen.insights import presentation, scopes, selectors, services
from meedoen.insights.forms import FiltersForm
from meedoen.insights.services import PopulationForm
from meedoen.organisations.models import Municipality
from meedoen.permissions import Role, current_role, is_admin, role_required


def _form(request) -> tuple[FiltersForm, str]:
    role = scopes.dashboard_role(request.user, current_role(request))
    if role is None:
        raise Http404
    return FiltersForm(request.GET, user=request.user, role=role), role


@role_required(Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER)
def dashboard(request):
    form, _role = _form(request)
    scope = form.scope() if form.is_valid() else None
    figures = []
    if scope is not None:
        for figure in selectors.dashboard(scope, form.filters()):
            figures.append(
                {
                    "figure": figure,
                    "table": presentation.table(figure),
                    "chart": presentation.chart(figure),
                }
            )
    query = request.GET.urlencode()
    held = None
    if scope is not None:
        held = consultations.participation(
            scope.municipality.pk,
            scope.organisation_ids,
            form.cleaned_data["start"],
            form.cleaned_data["end"],
        )
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "figures": figures,
            "query": query,
            "small_count": selectors.SMALL_COUNT,
            "consultations_held": held,
            "may_edit_population": scope is not None
            and (
                is_admin(request.user)
                or scope.municipality.pk in request.user.policy_municipality_ids()
            ),
        },
        status=200 if scope is not None else 400,
    )


@role_required(Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER)
def figure_csv(request, key: str):
    build = selectors.FIGURES.get(key)
    if build is None:
        raise Http404
    form, _role = _form(request)
    scope = form.scope() if form.is_valid() else None
    if scope is None:
        return dashboard(request)
    figure = build(scope, form.filters())
    response = HttpResponse(presentation.csv_text(figure), content_type="text/csv; charset=utf-8")
    name = f"{key}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required(Role.POLICY_OFFICER)
def population(request, municipality_id: int):
    """The number of inhabitants per area and the year it is from, kept by the municipality's
    policy officer."""
    allowed = Municipality.objects.all()
    if not is_admin(request.user):
        allowed = allowed.filter(pk__in=request.user.policy_municipality_ids())
    municipality = get_object_or_404(allowed, pk=municipality_id)
    areas = list(municipality.areas.order_by("kind", "name"))
    forms = [
        PopulationForm(request.POST or None, instance=area, prefix=f"area-{area.pk}")
        for area in areas
    ]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        try:
            services.set_population(
                request.user,
                municipality,
                {
                    f.instance.pk: (f.cleaned_data["population"], f.cleaned_data["population_year"])
                    for f in forms
                },
            )
        except DomainError as error:
            return render(
                request,
                "insights/population.html",
                {"municipality": municipality, "forms": forms, "error": str(error)},
                status=400,
            )
        messages.success(request, _("The numbers of inhabitants are saved."))
        return redirect("insights:population", municipality.pk)
    return render(
        request,
        "insights/population.html",
        {"municipality": municipality, "forms": forms},
        status=400 if request.method == "POST" else 200,
    )
