"""Consultations: a policy officer or a manager asks the volunteers, professionals and
organisations involved for their view on a policy question before deciding (report 4.3: consult
volunteers on important policy developments; 5.2 and 5.4: involve volunteer organisations in
policy from the start). Every write in one transaction.

Who is asked. A municipality's consultation asks, per perspective chosen: the volunteers with an
active enrolment at an organisation of the municipality, the professionals of its organisations,
and its organisations (each through its managers and coordinators, who answer for it). An
organisation's consultation asks its own volunteers and professionals.

What the organiser sees: the answers grouped per perspective, without names unless the person
chose to sign; a group with fewer answers than `settings.SMALL_COUNT` is not shown (only the
answers signed in it), so that nobody can be recognised by a small number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen import jobs, notation
from meedoen.cooperation.models import (
    Consultation,
    ConsultationAnswer,
    Respondent,
    Stance,
)
from meedoen.errors import DomainError
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_many
from meedoen.organisations.models import Membership, Municipality, Organisation
from meedoen.permissions import is_admin
from meedoen.volunteers.models import Enrolment

LEADERS = (Membership.Role.MANAGER, Membership.Role.COORDINATOR)


class ConsultationRefused(DomainError):
    pass


# --- Who organises where ----------------------------------------------------------------------


def organisations_to_ask_for(user: Any) -> list[Organisation]:
    """The organisations for which this person may open a consultation (their manager)."""
    if user is None or not user.is_authenticated:
        return []
    ids = user.organisation_ids(Membership.Role.MANAGER)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def municipalities_to_ask_for(user: Any) -> list[Municipality]:
    """The municipalities for which this person may open one (their policy officer)."""
    if user is None or not user.is_authenticated:
        return []
    return list(Municipality.objects.filter(pk__in=user.policy_municipality_ids()).order_by("name"))


def organises(user: Any, consultation: Consultation) -> bool:
    return Consultation.objects.organised_by(user).filter(pk=consultation.pk).exists()


@transaction.atomic
def open_consultation(
    by: Any,
    *,
    title: str,
    question: str,
    closes_on: date,
    ask: list[str],
    background: str = "",
    has_proposal: bool = False,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
) -> Consultation:
    """Open a consultation for an organisation (its manager) or a municipality (its policy
    officer)."""
    if organisation is not None:
        allowed = is_admin(by) or organisation in organisations_to_ask_for(by)
        municipality = organisation.municipality
    elif municipality is not None:
        allowed = is_admin(by) or municipality in municipalities_to_ask_for(by)
    else:
        allowed = False
    if not allowed or municipality is None:
        raise ConsultationRefused(_("You cannot open a consultation for this organisation."))
    if not title.strip() or not question.strip():
        raise ConsultationRefused(_("Give the consultation a title and a question."))
    if closes_on < timezone.localdate():
        raise ConsultationRefused(_("Choose a closing date that is today or later."))
    asked = set(ask) & {str(r) for r in Respondent}
    if organisation is not None:
        # An organisation asks its own people; the organisations are the municipality's to ask.
        asked.discard(Respondent.ORGANISATIONS)
    if not asked:
        raise ConsultationRefused(_("Choose whom you ask: volunteers, professionals or both."))
    consultation = Consultation.objects.create(
        municipality=municipality,
        organisation=organisation,
        title=title.strip(),
        question=question.strip(),
        background=background.strip(),
        has_proposal=has_proposal,
        closes_on=closes_on,
        ask_volunteers=Respondent.VOLUNTEERS in asked,
        ask_professionals=Respondent.PROFESSIONALS in asked,
        ask_organisations=Respondent.ORGANISATIONS in asked,
        opened_by=by,
        language=written_language(),
    )
    # Everyone asked hears of it: thousands in a large municipality, so the worker tells
    # them after the commit (the job is written in this transaction and goes if it rolls back).
    jobs.enqueue(
        "meedoen.cooperation.consultations.notify_asked", consultation.pk, group="consultations"
    )
    return consultation


# --- Who is asked -----------------------------------------------------------------------------


def _volunteering_at(user: Any) -> list[tuple[int, int]]:
    """(organisation, municipality) where the person is an active volunteer."""
    return list(
        Enrolment.objects.filter(profile__user_id=user.pk, status=Enrolment.Status.ACTIVE)
        .order_by()
        .values_list("organisation_id", "organisation__municipality_id")
    )


def _member_at(user: Any, *roles: str) -> list[tuple[int, int]]:
    return list(
        Membership.objects.filter(user_id=user.pk, is_active=True, role__in=roles)
        .order_by()
        .values_list("organisation_id", "organisation__municipality_id")
    )


def _reached(places: list[tuple[int, int]]) -> Q:
    """The consultations of these organisations and of their municipalities."""
    if not places:
        return Q(pk__in=[])
    return Q(organisation_id__in={o for o, _m in places}) | Q(
        organisation=None, municipality_id__in={m for _o, m in places}
    )


def asking(user: Any) -> QuerySet[Consultation]:
    """Every consultation that asks this person, open or closed."""
    if user is None or not user.is_authenticated:
        return Consultation.objects.none()
    condition = Q(ask_volunteers=True) & _reached(_volunteering_at(user))
    condition |= Q(ask_professionals=True) & _reached(
        _member_at(user, Membership.Role.PROFESSIONAL)
    )
    led = _member_at(user, *LEADERS)
    if led:
        condition |= Q(
            ask_organisations=True,
            organisation=None,
            municipality_id__in={m for _o, m in led},
        )
    return Consultation.objects.filter(condition)


def asked_people(consultation: Consultation) -> QuerySet[Any]:
    """Everyone this consultation asks: the accounts `asking` finds it for."""
    organisations = (
        Organisation.objects.filter(pk=consultation.organisation_id)
        if consultation.organisation_id is not None
        else Organisation.objects.filter(municipality_id=consultation.municipality_id)
    ).values("pk")
    members = Membership.objects.filter(organisation__in=organisations, is_active=True)
    condition = Q(pk__in=[])
    if consultation.ask_volunteers:
        condition |= Q(
            pk__in=Enrolment.objects.filter(
                organisation__in=organisations, status=Enrolment.Status.ACTIVE
            ).values("profile__user_id")
        )
    if consultation.ask_professionals:
        condition |= Q(pk__in=members.filter(role=Membership.Role.PROFESSIONAL).values("user_id"))
    if consultation.ask_organisations and consultation.organisation_id is None:
        condition |= Q(pk__in=members.filter(role__in=LEADERS).values("user_id"))
    return get_user_model().objects.filter(condition, is_active=True)


def notify_asked(consultation_id: int) -> int:
    """The worker's job after a consultation opens: everyone it asks is told, once each
    (running it again tells nobody twice), while it is open. Returns how many were told."""
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().filter(pk=consultation_id).first()
        if consultation is None or not consultation.is_open_on(timezone.localdate()):
            return 0
        return notify_many(
            asked_people(consultation),
            Kind.CONSULTATION,
            lambda: (
                _('Your view is asked: "%(title)s". You can answer until %(day)s.')
                % {"title": consultation.title, "day": notation.day(consultation.closes_on)}
            ),
            reverse("consultations:answer", args=[consultation.pk]),
            about=f"consultation:{consultation.pk}",
        )


def open_for(user: Any, today: date | None = None) -> QuerySet[Consultation]:
    """The consultations that ask this person and still take answers."""
    today = today or timezone.localdate()
    return asking(user).filter(closes_on__gte=today).order_by("closes_on", "pk")


def answered_by(user: Any) -> QuerySet[Consultation]:
    """Consultations this person answered (where they read what became of it)."""
    if user is None or not user.is_authenticated:
        return Consultation.objects.none()
    return Consultation.objects.filter(answers__respondent_id=user.pk)


def perspectives(user: Any, consultation: Consultation) -> list[tuple[str, Organisation | None]]:
    """The ways this person may answer this consultation: (perspective, organisation they
    answer for, for the perspective of an organisation)."""
    if user is None or not user.is_authenticated:
        return []
    within = (
        {consultation.organisation_id}
        if consultation.organisation_id is not None
        else set(
            Organisation.objects.filter(municipality_id=consultation.municipality_id).values_list(
                "pk", flat=True
            )
        )
    )
    ways: list[tuple[str, Organisation | None]] = []
    if consultation.ask_volunteers and any(o in within for o, _m in _volunteering_at(user)):
        ways.append((Respondent.VOLUNTEERS, None))
    if consultation.ask_professionals and any(
        o in within for o, _m in _member_at(user, Membership.Role.PROFESSIONAL)
    ):
        ways.append((Respondent.PROFESSIONALS, None))
    if consultation.ask_organisations and consultation.organisation_id is None:
        led = sorted({o for o, _m in _member_at(user, *LEADERS) if o in within})
        for organisation in Organisation.objects.filter(pk__in=led).order_by("name"):
            ways.append((Respondent.ORGANISATIONS, organisation))
    return ways


def way_key(perspective: str, organisation: Organisation | None) -> str:
    return perspective if organisation is None else f"{perspective}:{organisation.pk}"


# --- Answer -----------------------------------------------------------------------------------


@transaction.atomic
def answer(
    user: Any,
    consultation: Consultation,
    *,
    way: str,
    text: str,
    stance: str = "",
    signed: bool = False,
    today: date | None = None,
) -> ConsultationAnswer:
    """Answer (or change one's answer) while the consultation is open."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open_on(today or timezone.localdate()):
        raise ConsultationRefused(_("This consultation is closed: answers are no longer taken."))
    ways = {way_key(p, o): (p, o) for p, o in perspectives(user, consultation)}
    if way not in ways:
        raise ConsultationRefused(_("Choose for whom you answer."))
    if not text.strip():
        raise ConsultationRefused(_("Write your answer."))
    if stance and (not consultation.has_proposal or stance not in Stance.values):
        raise ConsultationRefused(_("Choose agree, partly agree or disagree."))
    perspective, organisation = ways[way]
    found, _created = ConsultationAnswer.objects.update_or_create(
        consultation=consultation,
        respondent=user,
        defaults={
            "perspective": perspective,
            "organisation": organisation,
            "text": text.strip(),
            "stance": stance,
            "signed": signed,
            "language": written_language(),
        },
    )
    return found


# --- Close: what we did with it ---------------------------------------------------------------


@transaction.atomic
def respond(by: Any, consultation: Consultation, text: str, today: date | None = None) -> None:
    """The organiser says what was done with the answers; the respondents read it."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not organises(by, consultation):
        raise ConsultationRefused(_("Only the organiser of this consultation can do this."))
    if consultation.is_open_on(today or timezone.localdate()):
        raise ConsultationRefused(_("Write what you did with the answers after the closing date."))
    if not text.strip():
        raise ConsultationRefused(_("Write what you did with the answers."))
    consultation.response = text.strip()
    consultation.responded_at = timezone.now()
    consultation.response_language = written_language()
    consultation.save(update_fields=["response", "responded_at", "response_language"])


# --- What the organiser sees ------------------------------------------------------------------


@dataclass
class Shown:
    """One answer as the organiser sees it: a name only when signed."""

    text: str
    stance: str
    name: str = ""
    language: str = "nl"


@dataclass
class Group:
    perspective: str
    label: Any
    #: None when the group is too small to show (1 to SMALL_COUNT - 1 answers).
    count: int | None
    stances: list[tuple[Any, int]] = field(default_factory=list)
    answers: list[Shown] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.count is None


def grouped(consultation: Consultation) -> tuple[list[Group], int | None, list[int]]:
    """The answers per perspective asked, small groups hidden; the total (None when a group
    is hidden, so that the hidden count cannot be worked out) and the respondents shown."""
    k = settings.SMALL_COUNT
    rows = list(
        consultation.answers.select_related("respondent", "organisation").order_by(
            "answered_at", "pk"
        )
    )
    groups: list[Group] = []
    shown_people: list[int] = []
    for perspective in consultation.asked:
        mine = [a for a in rows if a.perspective == perspective]
        small = 0 < len(mine) < k
        visible = [a for a in mine if a.signed] if small else mine
        group = Group(
            perspective=perspective,
            label=Respondent(perspective).label,
            count=None if small else len(mine),
        )
        if not small and consultation.has_proposal:
            group.stances = [
                (label, sum(1 for a in mine if a.stance == value))
                for value, label in Stance.choices
            ]
        for a in visible:
            name = ""
            if a.signed:
                name = a.respondent.get_full_name() or a.respondent.username
                if a.organisation is not None:
                    name = f"{name} ({a.organisation.name})"
            group.answers.append(
                Shown(text=a.text, stance=a.get_stance_display(), name=name, language=a.language)
            )
            shown_people.append(a.respondent_id)
        groups.append(group)
    total = None if any(g.hidden for g in groups) else len(rows)
    return groups, total, shown_people


def held_in(municipality_id: int, organisation_ids: Any, since: date, until: date) -> int:
    """The consultations opened in a period: for the whole municipality (`organisation_ids`
    None) those of the municipality and of its organisations, else those of these
    organisations. A count of questions, not of people: nothing to hide."""
    found = Consultation.objects.filter(
        municipality_id=municipality_id,
        created_at__date__gte=since,
        created_at__date__lte=until,
    )
    if organisation_ids is not None:
        found = found.filter(organisation_id__in=organisation_ids)
    return found.count()


@dataclass
class Participation:
    """Consultations opened in a period, the people they asked and the answers they got.
    `asked` counts each consultation's people (one person asked twice counts twice); the
    answers are people's words, so a number of 1 to SMALL_COUNT - 1 is hidden (None)."""

    held: int
    asked: int
    answers: int | None

    @property
    def percentage(self) -> int | None:
        if self.answers is None or not self.asked:
            return None
        return round(100 * self.answers / self.asked)


def asked_count(consultation: Consultation) -> int:
    """How many people the consultation asks now: its volunteers, professionals and (for a
    municipality's) the coordinators and managers who answer for their organisations."""
    if consultation.organisation_id is not None:
        within = Organisation.objects.filter(pk=consultation.organisation_id)
    else:
        within = Organisation.objects.filter(municipality_id=consultation.municipality_id)
    people: set[int] = set()
    if consultation.ask_volunteers:
        people |= set(
            Enrolment.objects.filter(
                organisation__in=within, status=Enrolment.Status.ACTIVE
            ).values_list("profile__user_id", flat=True)
        )
    roles = []
    if consultation.ask_professionals:
        roles.append(Membership.Role.PROFESSIONAL)
    if consultation.ask_organisations and consultation.organisation_id is None:
        roles.extend(LEADERS)
    if roles:
        people |= set(
            Membership.objects.filter(
                organisation__in=within, is_active=True, role__in=roles
            ).values_list("user_id", flat=True)
        )
    return len(people)


def participation(
    municipality_id: int, organisation_ids: Any, since: date, until: date
) -> Participation:
    """Participation in the consultations opened in a period (as `held_in`)."""
    found = Consultation.objects.filter(
        municipality_id=municipality_id,
        created_at__date__gte=since,
        created_at__date__lte=until,
    )
    if organisation_ids is not None:
        found = found.filter(organisation_id__in=organisation_ids)
    consultations = list(found)
    answers = ConsultationAnswer.objects.filter(consultation__in=found).count()
    return Participation(
        held=len(consultations),
        asked=sum(asked_count(c) for c in consultations),
        answers=None if 0 < answers < settings.SMALL_COUNT else answers,
    )
