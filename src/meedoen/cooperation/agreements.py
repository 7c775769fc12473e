"""Cooperation agreements: an organisation and a partner organisation (or the municipality) put
in writing who does what, who to contact and how concerns go up (report 3.4.3: in the nursing
home volunteers and professionals work within clear agreements on the division of tasks; 4.3:
clear agreements on what volunteers may and may not do prevent wrong expectations; 5.2: a clear
division of tasks and of responsibilities). Every write in one transaction.

A coordinator or manager of the organisation drafts it; it holds until each side confirmed it: the
organisation's manager, and the partner's manager (the municipality's policy officer when the
municipality is the partner). Once both confirmed, the activities it names go into the
organisation's task-division register (`organisations.services.record_task_division`), which
refuses to give volunteers what the boundary policy keeps for professionals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from meedoen import notify
from meedoen.catalogue import policy
from meedoen.cooperation.models import Agreement
from meedoen.errors import DomainError
from meedoen.i18n import written_language
from meedoen.organisations import services as organisation_services
from meedoen.organisations.models import (
    Membership,
    MunicipalityMembership,
    Organisation,
    TaskDivision,
)
from meedoen.permissions import is_admin

HERE = "here"
#: An e-mail address or a phone number: a person's own details, not kept in an agreement.
PRIVATE_CONTACT = re.compile(r"\S+@\S+\.\w+|\+?\d[\d\s().-]{7,}\d")
PARTNER = "partner"


class AgreementRefused(DomainError):
    pass


def organisations_to_draft_for(user: Any) -> list[Organisation]:
    """The organisations whose coordinator or manager this person is."""
    if user is None or not user.is_authenticated:
        return []
    ids = user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def sides(user: Any, agreement: Agreement) -> list[str]:
    """The sides this person confirms for: the organisation's (its manager), the partner's (its
    manager, or the municipality's policy officer when the municipality is the partner)."""
    if user is None or not user.is_authenticated:
        return []
    if is_admin(user):
        return [HERE, PARTNER]
    managed = user.organisation_ids(Membership.Role.MANAGER)
    found = []
    if agreement.organisation_id in managed:
        found.append(HERE)
    if agreement.partner_id is not None:
        if agreement.partner_id in managed:
            found.append(PARTNER)
    elif agreement.municipality_id in user.policy_municipality_ids():
        found.append(PARTNER)
    return found


def _volunteers_may(organisation: Organisation, activities: Iterable[Any]) -> None:
    for activity in activities:
        decision = policy.decide(organisation.boundary_policy, activity.level, None)
        if not decision.volunteer_allowed:
            raise AgreementRefused(
                _("%(activity)s stays with professionals: %(reason)s")
                % {"activity": activity.name, "reason": decision.reasons[0]}
            )


def _check(
    organisation: Organisation,
    texts: list[str],
    contacts: list[str],
    review_on: date,
    volunteer_activities: list,
) -> None:
    if not all(text.strip() for text in texts):
        raise AgreementRefused(_("Fill in every part of the agreement."))
    if any(PRIVATE_CONTACT.search(text) for text in contacts):
        raise AgreementRefused(
            _(
                "Leave out e-mail addresses and phone numbers: name a first name and a role, "
                "and reach each other through Meedoen or the organisation."
            )
        )
    if review_on <= timezone.localdate():
        raise AgreementRefused(_("Choose a date ahead to look at the agreement again."))
    _volunteers_may(organisation, volunteer_activities)


@transaction.atomic
def draft(
    by: Any,
    organisation: Organisation,
    *,
    partner: Organisation | None,
    title: str,
    volunteer_tasks: str,
    professional_tasks: str,
    contact_here: str,
    contact_partner: str,
    escalation: str,
    review_on: date,
    volunteer_activities: Iterable[Any] = (),
    professional_activities: Iterable[Any] = (),
) -> Agreement:
    """A draft by a coordinator or manager of the organisation, with a partner of the same
    municipality (or the municipality itself)."""
    if not (is_admin(by) or organisation in organisations_to_draft_for(by)):
        raise AgreementRefused(
            _("Only a coordinator or manager of the organisation can draft its agreements.")
        )
    if partner is not None and (
        partner.pk == organisation.pk or partner.municipality_id != organisation.municipality_id
    ):
        raise AgreementRefused(_("Choose another organisation of the municipality as partner."))
    texts = [title, volunteer_tasks, professional_tasks, contact_here, contact_partner, escalation]
    volunteer_activities = list(volunteer_activities)
    _check(organisation, texts, [contact_here, contact_partner], review_on, volunteer_activities)
    agreement = Agreement.objects.create(
        municipality_id=organisation.municipality_id,
        organisation=organisation,
        partner=partner,
        title=title.strip(),
        volunteer_tasks=volunteer_tasks.strip(),
        professional_tasks=professional_tasks.strip(),
        contact_here=contact_here.strip(),
        contact_partner=contact_partner.strip(),
        escalation=escalation.strip(),
        review_on=review_on,
        created_by=by,
        language=written_language(),
    )
    agreement.volunteer_activities.set(volunteer_activities)
    agreement.professional_activities.set(list(professional_activities))
    return agreement


def may_amend(user: Any, agreement: Agreement) -> bool:
    """A coordinator or manager of either party changes the agreement."""
    if user is None or not user.is_authenticated:
        return False
    if is_admin(user):
        return True
    led = user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)
    return agreement.organisation_id in led or agreement.partner_id in led


