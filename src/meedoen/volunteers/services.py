"""Every write about volunteers and vacancies: in one transaction, checked in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meedoen import notify
from meedoen.accounts.models import User
from meedoen.catalogue import policy
from meedoen.errors import DomainError
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person, staff_of
from meedoen.organisations.models import Organisation, SubstitutionSignal
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import (
    PROFILE_PARTS,
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)


class VolunteerError(DomainError):
    """A write that cannot be done; the message is for the person who tried."""


# --- registration and the volunteer's own changes ------------------------------------------


@transaction.atomic
def register(
    *, account: dict, password: str, profile: dict, activities, skills, motives
) -> VolunteerProfile:
    user = User(**account)
    user.set_password(password)
    user.save()
    volunteer = VolunteerProfile.objects.create(user=user, **profile)
    volunteer.activities.set(activities)
    volunteer.skills.set(skills)
    volunteer.motives.set(motives)
    return volunteer


@transaction.atomic
def confirm_review(
    profile_id, *, motives, availability: int, hours_per_week: int, max_hours_per_week: int
) -> VolunteerProfile:
    """The volunteer confirms or updates motives, availability and hours."""
    volunteer = VolunteerProfile.objects.select_for_update().get(pk=profile_id)
    volunteer.availability = availability
    volunteer.hours_per_week = hours_per_week
    volunteer.max_hours_per_week = max_hours_per_week
    volunteer.reviewed_at = timezone.now()
    volunteer.save()
    volunteer.motives.set(motives)
    return volunteer


@transaction.atomic
def change_own_profile(profile_id, *, email: str, phone: str, **parts) -> VolunteerProfile:
    """The volunteer changes their own profile. What changed is kept on the profile with the
    moment, so their coordinators see it; saving last refreshes the matching pools."""
    volunteer = (
        VolunteerProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    )
    languages = ",".join(parts.pop("languages"))
    before = {
        "area": volunteer.area_id,
        "activities": set(volunteer.activities.values_list("pk", flat=True)),
        "skills": set(volunteer.skills.values_list("pk", flat=True)),
        "languages": set(volunteer.language_list),
        "availability": volunteer.availability,
        "travel_km": volunteer.travel_km,
        "max_hours_per_week": volunteer.max_hours_per_week,
    }
    after = {
        "area": parts["area"].pk,
        "activities": {a.pk for a in parts["activities"]},
        "skills": {s.pk for s in parts["skills"]},
        "languages": set(languages.split(",")),
        "availability": parts["availability"],
        "travel_km": parts["travel_km"],
        "max_hours_per_week": parts["max_hours_per_week"],
    }
    changed = [part for part, _label in PROFILE_PARTS if before[part] != after[part]]
    volunteer.area = parts["area"]
    volunteer.languages = languages
    volunteer.availability = parts["availability"]
    volunteer.travel_km = parts["travel_km"]
    volunteer.max_hours_per_week = parts["max_hours_per_week"]
    volunteer.hours_per_week = min(volunteer.hours_per_week, volunteer.max_hours_per_week)
    volunteer.activities.set(parts["activities"])
    volunteer.skills.set(parts["skills"])
    if changed:
        volunteer.changed_at = timezone.now()
        volunteer.changed_what = ",".join(changed)
    volunteer.save()
    user = volunteer.user
    user.email, user.phone = email, phone
    user.save(update_fields=["email", "phone"])
    return volunteer


@transaction.atomic
def pause_self(profile_id, *, until, reason: str, user) -> int:
    """Holiday or illness: every active enrolment pauses until the return date."""
    enrolments = list(
        Enrolment.objects.select_for_update().filter(profile_id=profile_id, status=lifecycle.ACTIVE)
    )
    if not enrolments:
        raise VolunteerError(
            _("You are not active at an organisation, so there is nothing to pause.")
        )
    for enrolment in enrolments:
        _change(enrolment, lifecycle.PAUSED, user, reason or _("Paused by the volunteer"))
        enrolment.paused_until = until
        enrolment.save(update_fields=["paused_until"])
    return len(enrolments)


@transaction.atomic
def resume_due(today) -> int:
    """Volunteers whose return date has come are active again (a daily job)."""
    due = list(
        Enrolment.objects.select_for_update().filter(
            status=lifecycle.PAUSED, paused_until__isnull=False, paused_until__lte=today
        )
    )
    for enrolment in due:
        _change(enrolment, lifecycle.ACTIVE, None, _("Back on the return date"))
        enrolment.paused_until = None
        enrolment.save(update_fields=["paused_until"])
    return len(due)


# --- the coordinator's intake ---------------------------------------------------------------


def _change(enrolment: Enrolment, target: str, actor, reason: str) -> None:
    change = EnrolmentStatusChange(
        enrolment=enrolment,
        from_status=enrolment.status,
        to_status=target,
        actor=actor,
        reason=reason,
    )
    enrolment.status = target
    enrolment.status_changed_at = timezone.now()
    enrolment.save(update_fields=["status", "status_changed_at"])
    change.save()


def _locked(enrolment_id) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("profile__user", "organisation")
        .get(pk=enrolment_id)
    )


@transaction.atomic
def change_status(enrolment_id, target: str, actor, reason: str, *, intake_at=None) -> Enrolment:
    enrolment = _locked(enrolment_id)
    try:
        lifecycle.check_change(enrolment.status, target, reason)
    except lifecycle.LifecycleError as exc:
        raise VolunteerError(str(exc)) from exc
    if target == lifecycle.ACTIVE:
        problems = lifecycle.activation_problems(
            volunteer_type=enrolment.profile.volunteer_type,
            has_guide=enrolment.guide_id is not None,
        )
        if problems:
            raise VolunteerError(" ".join(problems))
        enrolment.paused_until = None
    if target == lifecycle.INTAKE_PLANNED:
        if intake_at is None:
            raise VolunteerError(_("Give the date and time of the intake."))
        enrolment.intake_at = intake_at
    enrolment.save()
    _change(enrolment, target, actor, reason)
    if target == lifecycle.INTAKE_PLANNED:
        notify_person(
            [enrolment.profile.user],
            Kind.INTAKE,
            lambda: (
                _("An intake with %(organisation)s is planned on %(when)s.")
                % {
                    "organisation": enrolment.organisation.name,
                    "when": formats.date_format(timezone.localtime(intake_at), "j F Y, H:i"),
                }
            ),
            reverse("start:volunteer"),
        )
    return enrolment


@transaction.atomic
def take_on(profile_id, organisation: Organisation, actor, *, reason: str) -> Enrolment:
    """A coordinator takes a volunteer on at their organisation without a vacancy: someone
    who already volunteers there, known from paper or an earlier system. The enrolment goes
    the lifecycle's way to active, with the same checks as after an intake."""
    enrolment, _created = Enrolment.objects.get_or_create(
        profile_id=profile_id, organisation=organisation
    )
    if enrolment.status == lifecycle.ACTIVE:
        raise VolunteerError(
            _("This volunteer is already active at %(organisation)s.")
            % {"organisation": organisation}
        )
    if enrolment.status == lifecycle.STOPPED:
        _change(enrolment, lifecycle.APPLICANT, actor, reason)
    return change_status(enrolment.pk, lifecycle.ACTIVE, actor, reason)


