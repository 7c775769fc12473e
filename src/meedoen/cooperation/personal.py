"""The self-assessment's part of the rights of the person (`meedoen.personal_data`): the
assessments a person was asked to answer (and their answers) and those they started.
Erasure unlinks the answers from the person (they stay in the figures, anonymous) and clears
the name and address kept with the invitation."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext_lazy

from meedoen import personal_data
from meedoen.cooperation import framework as fw
from meedoen.cooperation.models import Agreement, Assessment, ConsultationAnswer, Participant
from meedoen.organisations.models import ContactPoint, Membership, MunicipalityMembership

LABELS = {
    "participations": gettext_lazy("Cooperation assessments you were asked to answer"),
    "started": gettext_lazy("Cooperation assessments you started"),
    "assessment": gettext_lazy("cooperation"),
    "round": gettext_lazy("round"),
    "perspective": gettext_lazy("perspective"),
    "invited_at": gettext_lazy("invited at"),
    "answered_at": gettext_lazy("answered at"),
    "answers": gettext_lazy("answers"),
    "statement": gettext_lazy("statement"),
    "answer": gettext_lazy("answer"),
    "created_at": gettext_lazy("started at"),
    "closed_at": gettext_lazy("closed at"),
    "consultations": gettext_lazy("Consultations you answered"),
    "consultation": gettext_lazy("consultation"),
    "perspective_answered": gettext_lazy("you answered as"),
    "stance": gettext_lazy("your view on the proposal"),
    "signed": gettext_lazy("signed with your name"),
}


def export(user: Any) -> dict[str, Any]:
    participations = Participant.objects.filter(user=user).select_related("assessment")
    return {
        "participations": [
            {
                "assessment": p.assessment.title,
                "round": p.assessment.round,
                "perspective": str(fw.Perspective(p.perspective).label),
                "invited_at": p.invited_at,
                "answered_at": p.answered_at,
                "answers": [
                    {
                        "statement": str(fw.question_text(key)),
                        "answer": str(fw.answer_text(key, value)),
                    }
                    for key, value in p.answers.items()
                ],
            }
            for p in participations
        ],
        "started": [
            {
                "assessment": a.title,
                "round": a.round,
                "created_at": a.created_at,
                "closed_at": a.closed_at,
            }
            for a in Assessment.objects.filter(started_by=user)
        ],
        "consultations": [
            {
                "consultation": a.consultation.title,
                "perspective_answered": a.get_perspective_display(),
                "answers": a.text,
                "stance": a.get_stance_display(),
                "signed": a.signed,
                "answered_at": a.answered_at,
            }
            for a in ConsultationAnswer.objects.filter(respondent=user).select_related(
                "consultation"
            )
        ],
    }


#: What stands in an agreement's text where a person's name or details were.
REMOVED = "—"


def _agreements_around(user: Any) -> Any:
    """The agreements that may name this person: of the organisations they are or were a
    member of, of the municipalities where they are or were policy officer, and those they
    drafted or confirmed."""
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    municipalities = MunicipalityMembership.objects.filter(user=user).values("municipality_id")
    return Agreement.objects.filter(
        Q(organisation_id__in=organisations)
        | Q(partner_id__in=organisations)
        | Q(municipality_id__in=municipalities)
        | Q(created_by=user)
        | Q(confirmed_here_by=user)
        | Q(confirmed_partner_by=user)
    )


def _forget_in_agreements(user: Any) -> None:
    """An agreement names its contact points in words ("Anja, coordinator"): where this person
    is named (first name, surname, e-mail address or phone number), the words are replaced,
    so the role stays and the person is gone."""
    details = [user.get_full_name(), user.email, getattr(user, "phone", ""), user.last_name]
    details += [user.first_name]
    words = [re.escape(d.strip()) for d in details if d and len(d.strip()) >= 2]
    if not words:
        return
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)
    for agreement in _agreements_around(user):
        changed = []
        for field in ("contact_here", "contact_partner", "escalation"):
            text = getattr(agreement, field)
            cleared = pattern.sub(REMOVED, text)
            if cleared != text:
                setattr(agreement, field, cleared)
                changed.append(field)
        if changed:
            agreement.save(update_fields=changed)


def erase(user: Any) -> None:
    # An answer to a consultation is the person's own words: it goes with them.
    ConsultationAnswer.objects.filter(respondent=user).delete()
    # As a contact point for volunteers they are no use once erased: the organisation names
    # another.
    ContactPoint.objects.filter(person=user).delete()
    _forget_in_agreements(user)
    Participant.objects.filter(user=user).update(user=None, name="", email="", digest="")
    if user.email:
        Participant.objects.filter(email__iexact=user.email).update(name="", email="", digest="")


def last_active(user: Any) -> Any:
    return Participant.objects.filter(user=user).aggregate(last=Max("answered_at"))["last"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="cooperation",
            title=gettext_lazy("Cooperation assessments"),
            order=40,
            export=export,
            erase=erase,
            labels=LABELS,
            last_active=last_active,
        )
    )
