from __future__ import annotations

from rest_framework import serializers

from meedoen.matching.models import MatchingRun, MatchProposal, RunPair


class ProposalSerializer(serializers.ModelSerializer):
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
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class RunPairSerializer(serializers.ModelSerializer):
    class Meta:
        model = RunPair
        fields = ["id", "help_request", "profile", "score"]
        read_only_fields = fields


class RunSerializer(serializers.ModelSerializer):
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
