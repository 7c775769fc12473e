from __future__ import annotations

from rest_framework import serializers

from meedoen import availability
from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.matching.models import MatchingRun, MatchProposal, RunPair

#: The parts of the week by their codes ("mon-morning"), as the API speaks of them.
SLOTS = list(availability.SLOTS)


class ProposalSerializer(ModelSerializer):
    summary = serializers.SerializerMethodField()

    class Meta:
        model = MatchProposal
        fields = [
            "id",
            "help_request",
            "profile",
            "status",
            "score",
            "reason",
            "created_at",
            "expires_at",
            "answered_at",
            "summary",
        ]
        read_only_fields = fields

    def get_summary(self, obj) -> str:
        from meedoen.matching.services import proposal_summary

        return proposal_summary(obj.help_request)


class ProposalCreateSerializer(serializers.Serializer):
    help_request = serializers.IntegerField(min_value=1, max_value=2**53)
    volunteer = serializers.IntegerField(min_value=1, max_value=2**53)


class AnswerSerializer(serializers.Serializer):
    reason = CharField(max_length=1000, required=False, allow_blank=True, default="")


class RunPairSerializer(ModelSerializer):
    class Meta:
        model = RunPair
        fields = ["id", "help_request", "profile", "score"]
        read_only_fields = fields


class RunSerializer(ModelSerializer):
    pairs = RunPairSerializer(many=True, read_only=True)

    class Meta:
        model = MatchingRun
        fields = [
            "id",
            "organisation",
            "status",
            "progress",
            "requests_considered",
            "volunteers_considered",
            "matched",
            "total_score",
            "greedy_matched",
            "greedy_score",
            "created_at",
            "pairs",
        ]
        read_only_fields = fields


class RunCreateSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**53)


class ConfirmSerializer(serializers.Serializer):
    pairs = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53), allow_empty=True
    )


class SuggestionSerializer(serializers.Serializer):
    volunteer = serializers.IntegerField()
    first_name = CharField()
    feasible = serializers.BooleanField(
        help_text="Meets every rule. Suggestions always do; a volunteer who does not is never "
        "suggested, and `problems` says why."
    )
    problems = serializers.ListField(
        child=CharField(), help_text="The rules this volunteer breaks for the request."
    )
    score = serializers.FloatField(help_text="The weighted sum of the components.")
    components = serializers.DictField(child=serializers.FloatField())
    fits = serializers.ListField(child=CharField())
    less_suitable = serializers.ListField(
        child=CharField(),
        help_text="What lowers the score; it does not rule the volunteer out.",
    )
    misses = serializers.ListField(
        child=CharField(), help_text="Deprecated: the same as `less_suitable`."
    )
    distance_km = serializers.FloatField(
        allow_null=True, help_text="From the volunteer's area to the request's, rounded to 0.1."
    )
    availability = serializers.ListField(
        child=serializers.ChoiceField(choices=SLOTS),
        help_text="The volunteer's parts of the week.",
    )
    in_common = serializers.ListField(
        child=serializers.ChoiceField(choices=SLOTS),
        help_text="The parts of the week the volunteer and the request share.",
    )


def suggestion_data(row: dict) -> dict:
    """What `SuggestionSerializer` gives for a row of plain values (`volunteer` an int,
    `components` numbers by name, the lists of text and of parts of the week): the same keys
    in the same order with the same types, without a field object per value. The serializer
    stays the schema; a test checks that both give the same."""
    distance = row["distance_km"]
    return {
        "volunteer": int(row["volunteer"]),
        "first_name": str(row["first_name"]),
        "feasible": bool(row["feasible"]),
        "problems": [str(text) for text in row["problems"]],
        "score": float(row["score"]),
        "components": {str(name): float(value) for name, value in row["components"].items()},
        "fits": [str(text) for text in row["fits"]],
        "less_suitable": [str(text) for text in row["less_suitable"]],
        "misses": [str(text) for text in row["misses"]],
        "distance_km": None if distance is None else float(distance),
        "availability": [str(slot) for slot in row["availability"]],
        "in_common": [str(slot) for slot in row["in_common"]],
    }
