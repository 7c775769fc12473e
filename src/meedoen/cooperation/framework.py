"""The report's framework as a questionnaire and its scoring: pure, typed, no database.

A cooperation between volunteers and professionals is described (report 2.4, 3.4, 5.3) by
its vision (instrumental or expressive), its steering model (1 substitution, 2 volunteers as
resources, 3 dialogue and facilitation, 4 no steering), its organisation type (who is
responsible, who does the primary work), its context (chapter 4) and four dimensions (role of
the volunteer, role of the professional, their relationship, role of management).

Each participant answers, per dimension, four statements (one typical of each model) on a
5-point agree scale, two questions on responsibility and work, and four on the vision. The
result is never one box: per dimension and overall a profile over the four models (shares
that sum to 100 %), because models blend and move (3.5.2). Perspectives are scored apart and
compared, because they can differ (the Dordrecht case, 3.4.1). See docs/cooperation.md.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

#: The agree scale: 1 strongly disagree ... 5 strongly agree.
SCALE = (1, 2, 3, 4, 5)
#: Fewer people than this of one perspective are not shown apart (merged into "others").
MINIMUM_GROUP = 3
#: Two perspectives diverge on a dimension when at least this share of one profile would
#: have to move to another model to match the other (half the summed differences, 0-100).
DIVERGENCE_THRESHOLD = 30.0
#: A model counts as part of the mix (its advice applies) from this share on.
IN_THE_MIX = 25.0


class Model(enum.IntEnum):
    SUBSTITUTION = 1
    RESOURCES = 2
    DIALOGUE = 3
    NO_STEERING = 4

    @property
    def label(self) -> Any:
        return MODEL_LABELS[self]

    @property
    def expressive(self) -> bool:
        return self in (Model.DIALOGUE, Model.NO_STEERING)


MODEL_LABELS = {
    Model.SUBSTITUTION: _("Steering on substitution"),
    Model.RESOURCES: _("Volunteers as resources"),
    Model.DIALOGUE: _("Dialogue and facilitation"),
    Model.NO_STEERING: _("No steering from outside"),
}
MODELS = tuple(Model)


class Dimension(enum.StrEnum):
    VOLUNTEER = "volunteer"
    PROFESSIONAL = "professional"
    RELATIONSHIP = "relationship"
    MANAGEMENT = "management"

    @property
    def label(self) -> Any:
        return DIMENSION_LABELS[self]


DIMENSION_LABELS = {
    Dimension.VOLUNTEER: _("Role of the volunteer"),
    Dimension.PROFESSIONAL: _("Role of the professional"),
    Dimension.RELATIONSHIP: _("Relationship between volunteers and professionals"),
    Dimension.MANAGEMENT: _("Role of management"),
}
DIMENSIONS = tuple(Dimension)


class Perspective(enum.StrEnum):
    VOLUNTEERS = "volunteers"
    PROFESSIONALS = "professionals"
    MANAGEMENT = "management"
    MUNICIPALITY = "municipality"

    @property
    def label(self) -> Any:
        return PERSPECTIVE_LABELS[self]


PERSPECTIVE_LABELS = {
    Perspective.VOLUNTEERS: _("Volunteers"),
    Perspective.PROFESSIONALS: _("Professionals"),
    Perspective.MANAGEMENT: _("Management"),
    Perspective.MUNICIPALITY: _("Municipality"),
}
#: The group that holds perspectives with too few people to be shown apart.
OTHERS = "others"
OTHERS_LABEL = _("Others (groups of fewer than three people together)")


class Context(enum.StrEnum):
    """The four contexts of chapter 4 (4.1)."""

    WITHIN_ORGANISATION = "within_organisation"
    NEIGHBOURHOOD = "neighbourhood"
    BETWEEN_ORGANISATIONS = "between_organisations"
    REINTEGRATION = "reintegration"

    @property
    def label(self) -> Any:
        return CONTEXT_LABELS[self]


CONTEXT_LABELS = {
    Context.WITHIN_ORGANISATION: _("Within one organisation"),
    Context.NEIGHBOURHOOD: _("In a neighbourhood or village"),
    Context.BETWEEN_ORGANISATIONS: _("Between organisations"),
    Context.REINTEGRATION: _("With volunteers on a route back to work or a school internship"),
}


class OrganisationType(enum.IntEnum):
    """The report's typology (2.4, after Van Daal et al.): who is responsible for the work and
    who does the primary work."""

    VOLUNTEERS_ONLY = 1
    VOLUNTEERS_SUPPORTED = 2
    PROFESSIONALS_SUPPORTED = 3
    PROFESSIONALS_ONLY = 4

    @property
    def label(self) -> Any:
        return ORGANISATION_TYPE_LABELS[self]


ORGANISATION_TYPE_LABELS = {
    OrganisationType.VOLUNTEERS_ONLY: _("Volunteers only"),
    OrganisationType.VOLUNTEERS_SUPPORTED: _("Volunteers in charge, supported by professionals"),
    OrganisationType.PROFESSIONALS_SUPPORTED: _("Professionals in charge, supported by volunteers"),
    OrganisationType.PROFESSIONALS_ONLY: _("Professionals only"),
}


@dataclass(frozen=True)
class Statement:
    key: str
    text: Any
    dimension: Dimension | None = None
    model: Model | None = None


# One statement typical of each model per dimension (report 2.4, table; 3.4.1-3.4.4), in our
# own words. The order on the page is the order here; the model is never shown.
STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "volunteer_1",
        _("Volunteers take over work that professionals used to do."),
        Dimension.VOLUNTEER,
        Model.SUBSTITUTION,
    ),
    Statement(
        "volunteer_2",
        _("Volunteers help professionals with their work."),
        Dimension.VOLUNTEER,
        Model.RESOURCES,
    ),
    Statement(
        "volunteer_3",
        _("Volunteers start their own activities and agree on them with professionals."),
        Dimension.VOLUNTEER,
        Model.DIALOGUE,
    ),
    Statement(
        "volunteer_4",
        _("Volunteers decide for themselves what they do and how."),
        Dimension.VOLUNTEER,
        Model.NO_STEERING,
    ),
    Statement(
        "professional_1",
        _("Professionals mainly support volunteers who now do tasks that used to be theirs."),
        Dimension.PROFESSIONAL,
        Model.SUBSTITUTION,
    ),
    Statement(
        "professional_2",
        _("Professionals lead the volunteers and tell them what to do."),
        Dimension.PROFESSIONAL,
        Model.RESOURCES,
    ),
    Statement(
        "professional_3",
        _("Professionals work with volunteers as the policy of the municipality asks."),
        Dimension.PROFESSIONAL,
        Model.DIALOGUE,
    ),
    Statement(
        "professional_4",
        _("Professionals work with volunteers because they choose to, not because they must."),
        Dimension.PROFESSIONAL,
        Model.NO_STEERING,
    ),
    Statement(
        "relationship_1",
        _("Professionals hand tasks over to volunteers to save money or time."),
        Dimension.RELATIONSHIP,
        Model.SUBSTITUTION,
    ),
    Statement(
        "relationship_2",
        _("Professionals do the care; volunteers add to it within clear agreements."),
        Dimension.RELATIONSHIP,
        Model.RESOURCES,
    ),
    Statement(
        "relationship_3",
        _("We work together because we need each other, and the municipality helps us do so."),
        Dimension.RELATIONSHIP,
        Model.DIALOGUE,
    ),
    Statement(
        "relationship_4",
        _("Each side works in its own field; we add to each other as equals."),
        Dimension.RELATIONSHIP,
        Model.NO_STEERING,
    ),
    Statement(
        "management_1",
        _("Management makes volunteer work more professional, so it can replace paid work."),
        Dimension.MANAGEMENT,
        Model.SUBSTITUTION,
    ),
    Statement(
        "management_2",
        _("Management recruits, trains and pays expenses of volunteers under a volunteer policy."),
        Dimension.MANAGEMENT,
        Model.RESOURCES,
    ),
    Statement(
        "management_3",
        _(
            "Management negotiates agreements with volunteer organisations "
            "that respect their value."
        ),
        Dimension.MANAGEMENT,
        Model.DIALOGUE,
    ),
    Statement(
        "management_4",
        _("Volunteer and professional organisations seek each other out as equal partners."),
        Dimension.MANAGEMENT,
        Model.NO_STEERING,
    ),
)

#: The vision (2.4): two statements each way.
INSTRUMENTAL = (
    Statement("vision_gaps", _("Volunteers are there to fill gaps in care and support.")),
    Statement(
        "vision_goals",
        _("We ask volunteers for what our organisation or the municipality needs done."),
    ),
)
EXPRESSIVE = (
    Statement("vision_value", _("Volunteer work has a value of its own, not only as help.")),
    Statement(
        "vision_wishes",
        _("What volunteers want and can do decides what they do here."),
    ),
)

#: Who is responsible for the work (1 volunteers ... 5 professionals) and who does the
#: primary work (1 only volunteers ... 5 only professionals).
RESPONSIBLE = "responsible"
WORK = "work"
RESPONSIBLE_TEXT = _("Who is responsible for the work of this cooperation?")
WORK_TEXT = _("Who does the work itself (for the clients)?")
RESPONSIBLE_CHOICES = (
    (1, _("Volunteers")),
    (2, _("Mostly volunteers")),
    (3, _("Both equally")),
    (4, _("Mostly professionals")),
    (5, _("Professionals")),
)
WORK_CHOICES = (
    (1, _("Only volunteers")),
    (2, _("Mostly volunteers")),
    (3, _("Both equally")),
    (4, _("Mostly professionals")),
    (5, _("Only professionals")),
)
AGREE_CHOICES = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)


def question_text(key: str) -> Any:
    """The question or statement of a key, as people read it."""
    for statement in STATEMENTS + INSTRUMENTAL + EXPRESSIVE:
        if statement.key == key:
            return statement.text
    return {RESPONSIBLE: RESPONSIBLE_TEXT, WORK: WORK_TEXT}.get(key, key)


def answer_text(key: str, value: int) -> Any:
    """The choice a value stands for, as people read it."""
    choices = {RESPONSIBLE: RESPONSIBLE_CHOICES, WORK: WORK_CHOICES}.get(key, AGREE_CHOICES)
    return dict(choices).get(value, str(value))


QUESTION_KEYS: tuple[str, ...] = (
    tuple(s.key for s in STATEMENTS)
    + tuple(s.key for s in INSTRUMENTAL + EXPRESSIVE)
    + (RESPONSIBLE, WORK)
)

Profile = dict[Model, float]


@dataclass(frozen=True)
class Response:
    """One participant's answers: question key -> 1..5 (unanswered keys left out)."""

    perspective: Perspective
    answers: Mapping[str, int]


