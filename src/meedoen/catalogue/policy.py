"""The boundary policy: what volunteers may do, and when a professional must hold responsibility.

"Welzijn mag wel, formele zorg niet": welfare yes, formal care no. The law itself only
reserves the acts of the Wet BIG for qualified professionals; the rest of the line is a
policy, so each organisation has one. This module decides on that policy. It is pure: no
database, no settings, only the facts it is given, so that it can be read and tested on its
own. The hard rules do not depend on the organisation's data: nursing, reserved acts and
treatment are never open to volunteers, and an organisation cannot open more than personal
care, and that only to trained volunteers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CareLevel(enum.IntEnum):
    """How formal the care in an activity is; higher is more formal."""

    WELFARE = 1  # welfare and support: company, transport, odd jobs, respite by being present
    HOUSEHOLD = 2  # household care as a Wmo provision
    PERSONAL = 3  # personal care (ADL): washing, dressing, toileting
    NURSING = 4  # nursing and reserved acts (Wet BIG): medication, injections, wound care
    TREATMENT = 5  # psychiatric or addiction treatment

    @property
    def label(self) -> Promise:
        return CARE_LEVEL_LABELS[self]


CARE_LEVEL_LABELS: dict[CareLevel, Promise] = {
    CareLevel.WELFARE: _("welfare and support"),
    CareLevel.HOUSEHOLD: _("household care"),
    CareLevel.PERSONAL: _("personal care"),
    CareLevel.NURSING: _("nursing and reserved acts"),
    CareLevel.TREATMENT: _("treatment"),
}

#: Every volunteer may do this much, under every policy.
BASE_VOLUNTEER_LEVEL = CareLevel.WELFARE
#: The widest an organisation's policy may open, and then to trained volunteers only.
WIDEST_VOLUNTEER_LEVEL = CareLevel.PERSONAL
#: Never open to volunteers, whatever an organisation's policy says.
PROFESSIONALS_ONLY = frozenset({CareLevel.NURSING, CareLevel.TREATMENT})

#: The self-reliance scale (as in the Dutch self-reliance matrix).
SELF_RELIANCE_LABELS: dict[int, Promise] = {
    1: _("1 - acute problems"),
    2: _("2 - not self-reliant"),
    3: _("3 - limited self-reliance"),
    4: _("4 - sufficiently self-reliant"),
    5: _("5 - fully self-reliant"),
}
SELF_RELIANCE_VALUES = tuple(SELF_RELIANCE_LABELS)


class Access(enum.StrEnum):
    """Whether volunteers may do an activity."""

    OPEN = "open"  # every volunteer of the organisation
    TRAINED_ONLY = "trained_only"  # only volunteers trained for it, under a widened policy
    CLOSED = "closed"  # professionals only


class Oversight(enum.StrEnum):
    """Who must be involved before and while a volunteer helps."""

    NONE = "none"  # volunteers and neighbourly help, matched directly
    COORDINATOR = "coordinator"  # volunteers with a coordinator's oversight
    PROFESSIONAL = "professional"  # a responsible professional (regiehouder) first


@dataclass(frozen=True)
class Policy:
    """An organisation's boundary policy: the highest level it opens to trained volunteers."""

    trained_volunteer_level: CareLevel = BASE_VOLUNTEER_LEVEL


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Reason:
    code: str
    message: Promise | str

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Decision:
    access: Access
    oversight: Oversight
    reasons: tuple[Reason, ...]

    @property
    def volunteer_allowed(self) -> bool:
        """A volunteer may do it (perhaps only a trained one)."""
        return self.access is not Access.CLOSED

    @property
    def professional_required(self) -> bool:
        """A responsible professional must be linked before a volunteer is matched."""
        return self.oversight is Oversight.PROFESSIONAL


def effective_trained_level(policy: Policy) -> CareLevel:
    """The policy's level, held to the hard limits whatever the stored value says."""
    return CareLevel(
        max(BASE_VOLUNTEER_LEVEL, min(int(policy.trained_volunteer_level), WIDEST_VOLUNTEER_LEVEL))
    )


def volunteer_access(policy: Policy, level: CareLevel) -> Access:
    if level in PROFESSIONALS_ONLY:
        return Access.CLOSED
    if level <= BASE_VOLUNTEER_LEVEL:
        return Access.OPEN
    if level <= effective_trained_level(policy):
        return Access.TRAINED_ONLY
    return Access.CLOSED


def oversight_for(self_reliance: int | None) -> Oversight:
    if self_reliance is None or self_reliance == 3:
        return Oversight.COORDINATOR
    if self_reliance not in SELF_RELIANCE_VALUES:
        raise ValueError(f"self-reliance must be 1 to 5, got {self_reliance!r}")
    if self_reliance <= 2:
        return Oversight.PROFESSIONAL
    return Oversight.NONE


def decide(policy: Policy, level: CareLevel, self_reliance: int | None) -> Decision:
    """Whether a volunteer may do an activity of this level for this person, and why."""
    level = CareLevel(level)
    access = volunteer_access(policy, level)
    oversight = oversight_for(self_reliance)
    reasons: list[Reason] = []

    if level in PROFESSIONALS_ONLY:
        reasons.append(
            Reason(
                "professionals_only",
                _(
                    "This is %(level)s: only qualified professionals may do it, under every "
                    "policy. Refer this part to a professional organisation."
                )
                % {"level": level.label},
            )
        )
    elif access is Access.OPEN:
        reasons.append(
            Reason(
                "welfare_open",
                _("This is welfare and support: volunteers may do it."),
            )
        )
    elif access is Access.TRAINED_ONLY:
        reasons.append(
            Reason(
                "trained_only",
                _(
                    "This is %(level)s. The organisation's policy opens it to volunteers who "
                    "are trained for it, and only to them; never instead of a Wmo provision."
                )
                % {"level": level.label},
            )
        )
    else:
        reasons.append(
            Reason(
                "policy_closed",
                _(
                    "This is %(level)s, which is formal care. The organisation's policy keeps it "
                    "for professionals: welfare yes, formal care no. Refer this part to a "
                    "professional organisation."
                )
                % {"level": level.label},
            )
        )

    if oversight is Oversight.PROFESSIONAL:
        reasons.append(
            Reason(
                "professional_required",
                _(
                    "The person is not self-reliant (level 1 or 2). A professional must hold "
                    "responsibility before a volunteer is matched; volunteers only add to "
                    "professional care, with that professional's consent."
                ),
            )
        )
    elif oversight is Oversight.COORDINATOR and self_reliance is None:
        reasons.append(
            Reason(
                "self_reliance_unknown",
                _(
                    "Self-reliance has not been assessed yet: a coordinator oversees until the "
                    "intake has placed it."
                ),
            )
        )
    elif oversight is Oversight.COORDINATOR:
        reasons.append(
            Reason(
                "coordinator_oversight",
                _(
                    "The person has limited self-reliance: volunteers help with a coordinator's "
                    "oversight."
                ),
            )
        )
    else:
        reasons.append(
            Reason(
                "direct",
                _("The person is self-reliant: a volunteer may be matched directly."),
            )
        )
    return Decision(access=access, oversight=oversight, reasons=tuple(reasons))
