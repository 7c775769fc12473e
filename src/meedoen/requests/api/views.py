from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from meedoen import availability
from meedoen.accounts.audit import record_read, record_reads
from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.organisations.models import Organisation
from meedoen.permissions import Role, holds
from meedoen.requests import services
from meedoen.requests.api.serializers import (
    AcceptReferralInputSerializer,
    HelpRequestCreateSerializer,
    HelpRequestSerializer,
    ReferralSerializer,
    ReturnReferralInputSerializer,
    RouteInputSerializer,
    TransitionInputSerializer,
    TransitionSerializer,
)
from meedoen.requests.models import HelpRequest, ProfessionalReferral


class HelpRequestViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Help requests in the caller's scope; professionals refer, coordinators register."""

    model = HelpRequest
    serializer_class = HelpRequestSerializer
    select_related = ("area", "organisation")
    prefetch_related = ("activities",)

    def shown(self, objects):
        record_reads(self.request, HelpRequest, [o.pk for o in objects])

    @extend_schema(request=HelpRequestCreateSerializer, responses={201: HelpRequestSerializer})
    def create(self, request, *args, **kwargs):
        if not holds(request.user, Role.PROFESSIONAL, Role.COORDINATOR):
            raise exceptions.PermissionDenied
        data = HelpRequestCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        fields = {
            "area": values["area"],
            "first_name": values["first_name"],
            "description": values.get("description", ""),
            "contact_phone": values.get("contact_phone", ""),
            "contact_email": values.get("contact_email", ""),
            "self_reliance": values.get("self_reliance"),
            "availability": availability.to_mask(values.get("availability") or [])
            or availability.ALL,
            "professional_care": values.get("professional_care", ""),
            "referral_consent": values.get("referral_consent", False),
        }
        if values["organisation"].pk not in request.user.organisation_ids("coordinator"):
            help_request = services.refer_client(
                professional=request.user,
                data=fields,
                activities=values["activities"],
                organisation=values["organisation"],
                takes_responsibility=values["takes_responsibility"],
                language=values.get("language") or get_language() or "nl",
            )
        else:
            help_request = services.register_by_coordinator(
                coordinator=request.user,
                data=fields,
                activities=values["activities"],
                organisation=values["organisation"],
                source=values.get("source") or HelpRequest.Source.CITIZEN,
                language=values.get("language") or get_language() or "nl",
            )
        return Response(HelpRequestSerializer(help_request).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: TransitionSerializer(many=True)})
    @extend_schema(
        methods=["POST"], request=TransitionInputSerializer, responses={200: HelpRequestSerializer}
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        """GET: the history of steps. POST: take a step, with a reason where one is needed."""
        help_request = self.get_object()
        if request.method == "GET":
            record_read(request, help_request)
            history = help_request.transitions.all()
            return Response(TransitionSerializer(history, many=True).data)
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        responsible = None
        named = data.validated_data.get("responsible")
        if named is not None:
            # As on the request's page: a professional of the organisation that accepts.
            responsible = (
                services.responsible_professionals(help_request.organisation)
                .filter(pk=named)
                .first()
            )
            if responsible is None:
                raise exceptions.ValidationError(
                    {
                        "responsible": [
                            _("Choose a professional of %(organisation)s.")
                            % {"organisation": help_request.organisation}
                        ]
                    }
                )
        help_request = services.take_step(
            help_request.pk,
            data.validated_data["step"],
            request.user,
            data.validated_data["reason"],
            responsible=responsible,
        )
        return Response(HelpRequestSerializer(help_request).data)

    @extend_schema(request=RouteInputSerializer, responses={200: HelpRequestSerializer})
    @action(detail=True, methods=["post"])
    def route(self, request, pk=None):
        """The central desk routes the request to a member organisation of its network."""
        help_request = self.get_object()
        data = RouteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = get_object_or_404(
            Organisation.objects.visible_to(request.user), pk=data.validated_data["organisation"]
        )
        help_request = services.route(
            help_request.pk, member, request.user, data.validated_data["reason"]
        )
        return Response(HelpRequestSerializer(help_request).data)


class ReferralViewSet(ScopedReadOnlyViewSet):
    """The referrals the caller's organisations received (as coordinator or professional)."""

    model = ProfessionalReferral
    serializer_class = ReferralSerializer
    select_related = ("help_request__organisation",)
    prefetch_related = ("activities",)

    def shown(self, objects):
        record_reads(self.request, HelpRequest, [o.help_request_id for o in objects])

    @extend_schema(request=AcceptReferralInputSerializer, responses={200: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The receiving organisation accepts, naming its professional who takes
        responsibility (`responsible`; without it, the caller), as on the referral's page."""
        referral = self.get_object()
        data = AcceptReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        named = data.validated_data["named"] or request.user.pk
        professional = (
            services.responsible_professionals(referral.organisation).filter(pk=named).first()
        )
        if professional is None:
            field = "professional" if "professional" in request.data else "responsible"
            raise exceptions.ValidationError(
                {
                    field: [
                        _("Choose a professional of %(organisation)s.")
                        % {"organisation": referral.organisation}
                    ]
                }
            )
        referral = services.accept_referral(referral.pk, request.user, professional=professional)
        return Response(ReferralSerializer(referral).data)

    @extend_schema(request=ReturnReferralInputSerializer, responses={200: ReferralSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_referral(self, request, pk=None):
        """The receiving organisation returns it, saying why; the sender sees the reason."""
        referral = self.get_object()
        data = ReturnReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = services.return_referral(
            referral.pk, request.user, data.validated_data["reason"]
        )
        return Response(ReferralSerializer(referral).data)
