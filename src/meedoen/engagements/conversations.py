"""Conversations on a case: who takes part, reading them (scoped like the case) and writing.

A case is an application (the volunteer and the coordinators of the vacancy's organisation),
an assignment (the volunteer and the coordinators of the organisation, a central desk's too)
or a referral (the receiving organisation's coordinators and professionals, and the
coordinators of the organisation that sent it). Anyone else, also someone who sees the case
in another role (the person helped, the responsible professional of an assignment), finds
no conversation: a 404. A new message tells the other side through a notification that
says only that a message waits, never what it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen import personal_data
from meedoen.engagements.models import Assignment, Message
from meedoen.engagements.models.conversations import MAX_LENGTH
from meedoen.errors import DomainError
from meedoen.i18n import written_language
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person, staff_of
from meedoen.permissions import is_admin
from meedoen.requests.models import ProfessionalReferral
from meedoen.volunteers.models import Application

KINDS = ("application", "assignment", "referral")


class ConversationError(DomainError):
    pass


@dataclass(frozen=True)
class Case:
    kind: str
    obj: Any

    @property
    def url(self) -> str:
        return reverse(f"engagements:conversation_{self.kind}", args=[self.obj.pk])

    def messages(self) -> models.QuerySet[Message]:
        return Message.objects.filter(**{self.kind: self.obj}).select_related("author")


def _cases(user, kind: str) -> models.QuerySet[Any]:
    """The cases of `kind` whose conversation `user` takes part in: the case's own scoping,
    narrowed to the two sides of the conversation."""
    if kind == "application":
        return Application.objects.visible_to(user).select_related(
            "vacancy__organisation", "profile__user"
        )
    if kind == "assignment":
        found = Assignment.objects.visible_to(user).select_related("profile__user", "help_request")
        if is_admin(user):
            return found
        return found.filter(
            Q(profile__user=user)
            | Q(organisation_id__in=user.coordinated_organisation_ids(with_network=True))
        )
    if kind == "referral":
        found = ProfessionalReferral.objects.select_related("help_request", "organisation")
        if is_admin(user):
            return found.all()
        received = ProfessionalReferral.objects.visible_to(user).values("pk")
        return found.filter(
            Q(pk__in=received)
            | Q(help_request__organisation_id__in=user.organisation_ids("coordinator"))
        )
    raise ValueError(kind)


def case_for(user, kind: str, pk) -> Case:
    """The case `pk` of `kind` when `user` takes part in its conversation; DoesNotExist else."""
    return Case(kind, _cases(user, kind).get(pk=pk))


def _other_side(case: Case, author) -> list[Any]:
    obj = case.obj
    if case.kind == "application":
        volunteer = obj.profile.user
        if author.pk == volunteer.pk:
            return list(staff_of(obj.vacancy.organisation_id))
        return [volunteer]
    if case.kind == "assignment":
        volunteer = obj.profile.user
        if author.pk == volunteer.pk:
            return list(staff_of(obj.organisation_id))
        return [volunteer]
    receivers = {obj.organisation_id}
    if receivers & author.organisation_ids("coordinator", "professional"):
        return list(staff_of(obj.help_request.organisation_id))
    if obj.responsible_professional_id:
        return [obj.responsible_professional]
    return list(staff_of(obj.organisation_id, "coordinator", "professional"))


def _sentence(case: Case):
    if case.kind == "application":
        title = case.obj.vacancy.title
        return lambda: (
            _("A new message waits for you about the application for “%(title)s”.")
            % {"title": title}
        )
    if case.kind == "assignment":
        return lambda: _("A new message waits for you about an assignment.")
    return lambda: _("A new message waits for you about a referral.")


@transaction.atomic
def post(user, kind: str, pk, body: str) -> Message:
    """`user` writes in the conversation of a case they take part in."""
    case = case_for(user, kind, pk)
    text = body.strip()
    if not text:
        raise ConversationError(_("Write a message."))
    if len(text) > MAX_LENGTH:
        raise ConversationError(
            _("A message has at most %(max)d characters.") % {"max": MAX_LENGTH}
        )
    message = Message.objects.create(
        **{kind: case.obj}, author=user, body=text, language=written_language()
    )
    others = [p for p in _other_side(case, user) if p.pk != user.pk]
    notify_person(others, Kind.MESSAGE, _sentence(case), case.url)
    return message


# --- the rights of the person --------------------------------------------------------------


def _theirs(user) -> Q:
    return Q(author=user) | Q(application__profile__user=user) | Q(assignment__profile__user=user)


def export(user) -> dict[str, Any]:
    rows = []
    for message in Message.objects.filter(_theirs(user)).order_by("created_at", "pk"):
        kind = next(k for k in KINDS if getattr(message, f"{k}_id"))
        rows.append(
            {
                "about": kind,
                "at": message.created_at,
                "written_by_you": message.author_id == user.pk,
                "message": message.body,
            }
        )
    return {"messages": rows}


def erase(user) -> None:
    """The messages a person wrote, and those in the conversations about their own
    applications and assignments, are deleted."""
    Message.objects.filter(_theirs(user)).delete()


def last_active(user):
    return Message.objects.filter(author=user).aggregate(last=Max("created_at"))["last"]


def register() -> None:
    personal_data.register(
        personal_data.Section(
            key="conversations",
            title=gettext_lazy("Conversations"),
            order=35,
            export=export,
            erase=erase,
            labels={
                "messages": gettext_lazy("Messages"),
                "about": gettext_lazy("about"),
                "at": gettext_lazy("at"),
                "written_by_you": gettext_lazy("written by you"),
                "message": gettext_lazy("message"),
            },
            last_active=last_active,
        )
    )