#: What a change may touch; the parties stay.
AMENDABLE = (
    "title",
    "volunteer_tasks",
    "professional_tasks",
    "contact_here",
    "contact_partner",
    "escalation",
    "review_on",
)


@transaction.atomic
def amend(
    by: Any,
    agreement: Agreement,
    *,
    volunteer_activities: Iterable[Any] = (),
    professional_activities: Iterable[Any] = (),
    **values: Any,
) -> Agreement:
    """Change an agreement (a coordinator or manager of a party). What was agreed changes, so
    both sides confirm it again; the register follows once they have. The audit log records
    who changed it, without the values."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not may_amend(by, agreement):
        raise AgreementRefused(
            _("Only a coordinator or manager of a party can change the agreement.")
        )
    values = {key: (value.strip() if isinstance(value, str) else value)
              for key, value in values.items() if key in AMENDABLE}  # fmt: skip
    volunteer_activities = list(volunteer_activities)
    texts = [values.get(key, getattr(agreement, key)) for key in AMENDABLE[:-1]]
    _check(
        agreement.organisation,
        texts,
        [values.get(key, getattr(agreement, key)) for key in ("contact_here", "contact_partner")],
        values.get("review_on", agreement.review_on),
        volunteer_activities,
    )
    for key, value in values.items():
        setattr(agreement, key, value)
    agreement.language = written_language()
    agreement.confirmed_here_by = agreement.confirmed_partner_by = None
    agreement.confirmed_here_at = agreement.confirmed_partner_at = None
    agreement.save()
    agreement.volunteer_activities.set(volunteer_activities)
    agreement.professional_activities.set(list(professional_activities))
    return agreement


def _division(agreement: Agreement) -> dict[Any, str]:
    volunteers = set(agreement.volunteer_activities.all())
    professionals = set(agreement.professional_activities.all())
    division = {a: TaskDivision.DoneBy.VOLUNTEERS for a in volunteers - professionals}
    division |= {a: TaskDivision.DoneBy.PROFESSIONALS for a in professionals - volunteers}
    division |= {a: TaskDivision.DoneBy.BOTH for a in volunteers & professionals}
    return division


def _register(agreement: Agreement, by: Any) -> int:
    """Record the agreed division in the organisation's task-division register, where it
    differs from the entry in force. Returns the number of entries made."""
    current = dict(
        TaskDivision.objects.filter(organisation=agreement.organisation)
        .current()
        .values_list("activity_id", "done_by")
    )
    made = 0
    for activity, done_by in sorted(_division(agreement).items(), key=lambda item: item[0].pk):
        if current.get(activity.pk) == done_by:
            continue
        organisation_services.record_task_division(
            by,
            agreement.organisation,
            activity=activity,
            done_by=done_by,
            since=timezone.localdate(),
            reason=str(_("Cooperation agreement: %(title)s") % {"title": agreement.title})[:300],
        )
        made += 1
    return made


@transaction.atomic
def confirm(by: Any, agreement: Agreement, side: str) -> Agreement:
    """One side confirms. When both have, the division goes into the register."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if side not in sides(by, agreement):
        raise AgreementRefused(_("You cannot confirm for this side."))
    now = timezone.now()
    if side == HERE:
        if agreement.confirmed_here_at is not None:
            raise AgreementRefused(_("This side has already confirmed."))
        agreement.confirmed_here_by, agreement.confirmed_here_at = by, now
    else:
        if agreement.confirmed_partner_at is not None:
            raise AgreementRefused(_("This side has already confirmed."))
        agreement.confirmed_partner_by, agreement.confirmed_partner_at = by, now
    agreement.save()
    if agreement.is_confirmed:
        recorder = agreement.confirmed_here_by
        if recorder is None or not organisation_services.keeps_task_division(
            recorder, agreement.organisation
        ):
            recorder = by
        _register(agreement, recorder)
    return agreement