def validate(answers: Mapping[str, int]) -> dict[str, int]:
    """The answers kept: known keys with a value on the scale."""
    return {
        key: int(value)
        for key, value in answers.items()
        if key in QUESTION_KEYS and int(value) in SCALE
    }


def even() -> Profile:
    return {model: 100.0 / len(MODELS) for model in MODELS}


def dimension_profile(answers: Mapping[str, int], dimension: Dimension) -> Profile | None:
    """One person's shares over the models on one dimension: each statement weighs its
    agreement above "strongly disagree" (0-4); no agreement at all gives an even spread.
    None when the dimension was not answered."""
    weights: dict[Model, float] = {}
    for statement in STATEMENTS:
        if statement.dimension is dimension and statement.key in answers:
            assert statement.model is not None
            weights[statement.model] = float(answers[statement.key] - 1)
    if len(weights) < len(MODELS):
        return None
    total = sum(weights.values())
    if total == 0:
        return even()
    return {model: 100.0 * weights[model] / total for model in MODELS}


def mean_profile(profiles: Sequence[Profile]) -> Profile | None:
    """Every person counts equally: the mean of their shares (still summing to 100)."""
    if not profiles:
        return None
    return {model: math.fsum(p[model] for p in profiles) / len(profiles) for model in MODELS}


