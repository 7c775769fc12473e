"""Organisations run by their own people: the municipality's list of organisations, an
organisation's own page with its members and invitations, and the invitation link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from meedoen.accounts import invitations
from meedoen.accounts.forms import AcceptNewForm, InvitationForm
from meedoen.accounts.models import Invitation
from meedoen.organisations import services as organisations
from meedoen.organisations.forms import (
    AreaForm,
    BoundaryLimitForm,
    NewOrganisationForm,
    OwnOrganisationForm,
)
from meedoen.organisations.models import Area, Membership, Municipality, Network, Organisation
from meedoen.permissions import Role, is_admin, role_required

PAGE_ROLES = (Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER)


def _listing_or_403(user) -> set[int]:
    municipality_ids = organisations.adding_municipality_ids(user)
    if not municipality_ids and not is_admin(user):
        raise PermissionDenied
    return municipality_ids


@role_required(Role.POLICY_OFFICER, Role.COORDINATOR)
def organisation_list(request):
    """ "Organisaties": the organisations of the municipality (list, add), for its policy
    officer and the coordinator of its central desk."""
    municipality_ids = _listing_or_403(request.user)
    if is_admin(request.user):
        municipality_ids = set(
            Organisation.objects.values_list("municipality_id", flat=True).distinct()
        )
    desks = organisations.desk_ids(request.user)
    form = NewOrganisationForm(
        request.POST or None, municipality_ids=municipality_ids, with_network=bool(desks)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                organisation = organisations.add_organisation(
                    request.user,
                    municipality_id=data["municipality"].pk,
                    details=data,
                    areas=data["areas"],
                    in_network=data.get("in_network", False),
                )
            except organisations.OrganisationRefused as exc:
                form.add_error("name", str(exc))
                status = 400
            else:
                messages.success(
                    request, _("“%(name)s” has been added.") % {"name": organisation.name}
                )
                return redirect("accounts:organisation", organisation.pk)
        else:
            status = 400
    networks = list(Network.objects.filter(desk_id__in=desks).prefetch_related("members"))
    member_ids = {member.pk for network in networks for member in network.members.all()}
    limits = [
        BoundaryLimitForm(instance=municipality, prefix=f"limit-{municipality.pk}")
        for municipality in Municipality.objects.filter(
            pk__in=request.user.policy_municipality_ids()
        )
    ]
    return render(
        request,
        "accounts/organisations.html",
        {
            "organisations": organisations.listed_for(request.user)
            .select_related("municipality")
            .order_by("name"),
            "form": form,
            "networks": networks,
            "member_ids": member_ids,
            "limits": limits,
        },
        status=status,
    )


def _kept_municipalities(user):
    municipalities = Municipality.objects.all()
    if not is_admin(user):
        municipalities = municipalities.filter(pk__in=user.policy_municipality_ids())
    return municipalities


@role_required(Role.POLICY_OFFICER)
def areas(request):
    """The municipality's neighbourhoods and villages, kept by its policy officer: their
    centre (for distances), postcodes and inhabitants (for the figures per 1,000)."""
    municipalities = list(_kept_municipalities(request.user))
    if not municipalities:
        raise PermissionDenied
    form = AreaForm(request.POST or None, municipalities=municipalities, prefix="area")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            municipality = form.cleaned_data.get("municipality") or municipalities[0]
            try:
                area = organisations.keep_area(
                    request.user, Area(municipality=municipality), form.cleaned_data
                )
            except organisations.OrganisationRefused as exc:
                form.add_error("name", str(exc))
                status = 400
            else:
                messages.success(request, _("“%(name)s” has been added.") % {"name": area.name})
                return redirect("accounts:areas")
        else:
            status = 400
    return render(
        request,
        "accounts/areas.html",
        {
            "areas": Area.objects.filter(municipality__in=municipalities).select_related(
                "municipality"
            ),
            "form": form,
            "several": len(municipalities) > 1,
        },
        status=status,
    )


@role_required(Role.POLICY_OFFICER)
def area(request, pk: int):
    """One area's details, changed by the municipality's policy officer."""
    area = get_object_or_404(
        Area.objects.filter(municipality__in=_kept_municipalities(request.user)), pk=pk
    )
    form = AreaForm(request.POST or None, instance=area, prefix="area")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisations.keep_area(request.user, area, form.cleaned_data)
            except organisations.OrganisationRefused as exc:
                form.add_error("name", str(exc))
                status = 400
            else:
                messages.success(request, _("The details have been saved."))
                return redirect("accounts:areas")
        else:
            status = 400
    return render(request, "accounts/area.html", {"area": area, "form": form}, status=status)


@role_required(Role.POLICY_OFFICER)
@require_POST
def boundary_limit(request, pk: int):
    """The policy officer sets how far the municipality's organisations may open care to
    trained volunteers; organisations that went further are named in the message."""
    municipality = get_object_or_404(_kept_municipalities(request.user), pk=pk)
    form = BoundaryLimitForm(request.POST, instance=municipality, prefix=f"limit-{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the care levels."))
        return redirect("accounts:organisations")
    lowered = organisations.set_boundary_limit(
        request.user, municipality, form.cleaned_data["widest_volunteer_care_level"]
    )
    messages.success(request, _("The limit has been set."))
    if lowered:
        messages.info(
            request,
            _("These organisations now go no further than the limit: %(names)s.")
            % {"names": ", ".join(organisation.name for organisation in lowered)},
        )
    return redirect("accounts:organisations")


@role_required(Role.POLICY_OFFICER, Role.COORDINATOR)
@require_POST
def network_member(request, pk: int):
    """The desk's coordinator adds an organisation to its network or takes it out."""
    network = Network.objects.filter(desk_id__in=organisations.desk_ids(request.user)).first()
    organisation = get_object_or_404(organisations.listed_for(request.user), pk=pk)
    if network is None:
        raise Http404
    try:
        organisations.set_network_member(
            request.user, network, organisation, request.POST.get("member") == "1"
        )
    except organisations.OrganisationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The network has been changed."))
    return redirect("accounts:organisations")


