from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.cooperation import services
from meedoen.cooperation.api import serializers as s
from meedoen.cooperation.models import Assessment
from meedoen.organisations.models import Municipality, Organisation


class AssessmentViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Self-assessments of a cooperation between volunteers and professionals: those the
    caller runs (coordinator or manager of the organisation, policy officer of the
    municipality) and those they were invited to with their account."""

    model = Assessment
    serializer_class = s.AssessmentSerializer
    prefetch_related = ("organisations",)

    @extend_schema(request=s.AssessmentCreateSerializer, responses={201: s.AssessmentSerializer})
    def create(self, request, *args, **kwargs):
        data = s.AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        organisation = municipality = None
        if values.get("organisation"):
            organisation = get_object_or_404(Organisation, pk=values["organisation"])
        elif values.get("municipality"):
            municipality = get_object_or_404(Municipality, pk=values["municipality"])
        members = Organisation.objects.filter(pk__in=values["organisations"])
        assessment = services.start(
            request.user,
            title=values["title"],
            context=values["context"],
            organisation=organisation,
            municipality=municipality,
            organisations=members,
        )
        return Response(s.AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    def _runs(self) -> Assessment:
        assessment = self.get_object()
        if not services.runs(self.request.user, assessment):
            raise exceptions.PermissionDenied
        return assessment

    @extend_schema(
        request=s.AssessmentInviteSerializer, responses={201: s.AssessmentParticipantSerializer}
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite someone from a perspective: by e-mail (a private link is mailed) or by
        account (they answer here or on the page)."""
        assessment = self._runs()
        data = s.AssessmentInviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        language = translation.get_language() or "nl"
        if values.get("user"):
            user = get_object_or_404(get_user_model(), pk=values["user"], is_active=True)
            participant = services.invite_account(
                request.user,
                assessment,
                perspective=values["perspective"],
                user=user,
                link=request.build_absolute_uri(
                    reverse("cooperation:answer", args=[assessment.pk])
                ),
                language=language,
            )
        else:
            participant, _token = services.invite_by_email(
                request.user,
                assessment,
                perspective=values["perspective"],
                email=values["email"],
                name=values["name"],
                link_for=lambda p, token: request.build_absolute_uri(
                    reverse("cooperation:answer_link", args=[p.assessment_id, token])
                ),
                language=language,
            )
        body = {
            "id": participant.pk,
            "perspective": participant.perspective,
            "by_account": participant.user_id is not None,
            "answered": participant.has_answered,
        }
        return Response(
            s.AssessmentParticipantSerializer(body).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=s.AssessmentAnswerSerializer, responses={200: s.AssessmentAnswerSerializer}
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """The caller's own answers (invited with their account); they may change them until
        the assessment closes."""
        assessment = self.get_object()
        participant = services.by_account(assessment.pk, request.user)
        if participant is None:
            raise exceptions.PermissionDenied
        data = s.AssessmentAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.answer(participant, data.validated_data)
        return Response(s.AssessmentAnswerSerializer(participant.answers).data)

    @extend_schema(request=None, responses={200: s.AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the round: answers are final, links stop, invited addresses are deleted."""
        assessment = self._runs()
        assessment = services.close(request.user, assessment)
        return Response(s.AssessmentSerializer(assessment).data)

    @extend_schema(request=None, responses={200: s.AssessmentResultSerializer})
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The result; 404 for a participant until the round is closed, and the figures are
        null while fewer than three people answered."""
        assessment = self.get_object()
        if not services.may_see_result(request.user, assessment):
            raise exceptions.NotFound
        found = services.result(assessment)
        if found is None:
            empty = {
                "count": assessment.participants.filter(answered_at__isnull=False).count(),
                "overall": None,
                "dimensions": [],
                "vision": None,
                "organisation_type": None,
                "perspectives": [],
                "divergences": [],
                "advice": [],
                "closest": [],
                "movement": None,
            }
            return Response(s.AssessmentResultSerializer(empty).data)
        previous = services.result(assessment.previous) if assessment.previous else None
        return Response(s.AssessmentResultSerializer(s.result_data(found, previous)).data)