def overall(per_dimension: Mapping[Dimension, Profile | None]) -> Profile | None:
    return mean_profile([p for p in per_dimension.values() if p is not None])


def top(profile: Profile) -> Model:
    """The model with the largest share (the lower number on a tie)."""
    return max(MODELS, key=lambda m: (round(profile[m], 9), -m.value))


def percentages(profile: Profile) -> dict[Model, int]:
    """Whole percentages that still sum to 100 (largest remainder), for showing."""
    floors = {m: math.floor(profile[m]) for m in MODELS}
    rest = 100 - sum(floors.values())
    order = sorted(MODELS, key=lambda m: (-(profile[m] - floors[m]), m.value))
    for model in order[: max(rest, 0)]:
        floors[model] += 1
    return floors


def difference(a: Profile, b: Profile) -> float:
    """How much of one profile would have to move to another model to match the other:
    half the summed differences, 0 (the same) to 100 (nothing in common)."""
    return math.fsum(abs(a[m] - b[m]) for m in MODELS) / 2


def vision(answers: Mapping[str, int]) -> float | None:
    """One person's place on the instrumental (0) - expressive (100) axis: the mean
    agreement with the expressive statements against the instrumental ones."""
    ins = [answers[s.key] for s in INSTRUMENTAL if s.key in answers]
    exp = [answers[s.key] for s in EXPRESSIVE if s.key in answers]
    if not ins or not exp:
        return None
    # (expressive - instrumental) runs from -4 to 4.
    return 50.0 + 12.5 * (sum(exp) / len(exp) - sum(ins) / len(ins))


