from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen.accounts.audit import record_reads
from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.engagements import conversations, inbox
from meedoen.engagements.api import serializers as s
from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    CreditTransaction,
    Handover,
    HoursEntry,
)
from meedoen.engagements.services import assignments as assignment_services
from meedoen.engagements.services import check_ins, concerns, credits, is_coordinator_of
from meedoen.organisations.models import Organisation
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile


class AssignmentViewSet(ScopedReadOnlyViewSet):
    """Assignments in the caller's scope: a volunteer sees only their own."""

    model = Assignment
    serializer_class = s.AssignmentSerializer
    select_related = ("help_request__area",)
    prefetch_related = ("tasks",)

    def shown(self, objects):
        record_reads(self.request, HelpRequest, [o.help_request_id for o in objects])

    @extend_schema(methods=["GET"], request=None, responses={200: s.HoursSerializer(many=True)})
    @extend_schema(methods=["POST"], request=s.HoursSerializer, responses={201: s.HoursSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=s.HoursSerializer)
    def hours(self, request, pk=None):
        """The hours of this assignment; the volunteer logs new hours with POST."""
        assignment = self.get_object()
        if request.method == "GET":
            record_reads(request, VolunteerProfile, [assignment.profile_id])
            entries = assignment.hours.all()
            page = self.paginate_queryset(entries)
            return self.get_paginated_response(s.HoursSerializer(page, many=True).data)
        data = s.HoursSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = assignment_services.log_hours(
            assignment.pk,
            request.user,
            on=data.validated_data["date"],
            hours=data.validated_data["hours"],
            expenses=data.validated_data.get("expenses") or 0,
            note=data.validated_data.get("note", ""),
        )
        return Response(s.HoursSerializer(entry).data, status=status.HTTP_201_CREATED)


def _coordinators_only(request, organisation_id) -> None:
    if not is_coordinator_of(request.user, organisation_id):
        raise exceptions.PermissionDenied


class PerObjectSerializerMixin:
    """The full view for whoever handles the object in a staff role; the volunteer's own view
    (no team notes) for everyone else, decided object by object, so that nothing of one role
    shows in another."""

    own_serializer_class = None

    def handled_ids(self, objects) -> set[int]:
        return set(
            self.model.objects.handled_by(self.request.user)
            .filter(pk__in=[o.pk for o in objects])
            .values_list("pk", flat=True)
        )

    def represent(self, obj):
        full = obj.pk in self.handled_ids([obj])
        return (self.serializer_class if full else self.own_serializer_class)(obj).data

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        handled = self.handled_ids(page)
        self.shown(page)
        return self.get_paginated_response(
            [
                (self.serializer_class if o.pk in handled else self.own_serializer_class)(o).data
                for o in page
            ]
        )

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.shown([obj])
        return Response(self.represent(obj))

    def shown(self, objects):
        """Concerns and handovers are about the help request they belong to."""
        record_reads(self.request, HelpRequest, [o.help_request_id for o in objects])

    def staff_only(self, obj) -> None:
        if obj.pk not in self.handled_ids([obj]):
            raise exceptions.PermissionDenied


class HoursViewSet(ScopedReadOnlyViewSet):
    """Hours in the caller's scope; the coordinator approves them or asks a question."""

    model = HoursEntry
    serializer_class = s.HoursSerializer
    select_related = ("assignment",)

    def shown(self, objects):
        """Hours are part of the volunteer's file."""
        record_reads(self.request, VolunteerProfile, [o.assignment.profile_id for o in objects])

    @extend_schema(request=s.HoursDecisionSerializer, responses={200: s.HoursSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve: the allowance is set and the time credits are earned. Above a tax-free
        limit the answer is 409 with the reasons, until `over_limit_confirmed` is sent."""
        entry = self.get_object()
        _coordinators_only(request, entry.assignment.organisation_id)
        data = s.HoursDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = assignment_services.approve_hours(
            entry.pk,
            request.user,
            over_limit_confirmed=data.validated_data["over_limit_confirmed"],
        )
        return Response(s.HoursSerializer(entry).data)

    @extend_schema(request=s.HoursQuestionSerializer, responses={200: s.HoursSerializer})
    @action(detail=True, methods=["post"])
    def query(self, request, pk=None):
        """Ask the volunteer about these hours; they correct them."""
        entry = self.get_object()
        _coordinators_only(request, entry.assignment.organisation_id)
        data = s.HoursQuestionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = assignment_services.query_hours(
            entry.pk, request.user, question=data.validated_data["question"]
        )
        return Response(s.HoursSerializer(entry).data)


class CheckInViewSet(ScopedReadOnlyViewSet):
    """Check-ins in the caller's scope; a volunteer sees and answers their own."""

    model = CheckIn
    serializer_class = s.CheckInSerializer
    select_related = ("assignment",)

    def shown(self, objects):
        """A check-in tells how the help goes: it belongs to the help request's file."""
        record_reads(self.request, HelpRequest, [o.assignment.help_request_id for o in objects])

    @extend_schema(request=s.CheckInAnswerSerializer, responses={200: s.CheckInSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        check_in = self.get_object()
        data = s.CheckInAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check_in = check_ins.record_check_in(check_in.pk, request.user, **data.validated_data)
        return Response(s.CheckInSerializer(check_in).data)


class ConcernViewSet(PerObjectSerializerMixin, mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Concerns: raised by a volunteer on their assignment (or a coordinator), acknowledged
    and resolved by those it reached; the volunteer sees the reply, not the team's notes."""

    model = Concern
    serializer_class = s.ConcernSerializer
    own_serializer_class = s.OwnConcernSerializer
    prefetch_related = ("events",)

    @extend_schema(request=s.ConcernCreateSerializer, responses={201: s.ConcernSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ConcernCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = get_object_or_404(
            Assignment.objects.visible_to(request.user), pk=data.validated_data["assignment"]
        )
        concern = concerns.raise_concern(
            assignment.help_request_id,
            request.user,
            assignment_id=assignment.pk,
            category=data.validated_data["category"],
            urgent=data.validated_data["urgent"],
            description=data.validated_data["description"],
        )
        return Response(self.represent(concern), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AcknowledgeSerializer, responses={200: s.ConcernSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        concern = self.get_object()
        self.staff_only(concern)
        data = s.AcknowledgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        concern = concerns.acknowledge(concern.pk, request.user, **data.validated_data)
        return Response(s.ConcernSerializer(concern).data)

    @extend_schema(request=s.ResolveSerializer, responses={200: s.ConcernSerializer})
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        concern = self.get_object()
        self.staff_only(concern)
        data = s.ResolveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        concern = concerns.resolve(concern.pk, request.user, **data.validated_data)
        return Response(s.ConcernSerializer(concern).data)


class HandoverViewSet(PerObjectSerializerMixin, mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Warm handovers between volunteer and professional organisations."""

    model = Handover
    serializer_class = s.HandoverSerializer
    own_serializer_class = s.OwnHandoverSerializer

    @extend_schema(request=s.HandoverCreateSerializer, responses={201: s.HandoverSerializer})
    def create(self, request, *args, **kwargs):
        data = s.HandoverCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = get_object_or_404(
            Assignment.objects.visible_to(request.user).exclude(profile__user=request.user),
            pk=data.validated_data["assignment"],
        )
        receiver = get_object_or_404(Organisation, pk=data.validated_data["to_organisation"])
        handover = concerns.hand_over(
            assignment.help_request_id,
            request.user,
            assignment_id=assignment.pk,
            to_organisation=receiver,
            part=data.validated_data["part"],
            note=data.validated_data["note"],
            after=data.validated_data["after"],
        )
        return Response(s.HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)

    def _answer(self, request, accept):
        handover = self.get_object()
        data = (s.HandoverAcceptSerializer if accept else s.HandoverAnswerSerializer)(
            data=request.data
        )
        data.is_valid(raise_exception=True)
        responsible = None
        named = data.validated_data.get("responsible")
        if named is not None:
            # As on the handover's page: a colleague of the receiving organisation.
            responsible = concerns.colleagues(handover.to_organisation_id).filter(pk=named).first()
            if responsible is None:
                raise exceptions.ValidationError(
                    {
                        "responsible": [
                            _(
                                "Name a professional or coordinator of the organisation that "
                                "receives it."
                            )
                        ]
                    }
                )
        handover = concerns.answer_handover(
            handover.pk,
            request.user,
            accept=accept,
            answer=data.validated_data["answer"],
            responsible=responsible,
        )
        return Response(s.HandoverSerializer(handover).data)

    @extend_schema(request=s.HandoverAcceptSerializer, responses={200: s.HandoverSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The receiving organisation takes over; `responsible` names the colleague who takes
        it on (without it, the caller), as on the handover's page."""
        return self._answer(request, True)

    @extend_schema(request=s.HandoverAnswerSerializer, responses={200: s.HandoverSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The receiving organisation cannot take over, and says why."""
        return self._answer(request, False)


class CreditTransferViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """The caller's own time-credit transactions; give credits to a member of the community."""

    model = CreditTransaction
    serializer_class = s.TransferSerializer
    prefetch_related = ("entries__account",)

    @extend_schema(request=s.TransferCreateSerializer, responses={201: s.TransferSerializer})
    def create(self, request, *args, **kwargs):
        data = s.TransferCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        receiver = get_user_model().objects.filter(pk=data.validated_data["receiver"]).first()
        record = credits.give(
            request.user,
            receiver,
            data.validated_data["amount"],
            data.validated_data["memo"],
        )
        return Response(
            s.TransferSerializer(record, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ReceivedView(APIView):
    """Everything the caller's organisations received to take on, waiting first: referrals
    split off a request, handovers to their professionals and requests a central desk routed
    to an organisation they coordinate. Empty for anyone who receives nothing."""

    @extend_schema(responses={200: s.ReceivedItemSerializer(many=True)})
    def get(self, request):
        found = inbox.received_by(request.user)
        record_reads(request, HelpRequest, inbox.request_ids(found))
        items = [
            {
                "kind": "referral",
                "id": r.pk,
                "help_request": r.help_request_id,
                "reference": r.help_request.reference,
                "asked": ", ".join(a.name for a in r.activities.all()),
                "from_organisation": r.help_request.organisation_id,
                "to_organisation": r.organisation_id,
                "status": r.status,
                "waiting": r.is_waiting,
                "created_at": r.created_at,
            }
            for r in found["referrals"]
        ]
        items += [
            {
                "kind": "handover",
                "id": h.pk,
                "help_request": h.help_request_id,
                "reference": h.help_request.reference,
                "asked": h.part,
                "from_organisation": h.from_organisation_id,
                "to_organisation": h.to_organisation_id,
                "status": h.status,
                "waiting": h.status == Handover.Status.OFFERED,
                "created_at": h.created_at,
            }
            for h in found["handovers"]
        ]
        items += [
            {
                "kind": "routed",
                "id": r.pk,
                "help_request": r.pk,
                "reference": r.reference,
                "asked": ", ".join(a.name for a in r.activities.all()) or r.description,
                "from_organisation": None,
                "to_organisation": r.organisation_id,
                "status": r.status,
                "waiting": True,
                "created_at": r.created_at,
            }
            for r in found["routed"]
        ]
        items.sort(key=lambda item: (not item["waiting"], -item["created_at"].timestamp()))
        return Response(s.ReceivedItemSerializer(items, many=True).data)


class ConversationMessagesView(APIView):
    """The conversation on a case the caller takes part in (an application, an assignment or
    a referral, as on its page): its messages oldest first (the last 200), and POST writes
    one; the other side is notified. Anyone else finds no conversation (404)."""

    kind = ""

    def _case(self, request, pk):
        try:
            case = conversations.case_for(request.user, self.kind, pk)
        except ObjectDoesNotExist:
            raise Http404 from None
        obj = case.obj
        if self.kind == "application":
            if obj.profile.user_id != request.user.pk:
                record_reads(request, VolunteerProfile, [obj.profile_id])
        elif self.kind != "assignment" or obj.profile.user_id != request.user.pk:
            record_reads(request, HelpRequest, [obj.help_request_id])
        return case

    @extend_schema(responses={200: s.MessageSerializer(many=True)})
    def get(self, request, pk):
        case = self._case(request, pk)
        newest = list(case.messages().order_by("-created_at", "-pk")[:200])
        return Response(s.MessageSerializer(reversed(newest), many=True).data)

    @extend_schema(request=s.NewMessageSerializer, responses={201: s.MessageSerializer})
    def post(self, request, pk):
        self._case(request, pk)
        data = s.NewMessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            message = conversations.post(request.user, self.kind, pk, data.validated_data["body"])
        except conversations.ConversationError as exc:
            raise exceptions.ValidationError({"body": [str(exc)]}) from exc
        return Response(s.MessageSerializer(message).data, status=status.HTTP_201_CREATED)