def review_due_for(user: Any, today: date | None = None) -> QuerySet[Agreement]:
    """Confirmed agreements this person confirms for whose review date has come."""
    today = today or timezone.localdate()
    if user is None or not user.is_authenticated:
        return Agreement.objects.none()
    managed = user.organisation_ids(Membership.Role.MANAGER)
    mine = Q(organisation_id__in=managed) | Q(partner_id__in=managed)
    mine |= Q(partner=None, municipality_id__in=user.policy_municipality_ids())
    return Agreement.objects.filter(
        mine,
        confirmed_here_at__isnull=False,
        confirmed_partner_at__isnull=False,
        review_on__lte=today,
    ).order_by("review_on", "pk")


def waiting_for(user: Any) -> QuerySet[Agreement]:
    """Drafts that wait for this person's side."""
    if user is None or not user.is_authenticated:
        return Agreement.objects.none()
    managed = user.organisation_ids(Membership.Role.MANAGER)
    here = Q(organisation_id__in=managed, confirmed_here_at__isnull=True)
    partner = Q(partner_id__in=managed) | Q(
        partner=None, municipality_id__in=user.policy_municipality_ids()
    )
    return Agreement.objects.filter(here | (partner & Q(confirmed_partner_at__isnull=True)))


# --- Reminders before the review date ---------------------------------------------------------

#: How many days before the review date the parties are reminded.
REMIND_DAYS_AHEAD = 30


def _reminded_people(agreement: Agreement) -> list[Any]:
    """The coordinators and managers of both parties; the policy officers of the municipality
    when it is the partner."""
    from django.contrib.auth import get_user_model

    parties = [agreement.organisation_id]
    if agreement.partner_id is not None:
        parties.append(agreement.partner_id)
    people = Q(
        memberships__organisation_id__in=parties,
        memberships__is_active=True,
        memberships__role__in=(Membership.Role.COORDINATOR, Membership.Role.MANAGER),
    )
    if agreement.partner_id is None:
        people |= Q(
            municipality_memberships__municipality_id=agreement.municipality_id,
            municipality_memberships__is_active=True,
            municipality_memberships__role=MunicipalityMembership.Role.POLICY_OFFICER,
        )
    return list(get_user_model().objects.filter(people, is_active=True).distinct())


def remind_before_review(today: date | None = None) -> int:
    """Remind the parties of each confirmed agreement whose review date is at most
    REMIND_DAYS_AHEAD days away, once per review date (a new date is reminded again).
    Returns the number of agreements reminded."""
    from django.utils import translation

    today = today or timezone.localdate()
    due = Agreement.objects.filter(
        confirmed_here_at__isnull=False,
        confirmed_partner_at__isnull=False,
        review_on__gte=today,
        review_on__lte=today + timedelta(days=REMIND_DAYS_AHEAD),
    ).exclude(reminded_for=F("review_on"))
    reminded = 0
    for agreement_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            agreement = (
                Agreement.objects.select_for_update()
                .select_related("organisation")
                .filter(pk=agreement_id)
                .exclude(reminded_for=F("review_on"))
                .first()
            )
            if agreement is None:
                continue
            for person in _reminded_people(agreement):
                language = getattr(person, "language", "") or "nl"
                with translation.override(language):
                    subject = _('Look at the agreement "%(title)s" again') % {
                        "title": agreement.title
                    }
                    body = _(
                        'The cooperation agreement "%(title)s" of %(organisation)s is to be '
                        "looked at again on %(day)s. Is it still how you work together? Talk it "
                        "over with the other side, and change it in Meedoen where needed."
                    ) % {
                        "title": agreement.title,
                        "organisation": agreement.organisation.name,
                        "day": formats.date_format(agreement.review_on, "j F Y"),
                    }
                notify.send([person.email], subject, body, language=language)
            agreement.reminded_for = agreement.review_on
            agreement.save(update_fields=["reminded_for"])
            reminded += 1
    return reminded