def organisation_type(responsible: float | None, work: float | None) -> OrganisationType | None:
    """The typology of 2.4 from the mean answers: who carries the responsibility decides the
    side; whether the other side does part of the primary work decides "supported" or
    "only"."""
    if responsible is None or work is None:
        return None
    volunteers_lead = responsible < 3 or (responsible == 3 and work <= 3)
    if volunteers_lead:
        return (
            OrganisationType.VOLUNTEERS_ONLY
            if work <= 1.5
            else OrganisationType.VOLUNTEERS_SUPPORTED
        )
    return (
        OrganisationType.PROFESSIONALS_ONLY
        if work >= 4.5
        else OrganisationType.PROFESSIONALS_SUPPORTED
    )


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return math.fsum(kept) / len(kept) if kept else None


@dataclass(frozen=True)
class GroupScore:
    """The scores of a group of participants (everyone, or one perspective)."""

    count: int
    dimensions: dict[Dimension, Profile | None]
    overall: Profile | None
    vision: float | None
    responsible: float | None
    work: float | None

    @property
    def expressive_share(self) -> float | None:
        """The share of the expressive models (3 and 4) in the overall profile."""
        if self.overall is None:
            return None
        return self.overall[Model.DIALOGUE] + self.overall[Model.NO_STEERING]

    @property
    def organisation_type(self) -> OrganisationType | None:
        return organisation_type(self.responsible, self.work)


def score_group(responses: Sequence[Response]) -> GroupScore:
    answers = [validate(r.answers) for r in responses]
    dimensions: dict[Dimension, Profile | None] = {}
    for dimension in DIMENSIONS:
        found = [dimension_profile(a, dimension) for a in answers]
        dimensions[dimension] = mean_profile([p for p in found if p is not None])
    return GroupScore(
        count=len(responses),
        dimensions=dimensions,
        overall=overall(dimensions),
        vision=_mean(vision(a) for a in answers),
        responsible=_mean(a.get(RESPONSIBLE) for a in answers),
        work=_mean(a.get(WORK) for a in answers),
    )


def groups(
    responses: Sequence[Response], minimum: int = MINIMUM_GROUP
) -> dict[str, list[Response]]:
    """Participants per perspective; perspectives with fewer than `minimum` people are merged
    into OTHERS (and OTHERS itself is left out while it is below `minimum`, so no small group
    can be read off)."""
    by: dict[str, list[Response]] = defaultdict(list)
    for response in responses:
        by[str(response.perspective)].append(response)
    shown: dict[str, list[Response]] = {}
    others: list[Response] = []
    for perspective in Perspective:
        members = by.get(str(perspective), [])
        if len(members) >= minimum:
            shown[str(perspective)] = members
        else:
            others.extend(members)
    if len(others) >= minimum:
        shown[OTHERS] = others
    return shown


@dataclass(frozen=True)
class Divergence:
    dimension: Dimension
    first: str
    second: str
    difference: float
    first_top: Model
    second_top: Model


