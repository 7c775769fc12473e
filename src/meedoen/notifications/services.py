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
Mail_ = tuple[Any, Any] | Callable[[], tuple[Any, Any]]


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
    mail: Mail_ | None = None,
    about: str = "",
) -> list[Notification]:
    """Tell each of `people` (accounts; inactive ones and repeats left out) that `text` waits
    at `link`, in the current transaction. `text` may be a callable that gives the sentence
    in the language it is called in: each person gets it in the language of their e-mails.

    Who wants it at once gets an e-mail: `mail` (subject, body) when the event has its own
    words (or a callable that gives them in the language it is called in), else the
    sentence. Who wants it daily finds it in the next digest. With `about` ("check-in:12") a
    person is told of it once only: who already was is left out."""
    link = _local(link)
    sentences = _sentences(text)
    made: list[Notification] = []
    seen: set[int] = set()
    if about:
        seen |= set(Notification.objects.filter(about=about).values_list("person_id", flat=True))
    for person in people:
        if person is None or not person.is_active or person.pk in seen:
            continue
        seen.add(person.pk)
        preferences = preferences_of(person)
        choice = preferences.choice(kind)
        notification = Notification.objects.create(
            person=person,
            kind=kind,
            text_nl=sentences["nl"],
            text_en=sentences["en"],
            link=link,
            about=about,
            in_digest=choice == Mail.DAILY and bool(person.email),
        )
        if choice == Mail.NOW:
            _mail_now(person, preferences.language, kind, sentences, mail)
        made.append(notification)
    return made


def _sentences(text: Text) -> dict[str, str]:
    """The sentence in each of Meedoen's languages."""
    sentences = {}
    for language in ("nl", "en"):
        with translation.override(language):
            sentences[language] = str(text() if callable(text) else text)[:300]
    return sentences


def _mail_now(person, language: str, kind: str, sentences: dict[str, str], mail) -> None:
    with translation.override(language):
        given = mail() if callable(mail) else mail
        subject, body = given or (
            _("Meedoen: %(what)s") % {"what": Kind(kind).label},
            sentences.get(language, sentences["nl"])
            + "\n\n"
            + _("Sign in to Meedoen and open your notifications."),
        )
        notify.send([person.email], subject, body, language=language)


#: How many people one step of `notify_many` writes at once.
CHUNK = 500


def notify_many(people, kind: str, text: Text, link: str, *, about: str) -> int:
    """`notify_person` for many people at once (everyone a consultation asks, thousands in a
    large municipality): `people` is a queryset of accounts, written in steps of `CHUNK`
    with one query for the preferences and one insert for the notifications per step.
    Everyone is told once only (`about`); returns how many were told now. Run it in a job
    of the worker, not in a web request: mail at once is still one message per person."""
    from django.contrib.auth import get_user_model

    if not about:
        raise ValueError("A notification to many people says what it is about.")
    link = _local(link)
    sentences = _sentences(text)
    told = Notification.objects.filter(about=about).values("person_id")
    ids = list(
        people.filter(is_active=True)
        .exclude(pk__in=told)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    made = 0
    for start in range(0, len(ids), CHUNK):
        step = ids[start : start + CHUNK]
        with transaction.atomic():
            persons = list(
                get_user_model().objects.filter(pk__in=step).only("pk", "email", "is_active")
            )
            chosen = {p.person_id: p for p in MailPreferences.objects.filter(person_id__in=step)}
            rows, now_mail = [], []
            for person in persons:
                preferences = chosen.get(person.pk) or MailPreferences(person=person)
                choice = preferences.choice(kind)
                rows.append(
                    Notification(
                        person=person,
                        kind=kind,
                        text_nl=sentences["nl"],
                        text_en=sentences["en"],
                        link=link,
                        about=about,
                        in_digest=choice == Mail.DAILY and bool(person.email),
                    )
                )
                if choice == Mail.NOW and person.email:
                    now_mail.append((person, preferences.language))
            # The callers hold a lock, so nobody is told meanwhile; the database keeps it so.
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            for person, language in now_mail:
                _mail_now(person, language, kind, sentences, None)
            made += len(rows)
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
