"""The substitution monitor in the API: counts, with null for a hidden count."""

from __future__ import annotations

from rest_framework import serializers

from meedoen.insights import monitor

COUNT_HELP = (
    "null: hidden, so that no person can be singled out (a count from 1 to 4, or a number "
    "that would give such a count away)"
)


def _counts() -> dict[str, serializers.Field]:
    return {
        key: serializers.IntegerField(allow_null=True, min_value=0, help_text=str(label))
        for key, label in monitor.COLUMNS
    }


CountsSerializer = type("MonitorCountsSerializer", (serializers.Serializer,), _counts())


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The first day of the month.")
    counts = CountsSerializer()


class ShareSerializer(serializers.Serializer):
    requests = serializers.IntegerField(allow_null=True, min_value=0, help_text=COUNT_HELP)
    split = serializers.IntegerField(
        allow_null=True,
        min_value=0,
        help_text="Help requests with formal care split off. " + COUNT_HELP,
    )
    share = serializers.FloatField(
        allow_null=True, help_text="split / requests; null when it would reveal a small count."
    )


class OrganisationLineSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    share = ShareSerializer()
    totals = CountsSerializer()
    stands_out = serializers.BooleanField()


class ScopeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["municipality", "organisation"])
    id = serializers.IntegerField()
    name = serializers.CharField()
    suppressed = serializers.BooleanField(
        help_text="Small counts, and numbers that would give them away, are null (a municipality)."
    )
    months = MonthSerializer(many=True)
    share = ShareSerializer()
    municipality_share = ShareSerializer(allow_null=True)
    stands_out = serializers.BooleanField()
    organisations = OrganisationLineSerializer(many=True)


class MonitorSerializer(serializers.Serializer):
    small_count = serializers.IntegerField()
    stands_out_factor = serializers.FloatField()
    scopes = ScopeSerializer(many=True)
