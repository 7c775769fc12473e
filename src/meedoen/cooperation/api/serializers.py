from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from meedoen.api.serializers import CharField, ModelSerializer, OptionalChoiceField
from meedoen.cooperation import framework as fw
from meedoen.cooperation import present
from meedoen.cooperation.models import (
    CONTEXT_CHOICES,
    PERSPECTIVE_CHOICES,
    Agreement,
    Assessment,
    Consultation,
    Respondent,
    Stance,
)
from meedoen.organisations.models import ContactPoint

MODEL_KEYS = {
    fw.Model.SUBSTITUTION: "substitution",
    fw.Model.RESOURCES: "resources",
    fw.Model.DIALOGUE: "dialogue",
    fw.Model.NO_STEERING: "no_steering",
}
ORGANISATION_TYPE_KEYS = {
    fw.OrganisationType.VOLUNTEERS_ONLY: "volunteers_only",
    fw.OrganisationType.VOLUNTEERS_SUPPORTED: "volunteers_supported",
    fw.OrganisationType.PROFESSIONALS_SUPPORTED: "professionals_supported",
    fw.OrganisationType.PROFESSIONALS_ONLY: "professionals_only",
}


class AssessmentSerializer(ModelSerializer):
    invited = serializers.SerializerMethodField()
    answered = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "title",
            "context",
            "municipality",
            "organisation",
            "organisations",
            "round",
            "previous",
            "created_at",
            "closed_at",
            "invited",
            "answered",
        ]
        read_only_fields = fields

    def get_invited(self, obj: Assessment) -> int:
        return obj.participants.count()

    def get_answered(self, obj: Assessment) -> int:
        return obj.participants.filter(answered_at__isnull=False).count()


class AssessmentCreateSerializer(serializers.Serializer):
    """For an organisation (its coordinator or manager) or a municipality (its policy
    officer): give one of the two."""

    title = CharField(max_length=200)
    context = serializers.ChoiceField(choices=CONTEXT_CHOICES)
    organisation = serializers.IntegerField(
        min_value=1, max_value=2**53, required=False, allow_null=True
    )
    municipality = serializers.IntegerField(
        min_value=1, max_value=2**53, required=False, allow_null=True
    )
    organisations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        default=list,
        max_length=50,
    )


class AssessmentInviteSerializer(serializers.Serializer):
    """Someone by e-mail (a private link is mailed), or an account by its id."""

    perspective = serializers.ChoiceField(choices=PERSPECTIVE_CHOICES)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    name = CharField(max_length=150, required=False, allow_blank=True, default="")
    user = serializers.IntegerField(min_value=1, max_value=2**53, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("email")) == bool(attrs.get("user")):
            raise serializers.ValidationError("Give either an e-mail address or an account.")
        return attrs


class AssessmentParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    perspective = serializers.ChoiceField(choices=PERSPECTIVE_CHOICES)
    by_account = serializers.BooleanField()
    answered = serializers.BooleanField()


