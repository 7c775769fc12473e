from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.engagements import agreements
from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    ConcernEvent,
    CreditTransaction,
    Handover,
    HoursEntry,
)


class TaskSerializer(serializers.Serializer):
    name = CharField()
    you_may = CharField()
    you_may_not = CharField()


class AssignmentSerializer(ModelSerializer):
    """What the assignment needs: the person's first name and area, never more."""

    first_name = CharField(source="help_request.first_name", read_only=True)
    area = CharField(source="help_request.area.name", read_only=True)
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "help_request",
            "profile",
            "organisation",
            "first_name",
            "area",
            "tasks",
            "frequency",
            "starts_on",
            "planned_end",
            "contact_route",
            "status",
            "ended_at",
            "end_reason",
        ]
        read_only_fields = fields

    def get_tasks(self, obj) -> list[dict]:
        return [TaskSerializer(agreements.for_activity(t)).data for t in obj.tasks.all()]


class HoursSerializer(ModelSerializer):
    class Meta:
        model = HoursEntry
        fields = [
            "id",
            "assignment",
            "date",
            "hours",
            "expenses",
            "note",
            "status",
            "question",
            "allowance",
            "created_at",
        ]
        read_only_fields = ["id", "assignment", "status", "question", "allowance", "created_at"]
        extra_kwargs = {
            "date": {"required": True},
            "hours": {"min_value": Decimal("0.25"), "max_value": Decimal("12")},
            "expenses": {"min_value": Decimal("0"), "max_value": Decimal("1000")},
        }


class CheckInSerializer(ModelSerializer):
    class Meta:
        model = CheckIn
        fields = [
            "id",
            "assignment",
            "party",
            "due_on",
            "done_at",
            "how_it_goes",
            "load",
            "too_heavy",
            "note",
        ]
        read_only_fields = fields


class CheckInAnswerSerializer(serializers.Serializer):
    how_it_goes = serializers.ChoiceField(choices=CheckIn.HowItGoes.choices)
    load = serializers.ChoiceField(choices=CheckIn.Load.choices)
    too_heavy = serializers.BooleanField(default=False)
    note = CharField(max_length=2000, required=False, allow_blank=True, default="")


class ConcernEventSerializer(ModelSerializer):
    class Meta:
        model = ConcernEvent
        fields = ["kind", "level", "actor", "note", "at"]
        read_only_fields = fields


class ConcernSerializer(ModelSerializer):
    """For those who act on a concern: everything, with its history."""

    history = ConcernEventSerializer(source="events", many=True, read_only=True)

    class Meta:
        model = Concern
        fields = [
            "id",
            "help_request",
            "assignment",
            "organisation",
            "raised_by",
            "category",
            "urgency",
            "description",
            "status",
            "level",
            "answer_by",
            "acknowledged_by",
            "acknowledged_at",
            "resolved_at",
            "outcome",
            "reply",
            "created_at",
            "history",
        ]
        read_only_fields = fields


class OwnConcernSerializer(ModelSerializer):
    """For the volunteer who raised it: what they reported, where it stands, the reply."""

    class Meta:
        model = Concern
        fields = [
            "id",
            "assignment",
            "category",
            "urgency",
            "description",
            "status",
            "reply",
            "created_at",
            "resolved_at",
        ]
        read_only_fields = fields


class ConcernCreateSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(min_value=1, max_value=2**53)
    category = serializers.ChoiceField(choices=Concern.Category.choices)
    urgent = serializers.BooleanField(default=False)
    description = CharField(max_length=2000)


class AcknowledgeSerializer(serializers.Serializer):
    note = CharField(max_length=2000, required=False, allow_blank=True, default="")


class ResolveSerializer(serializers.Serializer):
    outcome = CharField(max_length=2000)
    reply = CharField(max_length=1000)


class HandoverSerializer(ModelSerializer):
    class Meta:
        model = Handover
        fields = [
            "id",
            "help_request",
            "assignment",
            "direction",
            "from_organisation",
            "to_organisation",
            "part",
            "note",
            "after",
            "status",
            "created_by",
            "created_at",
            "received_by",
            "decided_at",
            "answer",
        ]
        read_only_fields = fields


class OwnHandoverSerializer(ModelSerializer):
    """For the volunteer: where the handover stands, not the note about the person."""

    class Meta:
        model = Handover
        fields = ["id", "assignment", "to_organisation", "part", "after", "status", "decided_at"]
        read_only_fields = fields


class HandoverCreateSerializer(serializers.Serializer):
    assignment = serializers.IntegerField(min_value=1, max_value=2**53)
    to_organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    part = CharField(max_length=300)
    note = CharField(max_length=3000)
    after = serializers.ChoiceField(choices=Handover.After.choices, default="continue")


class HandoverAnswerSerializer(serializers.Serializer):
    answer = CharField(max_length=1000, required=False, allow_blank=True, default="")


class HandoverAcceptSerializer(HandoverAnswerSerializer):
    responsible = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="The account of the professional or coordinator of the receiving "
        "organisation who takes it on; without it, the caller.",
    )


class TransferSerializer(ModelSerializer):
    amount = serializers.SerializerMethodField()

    class Meta:
        model = CreditTransaction
        fields = ["id", "kind", "memo", "created_at", "amount"]
        read_only_fields = fields

    def get_amount(self, obj) -> Decimal:
        return obj.amount_for(self.context["request"].user)


class TransferCreateSerializer(serializers.Serializer):
    receiver = serializers.IntegerField(min_value=1, max_value=2**53)
    amount = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("100")
    )
    memo = CharField(max_length=200, required=False, allow_blank=True, default="")


class HoursDecisionSerializer(serializers.Serializer):
    over_limit_confirmed = serializers.BooleanField(
        default=False,
        help_text="Approve although the allowance would pass a tax-free limit (after a 409 that "
        "says which).",
    )


class HoursQuestionSerializer(serializers.Serializer):
    question = CharField(max_length=500)


class ReceivedItemSerializer(serializers.Serializer):
    """One thing an organisation received to take on: a referral split off a request
    (answered at /referrals/{id}), a handover (/handovers/{id}) or a request a central desk
    routed to it (/help-requests/{id}/transitions: accept or return)."""

    kind = serializers.ChoiceField(choices=["referral", "handover", "routed"])
    id = serializers.IntegerField(help_text="The referral's, handover's or help request's id.")
    help_request = serializers.IntegerField()
    reference = CharField()
    asked = CharField(help_text="What was asked: the activities, or the part handed over.")
    from_organisation = serializers.IntegerField(allow_null=True)
    to_organisation = serializers.IntegerField()
    status = CharField()
    waiting = serializers.BooleanField(help_text="Whether it waits for the receiver's answer.")
    created_at = serializers.DateTimeField()


class MessageSerializer(serializers.Serializer):
    """A message in the conversation on a case."""

    id = serializers.IntegerField()
    author = serializers.IntegerField(
        source="author_id", allow_null=True, help_text="Null when the writer left Meedoen."
    )
    author_name = serializers.SerializerMethodField()
    body = CharField()
    created_at = serializers.DateTimeField()

    def get_author_name(self, message) -> str:
        author = message.author
        return "" if author is None else (author.get_full_name() or author.username)


class NewMessageSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=2000, help_text="At most 2000 characters.")