def divergences(
    scores: Mapping[str, GroupScore], threshold: float = DIVERGENCE_THRESHOLD
) -> list[Divergence]:
    """Per dimension, every pair of shown groups whose profiles differ by at least
    `threshold` (see `difference`), largest first."""
    found: list[Divergence] = []
    keys = list(scores)
    for dimension in DIMENSIONS:
        for i, first in enumerate(keys):
            for second in keys[i + 1 :]:
                a = scores[first].dimensions[dimension]
                b = scores[second].dimensions[dimension]
                if a is None or b is None:
                    continue
                gap = difference(a, b)
                if gap >= threshold:
                    found.append(Divergence(dimension, first, second, gap, top(a), top(b)))
    found.sort(key=lambda d: (-round(d.difference, 9), DIMENSIONS.index(d.dimension)))
    return found


# --- The five practices of chapter 3 as reference profiles --------------------------------


@dataclass(frozen=True)
class Practice:
    key: str
    name: Any
    description: Any
    section: str
    organisation_type: OrganisationType
    dimensions: dict[Dimension, Profile]

    @property
    def overall(self) -> Profile:
        result = overall(self.dimensions)
        assert result is not None
        return result


def _p(s: int, r: int, d: int, n: int) -> Profile:
    assert s + r + d + n == 100
    return {
        Model.SUBSTITUTION: float(s),
        Model.RESOURCES: float(r),
        Model.DIALOGUE: float(d),
        Model.NO_STEERING: float(n),
    }


# Our reading of the tables in 3.4.1-3.4.4: where the case matched its model, most of the
# share goes there; where the report saw a case only partly match, the rest goes where the
# report placed what it saw.
PRACTICES: tuple[Practice, ...] = (
    Practice(
        "central_desk",
        _("Central desk for informal care and volunteer home help (The Hague)"),
        _(
            "Volunteers take over support tasks that home care dropped, but no body care; "
            "a desk brings request and offer together."
        ),
        "3.3.1",
        OrganisationType.VOLUNTEERS_SUPPORTED,
        {
            Dimension.VOLUNTEER: _p(60, 30, 10, 0),
            Dimension.PROFESSIONAL: _p(55, 35, 10, 0),
            Dimension.RELATIONSHIP: _p(60, 30, 10, 0),
            Dimension.MANAGEMENT: _p(40, 20, 40, 0),
        },
    ),
    Practice(
        "nursing_home",
        _("Nursing home with volunteers (Slotervaart)"),
        _(
            "Professionals do the care, volunteers add to the wellbeing of residents within "
            "clear agreements and a volunteer policy."
        ),
        "3.3.2",
        OrganisationType.PROFESSIONALS_SUPPORTED,
        {
            Dimension.VOLUNTEER: _p(5, 80, 15, 0),
            Dimension.PROFESSIONAL: _p(5, 80, 15, 0),
            Dimension.RELATIONSHIP: _p(5, 80, 15, 0),
            Dimension.MANAGEMENT: _p(5, 80, 15, 0),
        },
    ),
    Practice(
        "municipal_facilitation",
        _("Municipal facilitation of cooperation (Dordrecht)"),
        _(
            "The municipality aims at dialogue, but professionals lead the change and take "
            "volunteer organisations along: a gap between words and deeds."
        ),
        "3.3.3",
        OrganisationType.PROFESSIONALS_SUPPORTED,
        {
            Dimension.VOLUNTEER: _p(10, 40, 45, 5),
            Dimension.PROFESSIONAL: _p(5, 50, 45, 0),
            Dimension.RELATIONSHIP: _p(10, 45, 45, 0),
            Dimension.MANAGEMENT: _p(5, 45, 50, 0),
        },
    ),
    Practice(
        "client_run",
        _("Client-run organisations (independent client-led services)"),
        _(
            "Former clients run their own services; professionals they employ support them "
            "and keep things going."
        ),
        "3.3.4",
        OrganisationType.VOLUNTEERS_SUPPORTED,
        {
            Dimension.VOLUNTEER: _p(0, 0, 15, 85),
            Dimension.PROFESSIONAL: _p(0, 10, 10, 80),
            Dimension.RELATIONSHIP: _p(0, 5, 15, 80),
            Dimension.MANAGEMENT: _p(0, 5, 20, 75),
        },
    ),
    Practice(
        "village_cooperative",
        _("Village care cooperative (Hoogeloon)"),
        _(
            "Villagers organise care and services near home themselves and negotiate with "
            "providers; the municipality looks on with sympathy."
        ),
        "3.3.5",
        OrganisationType.VOLUNTEERS_ONLY,
        {
            Dimension.VOLUNTEER: _p(0, 0, 25, 75),
            Dimension.PROFESSIONAL: _p(0, 5, 25, 70),
            Dimension.RELATIONSHIP: _p(0, 0, 30, 70),
            Dimension.MANAGEMENT: _p(0, 0, 35, 65),
        },
    ),
)


