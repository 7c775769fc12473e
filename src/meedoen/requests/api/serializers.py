from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from meedoen import availability
from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.catalogue.models import Activity
from meedoen.organisations.models import Area, Organisation
from meedoen.requests.models import HelpRequest, ProfessionalReferral, RequestTransition

SLOT_FIELD = serializers.ChoiceField(choices=list(availability.SLOTS))
SLOT_CHOICES = list(availability.SLOTS)


class HelpRequestSerializer(ModelSerializer):
    status_label = CharField(source="get_status_display", read_only=True)
    availability = serializers.SerializerMethodField()
    activities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "source",
            "urgency",
            "municipality",
            "area",
            "organisation",
            "activities",
            "performance_field",
            "self_reliance",
            "availability",
            "languages",
            "first_name",
            "description",
            "language",
            "contact_phone",
            "contact_email",
            "referred_by",
            "responsible_professional",
            "created_at",
            "status_changed_at",
        ]
        read_only_fields = fields

    def get_availability(self, obj) -> list[str]:
        return availability.to_slots(obj.availability)


class HelpRequestCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    area = serializers.PrimaryKeyRelatedField(queryset=Area.objects.all())
    activities = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Activity.objects.filter(is_active=True), allow_empty=False
    )
    source = serializers.ChoiceField(
        choices=HelpRequest.Source.choices,
        required=False,
        help_text=_("For coordinators registering a request; professionals always refer."),
    )
    first_name = CharField(max_length=60)
    description = CharField(max_length=1000, required=False, allow_blank=True)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text=_(
            "The language the description is written in and the person is written to in; "
            "by default the language of the call (Accept-Language)."
        ),
    )
    contact_phone = CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    self_reliance = serializers.IntegerField(
        min_value=1, max_value=5, required=False, allow_null=True
    )
    availability = serializers.ListField(child=SLOT_FIELD, required=False)
    professional_care = CharField(max_length=1000, required=False, allow_blank=True)
    referral_consent = serializers.BooleanField(required=False, default=False)
    takes_responsibility = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        user = self.context["request"].user
        errors = {}
        if attrs["area"].municipality_id != attrs["organisation"].municipality_id:
            errors["area"] = [_("The area must be in the organisation's municipality.")]
        if attrs["organisation"].pk in user.organisation_ids("coordinator"):
            pass  # a coordinator registers a request for their own organisation
        elif user.organisation_ids("professional"):
            if not attrs.get("referral_consent"):
                errors["referral_consent"] = [_("The client must agree to the referral.")]
            if attrs.get("self_reliance") is None:
                errors["self_reliance"] = [_("Give the client's self-reliance (1 to 5).")]
        else:
            errors["organisation"] = [
                _("You can only register requests for your own organisation.")
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TransitionSerializer(ModelSerializer):
    step = CharField(source="name")

    class Meta:
        model = RequestTransition
        fields = [
            "id",
            "step",
            "from_status",
            "to_status",
            "actor",
            "actor_role",
            "organisation",
            "reason",
            "created_at",
        ]
        read_only_fields = fields


class TransitionInputSerializer(serializers.Serializer):
    step = serializers.ChoiceField(
        choices=[
            "start_intake",
            "accept",
            "return",
            "ready",
            "back_to_intake",
            "refer",
            "decline",
            "withdraw",
            "close",
        ]
    )
    reason = CharField(max_length=1000, required=False, allow_blank=True, default="")
    responsible = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="With `accept` of a request a central desk routed: the account of the "
        "professional of the organisation who takes responsibility (optional).",
    )


class RouteInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    reason = CharField(max_length=1000, required=False, allow_blank=True, default="")


@extend_schema_serializer(deprecate_fields=["professional"])
class AcceptReferralInputSerializer(serializers.Serializer):
    responsible = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="The account of the professional of the receiving organisation who takes "
        "responsibility; without it, the caller (who must then be one of its professionals).",
    )
    professional = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        allow_null=True,
        help_text="The former name of `responsible`.",
    )

    def validate(self, attrs):
        named = {attrs.get("responsible"), attrs.get("professional")} - {None}
        if len(named) > 1:
            raise serializers.ValidationError(
                {"responsible": [_("Name one professional who takes responsibility.")]}
            )
        attrs["named"] = named.pop() if named else None
        return attrs


class ReturnReferralInputSerializer(serializers.Serializer):
    reason = CharField(max_length=1000, help_text="Why: the sender sees it.")


class ReferralSerializer(ModelSerializer):
    """A referral an organisation received: what was asked, and its answer."""

    status_label = CharField(source="get_status_display", read_only=True)
    activities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reference = CharField(source="help_request.reference", read_only=True)
    first_name = CharField(source="help_request.first_name", read_only=True)
    description = CharField(source="help_request.description", read_only=True)
    sent_by = serializers.PrimaryKeyRelatedField(
        source="help_request.organisation", read_only=True, allow_null=True
    )

    class Meta:
        model = ProfessionalReferral
        fields = [
            "id",
            "help_request",
            "reference",
            "first_name",
            "description",
            "organisation",
            "sent_by",
            "activities",
            "note",
            "status",
            "status_label",
            "responsible_professional",
            "answer_reason",
            "created_at",
            "answered_at",
            "overdue_flagged_at",
        ]
        read_only_fields = fields
