from __future__ import annotations

import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen import availability
from meedoen.accounts.audit import record_reads, record_reads_of
from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.matching import rules, services
from meedoen.matching import selectors as facts
from meedoen.matching.api.serializers import (
    AnswerSerializer,
    ConfirmSerializer,
    ProposalCreateSerializer,
    ProposalSerializer,
    RunCreateSerializer,
    RunSerializer,
    SuggestionSerializer,
    suggestion_data,
)
from meedoen.matching.models import MatchingRun, MatchProposal
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, holds
from meedoen.requests import services as request_services
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile


class MatchProposalViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Proposals in the caller's scope: coordinators propose, the volunteer accepts or declines."""

    model = MatchProposal
    serializer_class = ProposalSerializer
    select_related = ("help_request__area",)
    prefetch_related = ("help_request__activities",)

    def shown(self, objects):
        record_reads(self.request, HelpRequest, [o.help_request_id for o in objects])

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


# --- suggestions for one request --------------------------------------------------------


class SuggestionsView(APIView):
    """Suggested volunteers for one help request, for the coordinator who handles it."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "volunteer", OpenApiTypes.INT, description="explain this one volunteer (profile id)"
            )
        ],
        responses={200: SuggestionSerializer(many=True)},
    )
    def get(self, request, pk):
        """The best volunteers for this request (only those who meet every rule), each with
        what fits, what makes them less suitable (it lowers the score, it does not rule them
        out), the components of its score and their parts of the week beside the request's;
        with ?volunteer=ID, a list of that one volunteer: whether they meet every rule, and why
        not."""
        # Only its handling coordinator gets suggestions: looked up among the requests they
        # handle (a part of what they may see, with the same answer for any other request),
        # which needs their memberships but not the facts of their other roles.
        help_request = get_object_or_404(
            HelpRequest.objects.handled_by(request.user).select_related("area", "organisation"),
            pk=pk,
        )
        if not request_services.handles(request.user, help_request):
            raise exceptions.NotFound
        wanted = request.query_params.get("volunteer")
        if wanted is not None:
            if not re.fullmatch(r"[0-9]{1,15}", wanted):
                raise exceptions.ValidationError({"volunteer": ["Enter a volunteer number."]})
            profile = get_object_or_404(
                VolunteerProfile.objects.visible_to(request.user), pk=int(wanted)
            )
            volunteer = facts.volunteer_fact(profile.pk)
            verdict = facts.explain(help_request, profile.pk)
            body = _suggestion(help_request, volunteer, verdict, profile.user.first_name)
            body["volunteer"] = profile.pk
            record_reads_of(
                request, (HelpRequest, [help_request.pk]), (VolunteerProfile, [profile.pk])
            )
            return Response(SuggestionSerializer([body], many=True).data)
        shown: dict[int, facts.Shown] = {}
        rows = [
            _suggestion(help_request, volunteer, verdict, first_name)
            for volunteer, verdict, first_name in facts.suggestions(help_request, shown=shown)
        ]
        # The suggestions read each volunteer's account and municipality already.
        record_reads_of(
            request,
            (
                HelpRequest,
                {help_request.pk: (help_request.municipality_id, help_request.requester_id)},
            ),
            (VolunteerProfile, {pk: (who.municipality, who.user) for pk, who in shown.items()}),
        )
        return Response([suggestion_data(row) for row in rows])


def _suggestion(help_request, volunteer, verdict, first_name) -> dict:
    """One volunteer for a request: whether they meet every rule, and if so how well they fit,
    what makes them less suitable, and their parts of the week beside the request's."""
    week = volunteer.availability if volunteer else 0
    return {
        "volunteer": volunteer.id if volunteer else 0,
        "first_name": first_name,
        "feasible": bool(verdict and verdict.feasible),
        "problems": list(verdict.problems)
        if verdict
        else [gettext("Not an active volunteer near this request.")],
        "score": verdict.score if verdict else 0.0,
        "components": verdict.components if verdict else {},
        "fits": list(verdict.fits) if verdict else [],
        "less_suitable": list(verdict.misses) if verdict else [],
        "misses": list(verdict.misses) if verdict else [],
        "distance_km": round(
            rules.distance_km(
                volunteer.latitude,
                volunteer.longitude,
                float(help_request.area.latitude),
                float(help_request.area.longitude),
            ),
            1,
        )
        if volunteer
        else None,
        "availability": availability.to_slots(week),
        "in_common": availability.to_slots(week & help_request.availability),
    }
