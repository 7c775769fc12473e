"""Who may help whom, and how well they fit: the matching rules. Pure: no database.

A pair of a volunteer and a request is feasible only when every hard rule holds (the boundary
policy first). A feasible pair gets a score from named components, each between 0 and 1, times
a weight; every suggestion can say in words what fits, what does not, and what its score is
made of.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen import availability, notation
from meedoen.catalogue import policy
from meedoen.organisations.weights import COMPONENTS

#: The skill that makes a volunteer "trained" for care a widened policy opens.
CARE_TRAINING = "care-training"

#: Which motives go well with which activities (report 4.3: the right person in the right place).
MOTIVE_ACTIVITIES: dict[str, frozenset[str]] = {
    "social-contact": frozenset(
        {
            "visiting",
            "buddy",
            "social-activities",
            "walks-outings",
            "cooking-together",
            "carer-support",
            "respite",
        }
    ),
    "development": frozenset(
        {
            "odd-jobs",
            "administration",
            "education",
            "homework-support",
            "information-advice",
            "neighbourhood-initiative",
            "transport",
        }
    ),
    "lived-experience": frozenset(
        {"peer-contact", "mental-health-peer", "addiction-peer", "buddy"}
    ),
}
#: Motives that fit any activity.
GENERAL_MOTIVES = frozenset({"helping-others", "useful-occupation", "required"})


@dataclass(frozen=True)
class Volunteer:
    id: int
    organisation_ids: frozenset[int]
    skills: frozenset[str]
    wants: frozenset[str]
    motives: frozenset[str]
    availability: int
    latitude: float
    longitude: float
    travel_km: float
    languages: frozenset[str]
    hours_left: float
    assignments_left: int
    vog_valid: bool
    helped: frozenset[int] = frozenset()
    recent_load: int = 0

    @property
    def trained_for_care(self) -> bool:
        return CARE_TRAINING in self.skills


@dataclass(frozen=True)
class Activity:
    code: str
    name: str
    level: policy.CareLevel


@dataclass(frozen=True)
class Request:
    id: int
    organisation_ids: frozenset[int]  # the handling organisation, or its network for a desk
    policy: policy.Policy
    activities: tuple[Activity, ...]
    self_reliance: int | None
    has_responsible_professional: bool
    needs_vog: bool
    required_skills: frozenset[str]
    availability: int
    latitude: float
    longitude: float
    languages: frozenset[str]
    hours_needed: float = 2.0
    waiting_days: int = 0
    urgent: bool = False
    person: int | None = None


@dataclass(frozen=True)
class Weights:
    activity: float = 30.0
    skill: float = 10.0
    motive: float = 10.0
    distance: float = 20.0
    continuity: float = 15.0
    waiting: float = 10.0
    urgency: float = 10.0
    load: float = 5.0

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COMPONENTS}


COMPONENT_LABELS = {
    "activity": gettext_lazy("activities they would like to do"),
    "skill": gettext_lazy("skills"),
    "motive": gettext_lazy("motives"),
    "distance": gettext_lazy("nearby"),
    "continuity": gettext_lazy("helped this person before"),
    "waiting": gettext_lazy("waiting time of the request"),
    "urgency": gettext_lazy("urgency"),
    "load": gettext_lazy("spreading the load"),
}
DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Verdict:
    """`problems` rule a volunteer out (a pair with one is never suggested); `misses` only
    lower the score of a feasible pair, and say why it is less suitable."""

    feasible: bool
    problems: tuple[str, ...]
    score: float = 0.0
    components: dict[str, float] = field(default_factory=dict)
    fits: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()

    def labelled_components(self, weights: Weights | None = None) -> list[tuple[str, float, float]]:
        """(label, value between 0 and 1, points it adds) for every component."""
        weights = weights or DEFAULT_WEIGHTS
        return [
            (str(COMPONENT_LABELS[name]), value, round(getattr(weights, name) * value, 1))
            for name, value in self.components.items()
        ]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def problems(v: Volunteer, r: Request) -> list[str]:
    """Every hard rule the pair breaks; an empty list means the pair is feasible."""
    found: list[str] = []
    if not r.activities:
        found.append(_("The request has no volunteer part."))
    for activity in r.activities:
        access = policy.volunteer_access(r.policy, activity.level)
        if access is policy.Access.CLOSED:
            found.append(
                _("%(activity)s is not volunteer work under the policy.")
                % {"activity": activity.name}
            )
        elif access is policy.Access.TRAINED_ONLY and not v.trained_for_care:
            found.append(
                _("%(activity)s needs a volunteer trained for it.") % {"activity": activity.name}
            )
    if policy.oversight_for(r.self_reliance) is policy.Oversight.PROFESSIONAL and not (
        r.has_responsible_professional
    ):
        found.append(_("A responsible professional must be linked first."))
    if not v.organisation_ids & r.organisation_ids:
        found.append(_("Not a volunteer of the handling organisation or its network."))
    if r.needs_vog and not v.vog_valid:
        found.append(_("No valid certificate of conduct (VOG)."))
    missing = r.required_skills - v.skills
    if missing:
        found.append(_("Lacks a required skill."))
    if not availability.overlaps(v.availability, r.availability):
        found.append(_("No part of the week in common."))
    if distance_km(v.latitude, v.longitude, r.latitude, r.longitude) > v.travel_km:
        found.append(_("Lives further away than they want to travel."))
    if r.languages and not v.languages & r.languages:
        found.append(_("No language in common."))
    if v.assignments_left <= 0 or v.hours_left < r.hours_needed:
        found.append(_("Has no time left this week."))
    return found


def judge(v: Volunteer, r: Request, weights: Weights = DEFAULT_WEIGHTS) -> Verdict:
    """Feasibility, and for a feasible pair its score, components and reasons in words."""
    hard = problems(v, r)
    if hard:
        return Verdict(False, tuple(hard))
    codes = {a.code for a in r.activities}
    fits: list[str] = []
    misses: list[str] = []
    wanted = codes & v.wants
    activity = len(wanted) / len(codes)
    if wanted:
        fits.append(
            _("Would like to do %(n)s of the %(total)s activities.")
            % {"n": len(wanted), "total": len(codes)}
        )
    else:
        misses.append(_("Did not say they would like to do these activities."))
    skill = (
        1.0 if not r.required_skills else len(r.required_skills & v.skills) / len(r.required_skills)
    )
    matching_motives = {
        m
        for m in v.motives
        if m in GENERAL_MOTIVES or codes & MOTIVE_ACTIVITIES.get(m, frozenset())
    }
    specific = {m for m in matching_motives if m not in GENERAL_MOTIVES}
    motive = 1.0 if specific else (0.5 if matching_motives else 0.0)
    if specific:
        fits.append(_("Their motives fit this kind of help."))
    km = distance_km(v.latitude, v.longitude, r.latitude, r.longitude)
    distance = 1.0 - (km / v.travel_km if v.travel_km > 0 else 0.0)
    fits.append(_("Lives %(distance)s away.") % {"distance": notation.distance(km)})
    continuity = 1.0 if r.person is not None and r.person in v.helped else 0.0
    if continuity:
        fits.append(_("Has helped this person before."))
    waiting = min(r.waiting_days / 60.0, 1.0)
    urgency = 1.0 if r.urgent else 0.0
    load = 1.0 / (1.0 + v.recent_load)
    if v.recent_load >= 3:
        misses.append(_("Already helps often; spread the load."))
    components = {
        "activity": activity,
        "skill": skill,
        "motive": motive,
        "distance": max(0.0, distance),
        "continuity": continuity,
        "waiting": waiting,
        "urgency": urgency,
        "load": load,
    }
    score = sum(getattr(weights, name) * value for name, value in components.items())
    return Verdict(True, (), round(score, 3), components, tuple(fits), tuple(misses))


def suggest(
    volunteers: Iterable[Volunteer], r: Request, weights: Weights = DEFAULT_WEIGHTS, limit: int = 10
) -> list[tuple[Volunteer, Verdict]]:
    """The best feasible volunteers for one request, highest score first (ties by id)."""
    verdicts = [(v, judge(v, r, weights)) for v in volunteers]
    feasible = [(v, verdict) for v, verdict in verdicts if verdict.feasible]
    feasible.sort(key=lambda pair: (-pair[1].score, pair[0].id))
    return feasible[:limit]