@transaction.atomic
def update_guidance(
    enrolment_id,
    *,
    volunteer_type: str,
    sponsor_kind: str,
    sponsor_name: str,
    required_hours,
    guide,
) -> Enrolment:
    enrolment = _locked(enrolment_id)
    if (
        guide is not None
        and not guide.memberships.filter(
            organisation=enrolment.organisation, is_active=True
        ).exists()
    ):
        raise VolunteerError(
            _("The guide must work at %(organisation)s.") % {"organisation": enrolment.organisation}
        )
    enrolment.sponsor_kind = sponsor_kind
    enrolment.sponsor_name = sponsor_name
    enrolment.required_hours = required_hours
    enrolment.guide = guide
    enrolment.save()
    VolunteerProfile.objects.filter(pk=enrolment.profile_id).update(volunteer_type=volunteer_type)
    return enrolment


@transaction.atomic
@transaction.atomic
def record_intake(enrolment_id, *, skills, intake_note: str) -> Enrolment:
    """The coordinator records the skills and talents found at the intake, and a note."""
    enrolment = Enrolment.objects.select_for_update().select_related("profile").get(pk=enrolment_id)
    enrolment.intake_note = intake_note
    enrolment.save(update_fields=["intake_note"])
    enrolment.profile.skills.set(skills)
    enrolment.profile.save()  # the matching pools are read again
    return enrolment


def record_vog(profile_id, issued_on) -> None:
    if issued_on and issued_on > timezone.localdate():
        raise VolunteerError(_("A certificate of conduct cannot be issued in the future."))
    VolunteerProfile.objects.filter(pk=profile_id).update(vog_issued_on=issued_on)


# --- vacancies --------------------------------------------------------------------------


@dataclass
class Refusal:
    activity: str
    reason: str


class VacancyRefused(VolunteerError):
    def __init__(self, refusals: list[Refusal], alternatives: list[Organisation]):
        self.refusals = refusals
        self.alternatives = alternatives
        super().__init__("; ".join(r.reason for r in refusals))


def boundary_refusals(organisation: Organisation, activities) -> list[tuple]:
    """Activities the organisation's policy does not open to volunteers, with the decision."""
    return [
        (activity, decision)
        for activity in activities
        for decision in [policy.decide(organisation.boundary_policy, activity.level, None)]
        if not decision.volunteer_allowed
    ]


