"""Telling a person that something waits for them: in their list, and by e-mail as they chose.

Every app's service that asks something of someone calls `notify_person` in its own
transaction: a change that rolls back leaves no notification and no mail. The mail goes
through `meedoen.notify` (queued with the write, sent by the worker after the commit, never
twice); a daily digest collects what a person wanted once a day (`send_digests`, a job of the
worker). Least data: the text says what waits and where, never the content of a message,
never a code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meedoen import jobs, notify
from meedoen.notifications.models import Kind, Mail, MailPreferences, Notification

Text = Callable[[], Any] | Any


def _local(link: str) -> str:
    """Only a path inside Meedoen is kept as the place to act."""
    if not link.startswith("/") or link.startswith("//") or "\\" in link:
        raise ValueError("A notification links only to a path inside Meedoen.")
    return link


def staff_of(organisation_ids, *roles: str):
    """The active accounts holding one of `roles` in these organisations (by membership)."""
    from django.contrib.auth import get_user_model

    if isinstance(organisation_ids, int):
        organisation_ids = [organisation_ids]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id__in=list(organisation_ids),
            memberships__role__in=roles or ("coordinator",),
            memberships__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def preferences_of(person) -> MailPreferences:
    found = MailPreferences.objects.filter(person=person).first()
    return found or MailPreferences(person=person, language=translation.get_language() or "nl")


def notify_person(
    people: Iterable[Any],
    kind: str,
    text: Text,
    link: str,
    *,
    mail: tuple[Any, Any] | None = None,
) -> list[Notification]:
    """Tell each of `people` (accounts; inactive ones and repeats left out) that `text` waits
    at `link`, in the current transaction. `text` may be a callable that gives the sentence
    in the language it is called in: each person gets it in the language of their e-mails.

    Who wants it at once gets an e-mail: `mail` (subject, body) when the event has its own
    words, else the sentence. Who wants it daily finds it in the next digest."""
    link = _local(link)
    made: list[Notification] = []
    seen: set[int] = set()
    for person in people:
        if person is None or not person.is_active or person.pk in seen:
            continue
        seen.add(person.pk)
        preferences = preferences_of(person)
        sentences = {}
        for language in ("nl", "en"):
            with translation.override(language):
                sentences[language] = str(text() if callable(text) else text)[:300]
        with translation.override(preferences.language):
            sentence = sentences.get(preferences.language, sentences["nl"])
            choice = preferences.choice(kind)
            notification = Notification.objects.create(
                person=person,
                kind=kind,
                text_nl=sentences["nl"],
                text_en=sentences["en"],
                link=link,
                in_digest=choice == Mail.DAILY and bool(person.email),
            )
            if choice == Mail.NOW:
                subject, body = mail or (
                    _("Meedoen: %(what)s") % {"what": Kind(kind).label},
                    sentence + "\n\n" + _("Sign in to Meedoen and open your notifications."),
                )
                notify.send([person.email], subject, body, language=preferences.language)
        made.append(notification)
    return made


def open_notification(person, notification_id) -> Notification:
    """The person opens one of their notifications: it counts as read."""
    notification = Notification.objects.visible_to(person).get(pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(person) -> int:
    return Notification.objects.visible_to(person).unread().update(read_at=timezone.now())


@transaction.atomic
def set_preferences(person, choices: dict[str, str], language: str) -> MailPreferences:
    preferences, _created = MailPreferences.objects.get_or_create(person=person)
    preferences.choices = {kind: choices[kind] for kind in Kind.values if kind in choices}
    preferences.language = language
    preferences.save()
    # What waits for a digest the person no longer wants is not mailed later.
    for kind in Kind.values:
        if preferences.choice(kind) != Mail.DAILY:
            Notification.objects.filter(person=person, kind=kind, in_digest=True).update(
                in_digest=False
            )
    return preferences


@jobs.single("notification-digest")
def send_digests() -> int:
    """Once a day: one e-mail per person with what they wanted as a digest and have not read;
    each notification is taken out of the digest in the transaction that queues the mail, so
    it is never sent twice. Returns how many mails were queued."""
    people = (
        Notification.objects.filter(in_digest=True)
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    sent = 0
    for person_id in list(people):
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update()
                .filter(person_id=person_id, in_digest=True)
                .select_related("person")
                .order_by("created_at", "pk")
            )
            if not waiting:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(in_digest=False)
            unread = [n for n in waiting if n.read_at is None]
            person = waiting[0].person
            if not unread or not person.is_active or not person.email:
                continue
            preferences = preferences_of(person)
            with translation.override(preferences.language):
                subject = ngettext(
                    "Meedoen: %(count)d thing waits for you",
                    "Meedoen: %(count)d things wait for you",
                    len(unread),
                ) % {"count": len(unread)}
                lines = [f"- {n.text}" for n in unread]
                body = "\n".join(
                    [
                        _("Since yesterday:"),
                        *lines,
                        "",
                        _("Sign in to Meedoen and open your notifications."),
                    ]
                )
                notify.send([person.email], subject, body, language=preferences.language)
            sent += 1
    return sent