def practice_distance(score: GroupScore, practice: Practice) -> float | None:
    """The mean `difference` over the dimensions answered (0-100)."""
    gaps = [
        difference(profile, practice.dimensions[dimension])
        for dimension, profile in score.dimensions.items()
        if profile is not None
    ]
    return math.fsum(gaps) / len(gaps) if gaps else None


def closest(score: GroupScore) -> list[tuple[Practice, float]]:
    """The practices by distance, nearest first."""
    ranked = [(p, practice_distance(score, p)) for p in PRACTICES]
    kept = [(p, d) for p, d in ranked if d is not None]
    kept.sort(key=lambda item: (round(item[1], 9), PRACTICES.index(item[0])))
    return kept


# --- Conditions, risks and recommendations --------------------------------------------------


class AdviceKind(enum.StrEnum):
    CONDITION = "condition"
    RISK = "risk"
    RECOMMENDATION = "recommendation"

    @property
    def label(self) -> Any:
        return {
            AdviceKind.CONDITION: _("Condition for success"),
            AdviceKind.RISK: _("Risk"),
            AdviceKind.RECOMMENDATION: _("Recommendation"),
        }[self]


@dataclass(frozen=True)
class Situation:
    """What the advice looks at."""

    score: GroupScore
    context: Context | None
    divergences: Sequence[Divergence] = ()

    def share(self, model: Model) -> float:
        return self.score.overall[model] if self.score.overall is not None else 0.0

    def in_mix(self, model: Model) -> bool:
        return self.share(model) >= IN_THE_MIX


@dataclass(frozen=True)
class Advice:
    key: str
    kind: AdviceKind
    text: Any
    section: str
    applies: Callable[[Situation], bool] = field(compare=False)


def _always(_s: Situation) -> bool:
    return True


def _words_and_deeds(s: Situation) -> bool:
    expressive = s.score.expressive_share
    if s.score.vision is None or expressive is None:
        return False
    return abs(s.score.vision - expressive) >= DIVERGENCE_THRESHOLD