class AssessmentAnswerSerializer(serializers.Serializer):
    """Every question of the questionnaire, each 1 (strongly disagree) to 5 (strongly
    agree); `responsible` and `work` 1 (volunteers) to 5 (professionals)."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return {key: serializers.IntegerField(min_value=1, max_value=5) for key in fw.QUESTION_KEYS}


class AssessmentShareSerializer(serializers.Serializer):
    substitution = serializers.IntegerField()
    resources = serializers.IntegerField()
    dialogue = serializers.IntegerField()
    no_steering = serializers.IntegerField()


class AssessmentDimensionSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=[d.value for d in fw.DIMENSIONS])
    label = CharField()
    shares = AssessmentShareSerializer()


class AssessmentGroupSerializer(serializers.Serializer):
    group = CharField()
    label = CharField()
    count = serializers.IntegerField()
    overall = AssessmentShareSerializer(allow_null=True)
    dimensions = AssessmentDimensionSerializer(many=True)


class AssessmentDivergenceSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=[d.value for d in fw.DIMENSIONS])
    first = CharField()
    second = CharField()
    difference = serializers.IntegerField()
    text = CharField()


class AssessmentAdviceSerializer(serializers.Serializer):
    key = CharField()
    kind = serializers.ChoiceField(choices=[k.value for k in fw.AdviceKind])
    text = CharField()
    section = CharField()


class AssessmentPracticeSerializer(serializers.Serializer):
    practice = CharField()
    name = CharField()
    section = CharField()
    difference = serializers.IntegerField()


class AssessmentMovementSerializer(serializers.Serializer):
    dimension = CharField(allow_null=True)
    changes = AssessmentShareSerializer()


class AssessmentResultSerializer(serializers.Serializer):
    """The result: shares in whole percentages (each profile sums to 100), the place on the
    instrumental (0) - expressive (100) axis, the organisation type, the perspectives with
    at least three answers (smaller ones together as "others"), where they diverge, the
    fitting advice with the report's section, the practices nearest first, and the change
    since the previous round. Null while fewer than three people answered."""

    count = serializers.IntegerField()
    overall = AssessmentShareSerializer(allow_null=True)
    dimensions = AssessmentDimensionSerializer(many=True)
    vision = serializers.IntegerField(allow_null=True)
    organisation_type = serializers.ChoiceField(
        choices=list(ORGANISATION_TYPE_KEYS.values()), allow_null=True
    )
    perspectives = AssessmentGroupSerializer(many=True)
    divergences = AssessmentDivergenceSerializer(many=True)
    advice = AssessmentAdviceSerializer(many=True)
    closest = AssessmentPracticeSerializer(many=True)
    movement = AssessmentMovementSerializer(many=True, allow_null=True)


def shares(profile: fw.Profile | None) -> dict[str, int] | None:
    if profile is None:
        return None
    return {MODEL_KEYS[m]: v for m, v in fw.percentages(profile).items()}


def group(key: str, score: fw.GroupScore) -> dict[str, Any]:
    return {
        "group": key,
        "label": str(fw.group_label(key)) if key != "everyone" else "",
        "count": score.count,
        "overall": shares(score.overall),
        "dimensions": [
            {"dimension": d.value, "label": str(d.label), "shares": shares(p)}
            for d, p in score.dimensions.items()
            if p is not None
        ],
    }


def result_data(result: fw.Result, previous: fw.Result | None) -> dict[str, Any]:
    everyone = result.everyone
    kind = everyone.organisation_type
    return {
        "count": everyone.count,
        "overall": shares(everyone.overall),
        "dimensions": group("everyone", everyone)["dimensions"],
        "vision": None if everyone.vision is None else round(everyone.vision),
        "organisation_type": ORGANISATION_TYPE_KEYS[kind] if kind else None,
        "perspectives": [group(k, s) for k, s in result.perspectives.items()],
        "divergences": [
            {
                "dimension": d.dimension.value,
                "first": d.first,
                "second": d.second,
                "difference": round(d.difference),
                "text": present.divergence_text(d),
            }
            for d in result.divergences
        ],
        "advice": [
            {"key": a.key, "kind": a.kind.value, "text": str(a.text), "section": a.section}
            for a in result.advice
        ],
        "closest": [
            {
                "practice": p.key,
                "name": str(p.name),
                "section": p.section,
                "difference": round(d),
            }
            for p, d in result.closest
        ],
        "movement": None
        if previous is None
        else [
            {
                "dimension": None if m.dimension is None else m.dimension.value,
                "changes": {MODEL_KEYS[k]: round(v) for k, v in m.changes.items()},
            }
            for m in fw.movement(previous.everyone, everyone)
        ],
    }


# --- Consultations ----------------------------------------------------------------------------


class ConsultationSerializer(ModelSerializer):
    """A consultation as the people asked see it; `answered` says whether the caller answered,
    `shared` whether the organiser has shared what was done with the answers."""

    asked = serializers.ListField(child=serializers.ChoiceField(choices=Respondent.choices))
    is_open = serializers.SerializerMethodField()
    answered = serializers.SerializerMethodField()
    shared = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "municipality",
            "organisation",
            "title",
            "question",
            "background",
            "has_proposal",
            "closes_on",
            "asked",
            "is_open",
            "answered",
            "shared",
            "created_at",
        ]
        read_only_fields = fields

    def get_is_open(self, obj: Consultation) -> bool:
        return obj.is_open_on(timezone.localdate())

    def get_answered(self, obj: Consultation) -> bool:
        return obj.pk in self.context.get("answered", set())

    def get_shared(self, obj: Consultation) -> bool:
        return obj.responded_at is not None


class ConsultationAnswerInputSerializer(serializers.Serializer):
    """`way`: the perspective the caller answers from (`volunteers`, `professionals`, or
    `organisations:<organisation id>` for a coordinator or manager answering for their
    organisation); `stance` only when the question holds a proposal."""

    way = CharField(max_length=40)
    text = CharField(max_length=5000)
    stance = serializers.ChoiceField(
        choices=Stance.choices, required=False, allow_blank=True, default=""
    )
    signed = serializers.BooleanField(required=False, default=False)


class ConsultationAnswerOutputSerializer(serializers.Serializer):
    perspective = serializers.ChoiceField(choices=Respondent.choices)
    organisation = serializers.IntegerField(allow_null=True)
    text = CharField()
    stance = OptionalChoiceField(choices=Stance.choices)
    signed = serializers.BooleanField()
    answered_at = serializers.DateTimeField()


class StanceCountSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Stance.choices)
    count = serializers.IntegerField()


class ConsultationGroupSerializer(serializers.Serializer):
    perspective = serializers.ChoiceField(choices=Respondent.choices)
    count = serializers.IntegerField(allow_null=True, help_text="null: too few to show")
    stances = StanceCountSerializer(many=True)


class ConsultationResultSerializer(serializers.Serializer):
    """What the organiser shared after the closing date, with the number of answers per
    perspective (null for a perspective with too few answers to show, and then the total is
    null too). Answers themselves stay with the organiser."""

    response = CharField()
    shared_at = serializers.DateTimeField()
    total = serializers.IntegerField(allow_null=True)
    groups = ConsultationGroupSerializer(many=True)


# --- Agreements -------------------------------------------------------------------------------


class AgreementSerializer(ModelSerializer):
    confirmed = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "municipality",
            "organisation",
            "partner",
            "title",
            "volunteer_tasks",
            "professional_tasks",
            "volunteer_activities",
            "professional_activities",
            "contact_here",
            "contact_partner",
            "escalation",
            "review_on",
            "created_at",
            "confirmed_here_at",
            "confirmed_partner_at",
            "confirmed",
        ]
        read_only_fields = fields

    def get_confirmed(self, obj: Agreement) -> bool:
        return obj.is_confirmed


class AgreementCreateSerializer(serializers.Serializer):
    """A draft for `organisation` (the caller leads it) with `partner`, another organisation
    of the municipality, or null for the municipality itself."""

    organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    partner = serializers.IntegerField(
        min_value=1, max_value=2**53, required=False, allow_null=True, default=None
    )
    title = CharField(max_length=200)
    volunteer_tasks = CharField(max_length=3000)
    professional_tasks = CharField(max_length=3000)
    volunteer_activities = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        default=list,
        max_length=100,
    )
    professional_activities = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        required=False,
        default=list,
        max_length=100,
    )
    contact_here = CharField(max_length=200)
    contact_partner = CharField(max_length=200)
    escalation = CharField(max_length=2000)
    review_on = serializers.DateField()


# --- Contact points ---------------------------------------------------------------------------


class ContactPointSerializer(serializers.Serializer):
    """What a volunteer needs to know: the organisation, the areas it serves, the first name,
    the role (the topic) and how to reach the person. Nothing more of the person."""

    id = serializers.IntegerField()
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = CharField(source="organisation.name")
    areas = serializers.SerializerMethodField()
    first_name = CharField()
    role = CharField()
    reach = CharField()

    def get_areas(self, obj: ContactPoint) -> list[str]:
        return [area.name for area in obj.organisation.areas.all()]
