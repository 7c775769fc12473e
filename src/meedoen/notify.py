"""The one way Meedoen sends e-mail: after the write has been saved, never undoing it.

Least data: a message says what happened and where to look, the details stay in Meedoen.
A mail server that is down is logged; it never turns a saved write into an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

logger = logging.getLogger(__name__)


def send(recipients: Iterable[str | None], subject: Any, body: Any, language: str | None = None):
    """Send one message to these addresses now (each once), in `language` when given."""
    emails = sorted({r for r in recipients if r})
    if not emails:
        return
    with translation.override(language or translation.get_language()):
        subject, body = str(subject), str(body)
    try:
        send_mail(subject, body, None, emails)
    except Exception:
        logger.exception("E-mail %r to %d recipient(s) could not be sent", subject, len(emails))


def send_after_commit(
    recipients: Iterable[str | None], subject: Any, body: Any, language: str | None = None
) -> None:
    """Send once the transaction has committed (never for a rolled-back write). Texts may be
    lazy: they are put into `language` when the message goes."""
    emails = list(recipients)
    transaction.on_commit(lambda: send(emails, subject, body, language))


def after_commit(job: Callable[[], None]) -> None:
    """Run `job` (that sends messages through `send`) once the transaction has committed; a
    failure in it is logged, never raised into the saved write."""

    def guarded() -> None:
        try:
            job()
        except Exception:
            logger.exception("A message after a saved change failed")

    transaction.on_commit(guarded)