def create_vacancy(*, organisation: Organisation, fields: dict, activities, skills) -> Vacancy:
    """Post a vacancy, unless it asks volunteers for what the boundary policy keeps for
    professionals: then it is refused with the reason and the professional alternative, and
    the attempt is recorded as a substitution signal."""
    refused = boundary_refusals(organisation, activities)
    if refused:
        with transaction.atomic():
            SubstitutionSignal.objects.bulk_create(
                [
                    SubstitutionSignal(
                        organisation=organisation,
                        activity=activity,
                        kind=SubstitutionSignal.Kind.VACANCY_REFUSED,
                        reference=fields.get("title", "")[:40],
                    )
                    for activity, _decision in refused
                ]
            )
        alternatives = list(
            Organisation.objects.professional()
            .filter(municipality=organisation.municipality)
            .exclude(pk=organisation.pk)
            .order_by("name")
        )
        raise VacancyRefused(
            [Refusal(activity.name, str(decision.reasons[0])) for activity, decision in refused],
            alternatives,
        )
    with transaction.atomic():
        vacancy = Vacancy.objects.create(organisation=organisation, **fields)
        vacancy.activities.set(activities)
        vacancy.skills.set(skills)
    return vacancy


@transaction.atomic
def apply(vacancy_id, profile: VolunteerProfile, message: str) -> Application:
    vacancy = Vacancy.objects.select_related("organisation").get(pk=vacancy_id)
    if not vacancy.is_open:
        raise VolunteerError(_("This vacancy is closed."))
    application, created = Application.objects.get_or_create(
        vacancy=vacancy,
        profile=profile,
        defaults={"message": message, "language": written_language()},
    )
    if not created:
        raise VolunteerError(_("You have already responded to this vacancy."))
    if vacancy.contact_email:
        notify.send_after_commit(
            [vacancy.contact_email],
            _("New response to “%(title)s”") % {"title": vacancy.title},
            _("A volunteer has responded to your vacancy in Meedoen. Sign in to read it."),
        )
    notify_person(
        staff_of(vacancy.organisation_id),
        Kind.APPLICATION,
        lambda: _("A volunteer responded to “%(title)s”.") % {"title": vacancy.title},
        reverse("volunteers:applications", args=[vacancy.pk]),
    )
    return application


def _decide(application_id, status, actor, answer) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__organisation", "profile__user")
        .get(pk=application_id)
    )
    if application.status in (Application.Status.ACCEPTED, Application.Status.DECLINED):
        raise VolunteerError(_("A decision has already been taken on this response."))
    application.status = status
    application.answer = answer
    application.answer_language = written_language()
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    email = application.profile.user.email
    subject = _("Your response to “%(title)s”") % {"title": application.vacancy.title}
    if status == Application.Status.INVITED:
        # The notification tells of the intake (`change_status`); the answer comes by mail.
        if email and answer:
            notify.send_after_commit([email], subject, answer)
    else:
        notify_person(
            [application.profile.user],
            Kind.APPLICATION,
            lambda: (
                _("Your response to “%(title)s” has been answered.")
                % {"title": application.vacancy.title}
            ),
            reverse("volunteers:vacancy", args=[application.vacancy_id]),
            mail=(subject, answer) if answer else None,
        )
    return application


def _enrolment_for(application) -> Enrolment:
    enrolment, _created = Enrolment.objects.get_or_create(
        profile=application.profile, organisation=application.vacancy.organisation
    )
    return enrolment


@transaction.atomic
def invite(application_id, actor, *, intake_at, answer: str) -> Application:
    application = _decide(application_id, Application.Status.INVITED, actor, answer)
    enrolment = _enrolment_for(application)
    if enrolment.status in (lifecycle.APPLICANT, lifecycle.STOPPED):
        if enrolment.status == lifecycle.STOPPED:
            _change(enrolment, lifecycle.APPLICANT, actor, _("Responded to a vacancy again"))
        change_status(
            enrolment.pk,
            lifecycle.INTAKE_PLANNED,
            actor,
            _("Invited to intake after responding to “%(title)s”")
            % {"title": application.vacancy.title},
            intake_at=intake_at,
        )
    return application


@transaction.atomic
def accept(application_id, actor, *, answer: str) -> Application:
    application = _decide(application_id, Application.Status.ACCEPTED, actor, answer)
    enrolment = _enrolment_for(application)
    if enrolment.status != lifecycle.ACTIVE:
        if enrolment.status == lifecycle.STOPPED:
            _change(enrolment, lifecycle.APPLICANT, actor, _("Responded to a vacancy again"))
        change_status(
            enrolment.pk,
            lifecycle.ACTIVE,
            actor,
            _("Accepted for “%(title)s”") % {"title": application.vacancy.title},
        )
    return application


@transaction.atomic
def decline(application_id, actor, *, answer: str) -> Application:
    if not answer.strip():
        raise VolunteerError(_("Write a kind message to the volunteer."))
    return _decide(application_id, Application.Status.DECLINED, actor, answer)
