"""The one way Meedoen sends e-mail: queued with the write, delivered by the worker.

A message is a row (`OutgoingMail`) written in the transaction of the change it tells
about: a change that rolls back sends nothing, and a saved change always has its message.
The worker delivers the rows that are due, each claimed by one delivery at a time and deleted
once the mail server took it, so nothing is sent twice; while the server is down a message
waits and is tried again, later each time, for up to two days. A mail server that is down
never turns a saved write into an error.

Least data: a message says what happened and where to look, the details stay in Meedoen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

#: Waits between attempts while the mail server is down; after the last, the message is
#: given up (logged, and deleted with its addresses).
RETRY_AFTER = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
    timedelta(hours=12),
    timedelta(hours=24),
]
#: How long one delivery holds a message before another may try it.
CLAIM = timedelta(minutes=5)

_silenced: ContextVar[bool] = ContextVar("meedoen_notify_silenced", default=False)


@contextmanager
def silenced() -> Iterator[None]:
    """Steps taken inside queue no messages, also not the ones their services leave for
    after the commit (the demo: its people do not exist; an import of the past: its people
    are not to hear about old requests)."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def send(recipients: Iterable[str | None], subject: Any, body: Any, language: str | None = None):
    """Queue one message to these addresses (each once), in `language` when given, in the
    current transaction; the worker delivers it once that transaction has committed."""
    from meedoen.models import OutgoingMail

    emails = sorted({r for r in recipients if r})
    if not emails or _silenced.get():
        return
    with translation.override(language or translation.get_language()):
        subject, body = str(subject), str(body)
    OutgoingMail.objects.create(recipients=emails, subject=subject[:255], body=body)
    transaction.on_commit(_deliver_soon)


#: Queued with the write: sent only when it commits (texts may be lazy, put into `language`).
send_after_commit = send


def after_commit(job: Callable[[], None]) -> None:
    """Run `job` (that queues messages through `send`) once the transaction has committed,
    for messages that read the committed state; a failure in it is logged, never raised into
    the saved write."""

    quiet = _silenced.get()

    def guarded() -> None:
        try:
            if quiet:
                with silenced():
                    job()
            else:
                job()
        except Exception:
            logger.exception("A message after a saved change failed")

    transaction.on_commit(guarded)


def _deliver_soon() -> None:
    """Ask the worker to deliver now rather than at its next turn (a minute at most)."""
    from meedoen import jobs

    try:
        jobs.enqueue("meedoen.notify.deliver_due", group="mail")
    except Exception:  # the periodic turn delivers it
        logger.exception("Could not ask the worker to deliver a message now")


def deliver_due(limit: int = 200) -> int:
    """The worker's part: send the messages that are due, oldest first; returns how many the
    mail server took. Each is claimed with a conditional update before it is sent, so two
    deliveries at once never send the same message."""
    from meedoen.models import OutgoingMail

    sent = 0
    now = timezone.now()
    due = (
        OutgoingMail.objects.filter(next_attempt_at__lte=now)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in list(due):
        claimed = (
            OutgoingMail.objects.filter(pk=pk)
            .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
            .update(claimed_until=now + CLAIM)
        )
        if not claimed:
            continue  # another delivery has it
        message = OutgoingMail.objects.get(pk=pk)
        try:
            send_mail(message.subject, message.body, None, message.recipients)
        except Exception as error:
            _failed(message, error)
            continue
        message.delete()
        sent += 1
    return sent


def _failed(message, error: Exception) -> None:
    message.attempts += 1
    if message.attempts > len(RETRY_AFTER):
        logger.error(
            "A message %r was given up after %d attempts (%s)",
            message.subject,
            message.attempts,
            type(error).__name__,
        )
        message.delete()
        return
    logger.warning(
        "The mail server did not take %r (%s); trying again later",
        message.subject,
        type(error).__name__,
    )
    message.next_attempt_at = timezone.now() + RETRY_AFTER[message.attempts - 1]
    message.claimed_until = None
    message.save(update_fields=["attempts", "next_attempt_at", "claimed_until"])


def forget(addresses: Iterable[str | None]) -> None:
    """Erasure: messages still waiting for these addresses no longer go to them; a message
    left without recipients is deleted."""
    from meedoen.models import OutgoingMail

    gone = {address.strip().lower() for address in addresses if address and address.strip()}
    if not gone:
        return
    for message in OutgoingMail.objects.select_for_update().order_by("pk"):
        kept = [r for r in message.recipients if str(r).strip().lower() not in gone]
        if kept == message.recipients:
            continue
        if kept:
            message.recipients = kept
            message.save(update_fields=["recipients"])
        else:
            message.delete()
