"""The demand dossier of a village or neighbourhood: the list, the page and the PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from meedoen.insights import dossier as dossiers
from meedoen.insights.documents import dossier_pdf
from meedoen.insights.selectors import SMALL_COUNT
from meedoen.permissions import Role, role_required

DOSSIER_ROLES = (Role.POLICY_OFFICER, Role.COORDINATOR)


@role_required(*DOSSIER_ROLES)
def dossier_list(request):
    areas = dossiers.areas_for(request.user).select_related("municipality").distinct()
    return render(request, "insights/dossier/list.html", {"areas": areas})


def _area(request, pk: int):
    return get_object_or_404(
        dossiers.areas_for(request.user).select_related("municipality").distinct(), pk=pk
    )


@role_required(*DOSSIER_ROLES)
def dossier_page(request, pk: int):
    area = _area(request, pk)
    return render(
        request,
        "insights/dossier/dossier.html",
        {"dossier": dossiers.build(area), "small_count": SMALL_COUNT},
    )


def pdf_response(area) -> HttpResponse:
    response = HttpResponse(dossier_pdf(dossiers.build(area)), content_type="application/pdf")
    name = slugify(f"{_('demand dossier')} {area.name}") or "dossier"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@role_required(*DOSSIER_ROLES)
def dossier_download(request, pk: int):
    return pdf_response(_area(request, pk))
