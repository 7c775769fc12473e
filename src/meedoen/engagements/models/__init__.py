"""Assignments and what happens during them: hours, check-ins, concerns, handovers, guidance
and time credits."""

from meedoen.engagements.models.assignments import (
    AllowanceLimit,
    Assignment,
    CheckIn,
    GuidanceSession,
    HoursEntry,
)
from meedoen.engagements.models.concerns import Concern, ConcernEvent, Handover
from meedoen.engagements.models.conversations import Message
from meedoen.engagements.models.credits import CreditAccount, CreditEntry, CreditTransaction

__all__ = [
    "AllowanceLimit",
    "Assignment",
    "CheckIn",
    "Concern",
    "ConcernEvent",
    "CreditAccount",
    "CreditEntry",
    "CreditTransaction",
    "GuidanceSession",
    "Handover",
    "HoursEntry",
    "Message",
]
