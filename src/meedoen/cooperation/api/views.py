from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.catalogue.models import Activity
from meedoen.cooperation import agreements, consultations, contact_points, services
from meedoen.cooperation.api import serializers as s
from meedoen.cooperation.models import (
    Agreement,
    Assessment,
    Consultation,
    ConsultationAnswer,
    Stance,
)
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


def _whole_number(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{1,15}", value) or int(value) < 1:
        raise exceptions.ValidationError({name: [_("Enter a whole number of at least 1.")]})
    return int(value)


class ConsultationViewSet(ScopedReadOnlyViewSet):
    """Consultations on a policy question: those that ask the caller (as volunteer,
    professional, or for their organisation), those they answered, and those they organise.
    Answers are given here; the result, once the organiser has shared it, is for everyone who
    finds the consultation."""

    model = Consultation
    serializer_class = s.ConsultationSerializer

    def get_queryset(self):
        user = self.request.user
        found = Consultation.objects.filter(
            Q(pk__in=consultations.asking(user).values("pk"))
            | Q(pk__in=consultations.answered_by(user).values("pk"))
            | Q(pk__in=Consultation.objects.organised_by(user).values("pk"))
        )
        return found.order_by("-created_at", "-pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["answered"] = set(
            ConsultationAnswer.objects.filter(respondent_id=user.pk).values_list(
                "consultation_id", flat=True
            )
        )
        return context

    @extend_schema(
        request=s.ConsultationAnswerInputSerializer,
        responses={200: s.ConsultationAnswerOutputSerializer},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer (or change one's answer) while the consultation is open. Refused (409) after
        the closing date and for a way of answering the caller does not have."""
        consultation = self.get_object()
        data = s.ConsultationAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = consultations.answer(
            request.user,
            consultation,
            way=values["way"],
            text=values["text"],
            stance=values["stance"],
            signed=values["signed"],
        )
        body = {
            "perspective": found.perspective,
            "organisation": found.organisation_id,
            "text": found.text,
            "stance": found.stance,
            "signed": found.signed,
            "answered_at": found.answered_at,
        }
        return Response(s.ConsultationAnswerOutputSerializer(body).data)

    @extend_schema(request=None, responses={200: s.ConsultationResultSerializer})
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """What was done with the answers; 404 until the organiser shared it."""
        consultation = self.get_object()
        if consultation.responded_at is None:
            raise exceptions.NotFound
        groups, total, _shown = consultations.grouped(consultation)
        body = {
            "response": consultation.response,
            "shared_at": consultation.responded_at,
            "total": total,
            "groups": [
                {
                    "perspective": g.perspective,
                    "count": g.count,
                    "stances": [
                        {"stance": value, "count": count}
                        for (value, _label), (_shown_label, count) in zip(
                            Stance.choices, g.stances, strict=False
                        )
                    ],
                }
                for g in groups
            ],
        }
        return Response(s.ConsultationResultSerializer(body).data)


class AgreementViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Cooperation agreements: read by the coordinators and managers of both parties and the
    municipality's policy officers; drafted by a coordinator or manager of the organisation.
    A draft until each side's manager (the policy officer for the municipality) confirmed it
    on the agreement's page; then its activities go into the task-division register."""

    model = Agreement
    serializer_class = s.AgreementSerializer
    prefetch_related = ("volunteer_activities", "professional_activities")

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.INT, description="a party's id"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            party = _whole_number(self.request, "organisation")
            if party is not None:
                queryset = queryset.filter(Q(organisation_id=party) | Q(partner_id=party))
        return queryset

    def _activities(self, ids: list[int], name: str) -> list[Activity]:
        found = list(Activity.objects.visible_to(self.request.user).filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise exceptions.ValidationError({name: [_("Choose activities of the catalogue.")]})
        return found

    @extend_schema(request=s.AgreementCreateSerializer, responses={201: s.AgreementSerializer})
    def create(self, request, *args, **kwargs):
        data = s.AgreementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        organisation = get_object_or_404(Organisation, pk=values["organisation"])
        partner = None
        if values["partner"] is not None:
            partner = get_object_or_404(Organisation, pk=values["partner"])
        agreement = agreements.draft(
            request.user,
            organisation,
            partner=partner,
            title=values["title"],
            volunteer_tasks=values["volunteer_tasks"],
            professional_tasks=values["professional_tasks"],
            contact_here=values["contact_here"],
            contact_partner=values["contact_partner"],
            escalation=values["escalation"],
            review_on=values["review_on"],
            volunteer_activities=self._activities(
                values["volunteer_activities"], "volunteer_activities"
            ),
            professional_activities=self._activities(
                values["professional_activities"], "professional_activities"
            ),
        )
        return Response(s.AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)


class ContactPointViewSet(viewsets.GenericViewSet):
    """Contact points for volunteers at organisations with professionals, in the
    municipalities where the caller volunteers or works. One search: `q` finds words in the
    organisation's name, the areas it serves and the contact point's role (its topic);
    `area` keeps the organisations serving that area."""

    serializer_class = s.ContactPointSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="words: organisation, area or topic"),
            OpenApiParameter("area", OpenApiTypes.INT, description="area id"),
        ],
        responses={200: s.ContactPointSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        text = request.query_params.get("q", "")
        if len(text) > 200:
            raise exceptions.ValidationError({"q": [_("Use at most 200 characters.")]})
        found = contact_points.search(
            contact_points.findable_by(request.user), text, _whole_number(request, "area")
        )
        return Response(s.ContactPointSerializer(found, many=True).data)
