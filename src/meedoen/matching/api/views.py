from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.matching import services
from meedoen.matching.api.serializers import (
    AnswerSerializer,
    ConfirmSerializer,
    ProposalCreateSerializer,
    ProposalSerializer,
    RunCreateSerializer,
    RunSerializer,
)
from meedoen.matching.models import MatchingRun, MatchProposal
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, holds
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile


class MatchProposalViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Proposals in the caller's scope: coordinators propose, the volunteer accepts or declines."""

    model = MatchProposal
    serializer_class = ProposalSerializer
    select_related = ("help_request__area",)
    prefetch_related = ("help_request__activities",)

    @extend_schema(request=ProposalCreateSerializer, responses={201: ProposalSerializer})
    def create(self, request, *args, **kwargs):
        data = ProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        help_request = get_object_or_404(
            HelpRequest.objects.visible_to(request.user), pk=data.validated_data["help_request"]
        )
        profile = get_object_or_404(
            VolunteerProfile.objects.visible_to(request.user), pk=data.validated_data["volunteer"]
        )
        if not holds(request.user, Role.COORDINATOR):
            raise exceptions.PermissionDenied
        proposal = services.propose(help_request.pk, profile.pk, request.user)
        return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)

    def _answer(self, request, accept):
        proposal = self.get_object()
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        proposal = services.answer(
            proposal.pk, request.user, accept=accept, reason=data.validated_data["reason"]
        )
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(request=AnswerSerializer, responses={200: ProposalSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The volunteer says yes: the request is matched."""
        return self._answer(request, True)

    @extend_schema(request=AnswerSerializer, responses={200: ProposalSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The volunteer says no, with a reason."""
        return self._answer(request, False)


class MatchingRunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Global matching for the caller's own organisations: start, review, confirm."""

    serializer_class = RunSerializer
    lookup_value_regex = r"[0-9]{1,15}"

    def get_queryset(self):
        own = self.request.user.coordinated_organisation_ids(with_network=False)
        return MatchingRun.objects.filter(organisation_id__in=own).prefetch_related("pairs")

    @extend_schema(request=RunCreateSerializer, responses={202: RunSerializer})
    def create(self, request, *args, **kwargs):
        """Queue a global matching; poll the run until its status is "proposed" (or "failed").
        409 while one for the organisation is queued or running."""
        data = RunCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        own = request.user.coordinated_organisation_ids(with_network=False)
        organisation = get_object_or_404(
            Organisation.objects.filter(pk__in=own), pk=data.validated_data["organisation"]
        )
        run = services.start(organisation, request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=ConfirmSerializer, responses={200: RunSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Propose the chosen pairs to their volunteers."""
        run = self.get_object()
        data = ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.confirm(run.pk, data.validated_data["pairs"], request.user)
        run.refresh_from_db()
        return Response(RunSerializer(run).data)
