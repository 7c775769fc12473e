from __future__ import annotations

import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from meedoen.accounts.audit import record_read, record_reads
from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.volunteers import services
from meedoen.volunteers.api.serializers import (
    ApplicationSerializer,
    ApplyInputSerializer,
    DecisionInputSerializer,
    IntakeInputSerializer,
    IntakeSerializer,
    StatusChangeInputSerializer,
    StatusChangeSerializer,
    VacancySerializer,
    VolunteerSerializer,
)
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)


class VolunteerViewSet(ScopedReadOnlyViewSet):
    """Volunteer files in the caller's scope; a volunteer sees their own."""

    model = VolunteerProfile
    serializer_class = VolunteerSerializer
    select_related = ("user",)
    prefetch_related = ("activities", "skills", "motives", "enrolments")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["scope_ids"] = self.request.user.coordinated_organisation_ids(with_network=True)
        return context

    def shown(self, objects):
        record_reads(self.request, VolunteerProfile, [o.pk for o in objects])

    @extend_schema(request=IntakeInputSerializer, responses={200: IntakeSerializer})
    def partial_update(self, request, pk=None):
        """The intake: a coordinator of the volunteer's own organisation records the skills and
        talents found and the intake note (as on the volunteer's page). Fields left out stay
        as they are."""
        profile = self.get_object()
        data = IntakeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = data.validated_data
        enrolments = profile.enrolments.select_related("organisation")
        if not request.user.is_superuser:
            own = request.user.coordinated_organisation_ids(with_network=False)
            enrolments = enrolments.filter(organisation_id__in=own)
        if "organisation" in found:
            enrolments = enrolments.filter(organisation_id=found["organisation"])
        candidates = list(enrolments[:2])
        if not candidates:
            # Seen (their own file, or a central desk routing) but not theirs to record.
            raise exceptions.PermissionDenied
        if len(candidates) > 1:
            raise exceptions.ValidationError(
                {"organisation": [_("Name the organisation whose intake this is.")]}
            )
        enrolment = candidates[0]
        enrolment = services.record_intake(
            enrolment.pk,
            skills=found["skills"] if "skills" in found else list(profile.skills.all()),
            intake_note=found.get("intake_note", enrolment.intake_note),
        )
        return Response(IntakeSerializer(enrolment).data)

    @extend_schema(methods=["GET"], responses={200: StatusChangeSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=StatusChangeInputSerializer,
        responses={201: StatusChangeSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="status-changes", pagination_class=None)
    def status_changes(self, request, pk=None):
        """GET: the status history at the organisations the caller sees. POST: a coordinator
        changes the status at their organisation, with a reason."""
        profile = self.get_object()
        enrolments = Enrolment.objects.visible_to(request.user).filter(profile=profile)
        if request.method == "GET":
            record_read(request, profile)
            history = EnrolmentStatusChange.objects.filter(enrolment__in=enrolments).select_related(
                "enrolment"
            )
            return Response(StatusChangeSerializer(history, many=True).data)
        data = StatusChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        own = request.user.coordinated_organisation_ids(with_network=False)
        enrolment = enrolments.filter(organisation_id=data.validated_data["organisation"]).first()
        if enrolment is None:
            raise exceptions.NotFound
        if not request.user.is_superuser and enrolment.organisation_id not in own:
            raise exceptions.PermissionDenied
        services.change_status(
            enrolment.pk,
            data.validated_data["status"],
            request.user,
            data.validated_data["reason"],
            intake_at=data.validated_data.get("intake_at"),
        )
        change = enrolment.status_changes.select_related("enrolment").last()
        return Response(StatusChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class VacancyViewSet(ScopedReadOnlyViewSet):
    """The public vacancy board, with filters."""

    model = Vacancy
    serializer_class = VacancySerializer
    select_related = ("organisation",)
    prefetch_related = ("activities", "skills")

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return super().get_permissions()

    @extend_schema(
        parameters=[
            OpenApiParameter("activity", OpenApiTypes.INT, description="activity id"),
            OpenApiParameter("area", OpenApiTypes.INT, description="area id"),
            OpenApiParameter("max_hours", OpenApiTypes.INT, description="at most hours per week"),
            OpenApiParameter("regularity", str, enum=["one_off", "regular"]),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            return queryset
        params = self.request.query_params
        errors = {}
        for name in ("activity", "area", "max_hours"):
            value = params.get(name)
            if value is None:
                continue
            if not re.fullmatch(r"[0-9]{1,15}", value) or int(value) < 1:
                errors[name] = ["Enter a whole number of at least 1."]
        if params.get("regularity") not in (None, "one_off", "regular"):
            errors["regularity"] = ["Choose one_off or regular."]
        if errors:
            raise exceptions.ValidationError(errors)
        if params.get("activity"):
            queryset = queryset.filter(activities=params["activity"])
        if params.get("area"):
            queryset = queryset.filter(area_id=params["area"])
        if params.get("max_hours"):
            queryset = queryset.filter(hours_per_week__lte=params["max_hours"])
        if params.get("regularity"):
            queryset = queryset.filter(regularity=params["regularity"])
        return queryset.distinct()

    @extend_schema(methods=["GET"], responses={200: ApplicationSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=ApplyInputSerializer, responses={201: ApplicationSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def applications(self, request, pk=None):
        """GET: responses (coordinators of the organisation; a volunteer their own).
        POST: a volunteer responds."""
        vacancy = self.get_object()
        if request.method == "GET":
            responses = Application.objects.visible_to(request.user).filter(vacancy=vacancy)
            return Response(ApplicationSerializer(responses, many=True).data)
        profile = VolunteerProfile.objects.filter(user=request.user).first()
        if profile is None:
            raise exceptions.PermissionDenied
        data = ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.apply(vacancy.pk, profile, data.validated_data["message"])
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DecisionInputSerializer, responses={200: ApplicationSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path=r"applications/(?P<application_id>[0-9]{1,15})/decision",
    )
    def decision(self, request, pk=None, application_id=None):
        """A coordinator of the organisation invites, accepts or declines a response."""
        vacancy = get_object_or_404(Vacancy.objects.managed_by(request.user), pk=pk)
        application = get_object_or_404(vacancy.applications, pk=application_id)
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["decision"] == "invite":
            if not values.get("intake_at"):
                raise exceptions.ValidationError(
                    {"intake_at": ["Give the date and time of the intake."]}
                )
            services.invite(
                application.pk,
                request.user,
                intake_at=values["intake_at"],
                answer=values["answer"],
            )
        elif values["decision"] == "accept":
            services.accept(application.pk, request.user, answer=values["answer"])
        else:
            services.decline(application.pk, request.user, answer=values["answer"])
        application.refresh_from_db()
        return Response(ApplicationSerializer(application).data)
