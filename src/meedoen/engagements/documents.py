"""PDF documents a volunteer takes along: an hours statement for the school or social
service, and a certificate of experience for their CV. Tagged with title and language."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from meedoen import notation
from meedoen.engagements.models import Assignment, HoursEntry

#: The PDF core fonts speak Latin-1: typographic characters are written plainly.
PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "€": "EUR "})


def _plain(text) -> str:
    return str(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def _hours(value: Decimal) -> str:
    return notation.number(value)


class _Document(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.set_title(_plain(title))
        self.set_author("Meedoen")
        self.set_creator("Meedoen")
        self.set_lang(translation.get_language() or "nl")
        self.set_margins(20, 20, 20)
        self.add_page()
        self.set_font("Helvetica", "B", 18)
        self.multi_cell(0, 10, _plain(title), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def line_of(self, label: str, value: str) -> None:
        self.set_font("Helvetica", "B", 11)
        self.cell(60, 7, _plain(label))
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 7, _plain(value), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.ln(4)
        self.set_font("Helvetica", "B", 13)
        self.multi_cell(0, 8, _plain(text), new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 11)
        self.multi_cell(0, 6, _plain(text), new_x="LMARGIN", new_y="NEXT")

    def finish(self) -> bytes:
        self.ln(8)
        self.set_font("Helvetica", "I", 9)
        self.multi_cell(
            0,
            5,
            _plain(
                _("Made with Meedoen on %(date)s.") % {"date": notation.day(timezone.localdate())}
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        return bytes(self.output())


def hours_statement(enrolment, figures: dict) -> bytes:
    """Volunteer hours and guidance received, for the school or the social service."""
    person = enrolment.profile.user
    pdf = _Document(_("Statement of volunteer hours"))
    pdf.line_of(_("Volunteer"), person.get_full_name() or person.username)
    pdf.line_of(_("Organisation"), enrolment.organisation.name)
    if enrolment.sponsor_kind:
        pdf.line_of(
            _("For"),
            f"{enrolment.get_sponsor_kind_display()} {enrolment.sponsor_name}".strip(),
        )
    if enrolment.guide:
        pdf.line_of(_("Guide"), enrolment.guide.get_full_name() or enrolment.guide.username)
    pdf.line_of(_("Volunteer hours (approved)"), _hours(figures["worked"]))
    if enrolment.required_hours:
        pdf.line_of(_("Hours required"), str(enrolment.required_hours))
    if figures["first"]:
        pdf.line_of(
            _("Period"),
            f"{notation.day(figures['first'])} - {notation.day(figures['last'])}",
        )
    pdf.line_of(_("Guidance received (hours)"), _hours(figures["guided"]))
    if figures["sessions"]:
        pdf.heading(_("Guidance sessions"))
        for session in figures["sessions"]:
            pdf.paragraph(
                f"{notation.day(session.date)}: {notation.hours(session.hours)} - {session.topic}"
            )
    return pdf.finish()


def certificate(profile) -> bytes:
    """A certificate of experience: activities, skills used and hours, for a CV."""
    person = profile.user
    approved = HoursEntry.objects.approved().filter(assignment__profile=profile)
    total = approved.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    assignments = (
        Assignment.objects.filter(profile=profile)
        .select_related("organisation")
        .prefetch_related("tasks")
        .order_by("starts_on")
    )
    pdf = _Document(_("Certificate of volunteer experience"))
    pdf.paragraph(
        _(
            "%(name)s has done volunteer work through Meedoen. This certificate lists the "
            "activities, the skills used and the hours approved by the organisations."
        )
        % {"name": person.get_full_name() or person.username}
    )
    pdf.ln(3)
    pdf.line_of(_("Hours approved"), _hours(total))
    first = approved.order_by("date").values_list("date", flat=True).first()
    if first:
        pdf.line_of(_("Since"), notation.day(first))
    organisations = sorted({a.organisation.name for a in assignments})
    if organisations:
        pdf.line_of(_("Organisations"), ", ".join(organisations))
    activities = sorted({task.name for a in assignments for task in a.tasks.all()})
    if activities:
        pdf.heading(_("Activities"))
        for name in activities:
            pdf.paragraph(f"- {name}")
    skills = sorted(skill.name for skill in profile.skills.all())
    if skills:
        pdf.heading(_("Skills used"))
        for name in skills:
            pdf.paragraph(f"- {name}")
    return pdf.finish()