# Written in our words from the report; each cites the section it comes from.
ADVICE: tuple[Advice, ...] = (
    Advice(
        "shared_vision",
        AdviceKind.CONDITION,
        _(
            "Agree on a clear division of tasks in which each side sees what the other adds, "
            "and keep a shared view of why you need each other."
        ),
        "3.5.1",
        _always,
    ),
    Advice(
        "appreciation",
        AdviceKind.CONDITION,
        _(
            "Show appreciation of volunteers, for example through a route to paid work or a "
            "system of exchange or credits."
        ),
        "4.7",
        _always,
    ),
    Advice(
        "welfare_not_care",
        AdviceKind.CONDITION,
        _(
            "Keep the line: volunteers may take on welfare and support, not formal care. "
            "Watch that line together."
        ),
        "3.5.2",
        lambda s: s.in_mix(Model.SUBSTITUTION),
    ),
    Advice(
        "filling_gaps",
        AdviceKind.RISK,
        _(
            "Volunteers can feel pushed to fill gaps in professional care instead of doing "
            "what they chose to do."
        ),
        "3.5.1",
        lambda s: s.in_mix(Model.SUBSTITUTION),
    ),
    Advice(
        "no_substitution_vulnerable",
        AdviceKind.RECOMMENDATION,
        _(
            "Municipality: do not expect volunteers to replace the care of the most "
            "vulnerable people; professionals guarantee its quality and continuity."
        ),
        "5.4",
        lambda s: s.in_mix(Model.SUBSTITUTION) or s.context is Context.NEIGHBOURHOOD,
    ),
    Advice(
        "volunteer_policy",
        AdviceKind.CONDITION,
        _(
            "A volunteer policy of the organisation, recognition that shows in investment in "
            "volunteers, and clear agreements between volunteers, carers and professionals."
        ),
        "3.5.2",
        lambda s: s.in_mix(Model.RESOURCES),
    ),
    Advice(
        "room_to_grow",
        AdviceKind.RECOMMENDATION,
        _(
            "Organisations: give volunteers room to grow in their role; professionals who "
            "guide volunteers need to know their motives and possibilities."
        ),
        "5.4",
        lambda s: s.in_mix(Model.RESOURCES) or s.in_mix(Model.SUBSTITUTION),
    ),
    Advice(
        "volunteer_council",
        AdviceKind.RECOMMENDATION,
        _(
            "Management: give volunteers a clear place of their own and talk with them "
            "regularly, for example through a volunteer council."
        ),
        "5.4",
        lambda s: s.in_mix(Model.RESOURCES) or s.context is Context.WITHIN_ORGANISATION,
    ),
    Advice(
        "contact_points",
        AdviceKind.RECOMMENDATION,
        _(
            "Organisations: name contact points for volunteers, so volunteer organisations "
            "that look for cooperation know whom to call."
        ),
        "5.4",
        lambda s: s.context is Context.BETWEEN_ORGANISATIONS or s.in_mix(Model.NO_STEERING),
    ),
    Advice(
        "do_not_decide_for",
        AdviceKind.RISK,
        _(
            "Deciding for volunteer organisations what support they need, or telling them "
            "what is expected of them from now on, does not work."
        ),
        "3.5.2",
        lambda s: s.in_mix(Model.DIALOGUE),
    ),
    Advice(
        "involve_from_start",
        AdviceKind.RECOMMENDATION,
        _(
            "Municipality: involve volunteer organisations from the start when policy "
            "changes, and find their role in the work together with them."
        ),
        "5.4",
        lambda s: s.in_mix(Model.DIALOGUE) or s.context is Context.BETWEEN_ORGANISATIONS,
    ),
    Advice(
        "meeting_places",
        AdviceKind.CONDITION,
        _(
            "The municipality does not steer volunteer organisations but brings parties "
            "together, offers places to meet and practical facilities."
        ),
        "4.5",
        lambda s: s.in_mix(Model.DIALOGUE) or s.context is Context.BETWEEN_ORGANISATIONS,
    ),
    Advice(
        "professional_support",
        AdviceKind.CONDITION,
        _(
            "Support by professionals, from inside or outside the organisation, while the "
            "volunteers keep the lead and their own value."
        ),
        "3.5.2",
        lambda s: s.in_mix(Model.NO_STEERING),
    ),
    Advice(
        "losing_character",
        AdviceKind.RISK,
        _(
            "A successful volunteer organisation that takes on more and more paid staff can "
            "slowly lose what makes it a volunteer organisation."
        ),
        "4.1",
        lambda s: s.in_mix(Model.NO_STEERING),
    ),
    Advice(
        "spontaneous_initiatives",
        AdviceKind.RECOMMENDATION,
        _(
            "Municipality: support citizens' own initiatives for their surroundings and "
            "respect their independence; pay for necessary costs such as an office."
        ),
        "5.4",
        lambda s: s.in_mix(Model.NO_STEERING) or s.context is Context.NEIGHBOURHOOD,
    ),
    Advice(
        "say_what_you_want",
        AdviceKind.RECOMMENDATION,
        _(
            "Volunteer organisations: make clear what you offer and on what terms, act as an "
            "equal partner and work with other volunteer organisations."
        ),
        "5.4",
        lambda s: s.in_mix(Model.NO_STEERING) or s.context is Context.BETWEEN_ORGANISATIONS,
    ),
    Advice(
        "right_place",
        AdviceKind.CONDITION,
        _(
            "Put the right volunteers in the right place, be open about tensions between "
            "paid and unpaid staff, and make clear what volunteers may and may not do."
        ),
        "4.3",
        lambda s: s.context is Context.WITHIN_ORGANISATION,
    ),
    Advice(
        "volunteer_policy_hr",
        AdviceKind.RECOMMENDATION,
        _("Management: invest in volunteer policy as part of personnel policy."),
        "4.3",
        lambda s: s.context is Context.WITHIN_ORGANISATION,
    ),
    Advice(
        "safety_net",
        AdviceKind.CONDITION,
        _(
            "Professionals are the safety net when care becomes too heavy, and they also "
            "bring in volunteers and keep neighbourhood networks going."
        ),
        "4.4",
        lambda s: s.context is Context.NEIGHBOURHOOD,
    ),
    Advice(
        "multi_year",
        AdviceKind.RECOMMENDATION,
        _("Make agreements on the neighbourhood for several years, and reward volunteers there."),
        "4.4",
        lambda s: s.context is Context.NEIGHBOURHOOD,
    ),
    Advice(
        "extra_guidance",
        AdviceKind.CONDITION,
        _(
            "Volunteers on a route back to work or an internship need much extra guidance, "
            "and so do the volunteers who work beside them."
        ),
        "4.6",
        lambda s: s.context is Context.REINTEGRATION,
    ),
    Advice(
        "pay_for_guidance",
        AdviceKind.RECOMMENDATION,
        _(
            "Municipality: support the organisations that guide these volunteers; the extra "
            "cost of guidance is often not paid by anyone."
        ),
        "5.4",
        lambda s: s.context is Context.REINTEGRATION,
    ),
    Advice(
        "instrumental_frame",
        AdviceKind.RISK,
        _(
            "A mainly instrumental view does too little justice to volunteers' own motives; "
            "frame it in a policy that gives volunteers chances and appreciation."
        ),
        "4.7",
        lambda s: s.score.vision is not None and s.score.vision < 40,
    ),
    Advice(
        "perspectives_differ",
        AdviceKind.RISK,
        _(
            "The parties see the cooperation differently. When intentions on the division of "
            "tasks are not aligned, the question of who is in charge comes up; talk about it "
            "openly."
        ),
        "3.5.1",
        lambda s: bool(s.divergences),
    ),
    Advice(
        "words_and_deeds",
        AdviceKind.RISK,
        _(
            "The vision you state and the way you work point in different directions: a gap "
            "between words and deeds, as seen in one of the practices."
        ),
        "3.4.1",
        _words_and_deeds,
    ),
    Advice(
        "models_move",
        AdviceKind.CONDITION,
        _(
            "Models blend and move over time (for example from no steering to dialogue); "
            "repeat this assessment to see where the cooperation is going."
        ),
        "3.5.2",
        _always,
    ),
)


