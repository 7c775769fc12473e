"""The administrator's import page, and the template file of each kind."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from openpyxl import Workbook

from meedoen.addresses import client_address
from meedoen.catalogue.models import Activity
from meedoen.imports import columns, services
from meedoen.imports.forms import ImportForm
from meedoen.permissions import Role, role_required


@role_required(Role.ADMIN)
def start(request):
    """Choose the kind and the organisation, upload a file: check it (a trial run that keeps
    nothing) or import it (all rows or none)."""
    outcome = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        rows = form.rows() if form.is_valid() else None
        if rows is None:
            status = 400
        else:
            outcome = services.run(
                form.cleaned_data["kind"],
                rows,
                organisation=form.cleaned_data["organisation"],
                actor=request.user,
                dry_run=request.POST.get("action") != "import",
                address=client_address(request) or None,
            )
            if not outcome.ok:
                status = 400
            elif not outcome.dry_run:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s row imported into %(organisation)s.",
                        "%(count)s rows imported into %(organisation)s.",
                        outcome.imported,
                    )
                    % {
                        "count": outcome.imported,
                        "organisation": form.cleaned_data["organisation"],
                    },
                )
                return redirect("imports:start")
    else:
        form = ImportForm()
    kinds = [
        {"key": key, "name": name, "columns": columns.COLUMNS[key]}
        for key, name in columns.KINDS.items()
    ]
    return render(
        request,
        "imports/start.html",
        {"form": form, "outcome": outcome, "kinds": kinds, "activities": _activities()},
        status=status,
    )


def _activities():
    """The catalogue's activities by name, with who may do them under the default policy."""
    return [
        (activity.name, activity.get_care_level_display())
        for activity in Activity.objects.filter(is_active=True)
    ]


@role_required(Role.ADMIN)
def template(request, kind: str, file_format: str):
    """The template file of a kind: its headers in the page's language and one example row;
    a second sheet (XLSX) explains each column."""
    if kind not in columns.COLUMNS or file_format not in ("csv", "xlsx"):
        raise Http404
    kind_columns = columns.COLUMNS[kind]
    headers = [str(c.header) for c in kind_columns]
    example = [c.example for c in kind_columns]
    name = f"{_('import')}-{columns.KINDS[kind]}.{file_format}".replace(" ", "-")
    if file_format == "csv":
        import csv

        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(headers)
        writer.writerow(example)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = _("Rows")[:31]
        sheet.append(headers)
        sheet.append(example)
        explanation = book.create_sheet(_("Columns")[:31])
        explanation.append([_("Column"), _("Required"), _("Meaning")])
        for column in kind_columns:
            explanation.append(
                [str(column.header), _("yes") if column.required else _("no"), str(column.meaning)]
            )
        names = book.create_sheet(_("Activities")[:31])
        names.append([_("Activity"), _("Care level")])
        for name, level in _activities():
            names.append([str(name), str(level)])
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Language"] = get_language() or "nl"
    return response