def _organisation_or_404(request, pk: int) -> Organisation:
    return get_object_or_404(
        organisations.kept_by(request.user).select_related("municipality"), pk=pk
    )


def _link_for(request):
    return lambda token: request.build_absolute_uri(reverse("accounts:invitation", args=[token]))


@role_required(*PAGE_ROLES)
def organisation(request, pk: int):
    """ "Onze organisatie": its details, its people and their roles, invitations."""
    organisation = _organisation_or_404(request, pk)
    details = OwnOrganisationForm(
        request.POST if request.POST.get("form") == "details" else None,
        instance=organisation,
        prefix="details",
    )
    roles = invitations.roles_to_invite(request.user, organisation)
    invite_form = InvitationForm(
        request.POST if request.POST.get("form") == "invite" else None,
        roles=roles,
        prefix="invite",
        initial={"language": translation.get_language() or settings.LANGUAGE_CODE},
    )
    status = 200
    can_edit = organisations.may_edit(request.user, organisation)
    if request.method == "POST" and request.POST.get("form") == "details":
        if not can_edit:
            raise PermissionDenied
        if details.is_valid():
            try:
                organisations.update_organisation(
                    request.user,
                    organisation,
                    details=details.cleaned_data,
                    areas=details.cleaned_data["areas"],
                )
            except organisations.OrganisationRefused as exc:
                details.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _("The details have been saved."))
                return redirect("accounts:organisation", organisation.pk)
        else:
            status = 400
    elif request.method == "POST" and request.POST.get("form") == "invite":
        if not roles:
            raise PermissionDenied
        if invite_form.is_valid():
            data = invite_form.cleaned_data
            try:
                invitations.invite(
                    request.user,
                    organisation,
                    data["role"],
                    data["email"],
                    link_for=_link_for(request),
                    language=data["language"] or settings.LANGUAGE_CODE,
                )
            except invitations.InvitationRefused as exc:
                invite_form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _("The invitation has been sent to %(email)s.") % data)
                return redirect("accounts:organisation", organisation.pk)
        else:
            status = 400
    elif request.method == "POST":
        status = 400
    organisation = Organisation.objects.prefetch_related(
        "areas",
        Prefetch(
            "memberships",
            Membership.objects.filter(is_active=True).select_related("user").order_by("role"),
            to_attr="active_memberships",
        ),
    ).get(pk=organisation.pk)
    now = timezone.now()
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "details": details,
            "invite_form": invite_form,
            "roles": roles,
            "can_edit": can_edit,
            "invitations": Invitation.objects.filter(
                organisation=organisation,
                accepted_at__isnull=True,
                withdrawn_at__isnull=True,
                expires_at__gt=now,
            ).order_by("-created_at"),
            "me": request.user,
        },
        status=status,
    )