def advice(situation: Situation) -> list[Advice]:
    """The conditions, risks and recommendations that fit, in the order above."""
    return [item for item in ADVICE if item.applies(situation)]


# --- Movement between rounds -----------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    dimension: Dimension | None  # None: overall
    changes: dict[Model, float]

    @property
    def largest(self) -> tuple[Model, float]:
        model = max(MODELS, key=lambda m: (abs(round(self.changes[m], 9)), -m.value))
        return model, self.changes[model]


def movement(previous: GroupScore, current: GroupScore) -> list[Movement]:
    """How the shares moved from one round to the next, overall and per dimension."""
    result: list[Movement] = []
    pairs: list[tuple[Dimension | None, Profile | None, Profile | None]] = [
        (None, previous.overall, current.overall)
    ]
    pairs += [(d, previous.dimensions[d], current.dimensions[d]) for d in DIMENSIONS]
    for dimension, before, after in pairs:
        if before is None or after is None:
            continue
        result.append(Movement(dimension, {m: after[m] - before[m] for m in MODELS}))
    return result


@dataclass(frozen=True)
class Result:
    everyone: GroupScore
    perspectives: dict[str, GroupScore]
    divergences: list[Divergence]
    advice: list[Advice]
    closest: list[tuple[Practice, float]]


def assess(
    responses: Sequence[Response],
    context: Context | None = None,
    minimum: int = MINIMUM_GROUP,
) -> Result:
    """Everything the result page shows, from the answers alone."""
    everyone = score_group(responses)
    perspectives = {
        key: score_group(members) for key, members in groups(responses, minimum).items()
    }
    found = divergences(perspectives)
    return Result(
        everyone=everyone,
        perspectives=perspectives,
        divergences=found,
        advice=advice(Situation(everyone, context, found)),
        closest=closest(everyone),
    )


def group_label(key: str) -> Any:
    return OTHERS_LABEL if key == OTHERS else Perspective(key).label
