"""A lifecycle as a table of steps: from which statuses, to which, by whom, with or without a
reason, and the label a person sees on the button. Pure: no database.

The apps declare their tables (assignments, hours, concerns, handovers, match proposals); the
services check a step against the table before they apply it and the pages offer the steps the
table allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.errors import DomainError


class TransitionError(DomainError):
    """A step the table does not allow; the message says why, for the person who tried."""


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    reason_required: bool
    label: Promise
    #: What to tell someone the step is not for (else a general refusal).
    refused: Promise | None = None
    #: What to ask for when the reason is missing (else a general request for a reason).
    reason_missing: Promise | None = None


def step(
    name: str,
    sources: Iterable[str],
    target: str,
    actors: Iterable[str],
    reason_required: bool,
    label: Promise,
    *,
    refused: Promise | None = None,
    reason_missing: Promise | None = None,
) -> Step:
    return Step(
        name,
        frozenset(sources),
        target,
        frozenset(actors),
        reason_required,
        label,
        refused,
        reason_missing,
    )


@dataclass(frozen=True)
class Lifecycle:
    """The statuses (with their labels), where a new object starts, where it ends, and the
    steps between."""

    noun: Promise
    statuses: Mapping[str, Promise]
    starts: frozenset[str]
    final: frozenset[str]
    steps: Mapping[str, Step] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        noun: Promise,
        statuses: Mapping[str, Promise],
        *,
        starts: Iterable[str],
        final: Iterable[str],
        steps: Iterable[Step],
    ) -> Lifecycle:
        return cls(
            noun, dict(statuses), frozenset(starts), frozenset(final), {s.name: s for s in steps}
        )

    @property
    def actors(self) -> frozenset[str]:
        """Everyone the table names."""
        return frozenset(a for s in self.steps.values() for a in s.actors)

    @property
    def open(self) -> frozenset[str]:
        """The statuses in which something can still happen."""
        return frozenset(self.statuses) - self.final

    def allows(self, name: str, status: str) -> bool:
        """Whether the step exists and may be taken from this status (by someone)."""
        found = self.steps.get(name)
        return found is not None and status in found.sources

    def available(self, status: str, actors: Iterable[str]) -> list[Step]:
        """The steps these actors may take from this status, in table order."""
        who = frozenset(actors)
        return [s for s in self.steps.values() if status in s.sources and s.actors & who]

    def names(self, status: str, actors: Iterable[str]) -> frozenset[str]:
        """The names of the steps these actors may take: what a page offers them."""
        return frozenset(s.name for s in self.available(status, actors))

    def label(self, status: str) -> Promise:
        return self.statuses[status]

    def check(self, name: str, status: str, actors: Iterable[str], reason: str = "") -> Step:
        """The step, if the table allows it for these actors with this reason; else refused.

        Who comes first: someone the step is not for learns no more than that."""
        found = self.steps.get(name)
        if found is None:
            raise TransitionError(_("There is no step called “%(name)s”.") % {"name": name})
        if not found.actors & frozenset(actors):
            raise TransitionError(
                found.refused or _("You may not take the step “%(step)s”.") % {"step": found.label}
            )
        if status not in found.sources:
            raise TransitionError(
                _("“%(step)s” is not possible now: the status is “%(status)s”.")
                % {"step": found.label, "status": self.statuses.get(status, status)}
            )
        if found.reason_required and not reason.strip():
            raise TransitionError(
                found.reason_missing
                or _("“%(step)s” needs a reason, so that everyone involved knows why.")
                % {"step": found.label}
            )
        return found

    def waiting_for(self, actors: Iterable[str]) -> frozenset[str]:
        """The statuses in which these actors have a step to take."""
        return frozenset(s for s in self.statuses if self.available(s, actors))

    def reachable(self) -> frozenset[str]:
        """Every status a new object can come to, following the steps."""
        seen = set(self.starts)
        frontier = list(self.starts)
        while frontier:
            status = frontier.pop()
            for s in self.steps.values():
                if status in s.sources and s.target not in seen:
                    seen.add(s.target)
                    frontier.append(s.target)
        return frozenset(seen)