@role_required(*PAGE_ROLES)
@require_POST
def withdraw_invitation(request, pk: int):
    invitation = get_object_or_404(
        Invitation.objects.filter(organisation__in=organisations.kept_by(request.user)), pk=pk
    )
    if not invitations.may_invite(request.user, invitation.organisation, invitation.role):
        raise Http404
    invitations.withdraw(request.user, invitation)
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("accounts:organisation", invitation.organisation_id)


@role_required(*PAGE_ROLES)
@require_POST
def end_membership(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.filter(
            organisation__in=organisations.kept_by(request.user), is_active=True
        ).select_related("organisation", "user"),
        pk=pk,
    )
    may_end = invitations.may_invite(request.user, membership.organisation, membership.role)
    if not may_end:
        raise Http404
    try:
        organisations.end_membership(request.user, membership, may_end=may_end)
    except organisations.OrganisationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(person)s is no longer %(role)s.")
            % {"person": membership.user, "role": membership.get_role_display()},
        )
    return redirect("accounts:organisation", membership.organisation_id)


def _after_joining(request, user) -> str:
    """Where a person lands after accepting: the two-factor setup first where staff need it."""
    target = reverse("start:index")
    if (
        settings.TWO_FACTOR_REQUIRED
        and user.is_staff_role
        and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        return f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': target})}"
    return target


def invitation(request, token: str):
    """The link in the invitation: accept it, with a new account or the one of its address."""
    found = invitations.find(token)
    if found is None:
        raise Http404
    state = None
    if found.accepted_at is not None:
        state = _("This invitation has already been used.")
    elif found.withdrawn_at is not None:
        state = _("This invitation has been withdrawn.")
    elif found.expires_at <= timezone.now():
        state = _("This invitation has expired. Ask whoever invited you for a new one.")
    account = invitations.existing_account(found) if state is None else None
    user = request.user if request.user.is_authenticated else None
    form = AcceptNewForm(request.POST or None) if user is None and account is None else None
    error = None
    status = 410 if state else 200
    if request.method == "POST" and state is None:
        try:
            if user is not None:
                invitations.accept(token, user)
                joined = user
            elif form is not None and form.is_valid():
                data = form.cleaned_data
                joined, _membership = invitations.accept_new(
                    token,
                    username=data["username"],
                    password=data["password1"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                )
                login(request, joined, backend="meedoen.accounts.backends.MeedoenModelBackend")
            else:
                joined = None
        except invitations.InvitationRefused as exc:
            error = str(exc)
            joined = None
        if joined is not None:
            messages.success(
                request,
                _("Welcome: you are now %(role)s of %(organisation)s.")
                % {"role": found.get_role_display(), "organisation": found.organisation.name},
            )
            return redirect(_after_joining(request, joined))
        status = 400
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found,
            "state": state,
            "form": form,
            "account": account,
            "signed_in": user,
            "error": error,
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
        },
        status=status,
    )
