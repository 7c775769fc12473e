"""People and their places: accounts, memberships of organisations and municipalities, API
tokens, invitations."""

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from meedoen.accounts import invitations, tokens
from meedoen.accounts.models import ApiToken, Invitation, ProcessingActivity, User
from meedoen.organisations.models import Membership, MunicipalityMembership
from meedoen.organisations.tests.factories import MunicipalityFactory, OrganisationFactory

#: Every test person's password.
PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR


class MunicipalityMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalityMembership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = MunicipalityMembership.Role.POLICY_OFFICER


def coordinator_of(organisation) -> User:
    """Someone who coordinates the organisation: the first one it has, else a new one."""
    membership = (
        Membership.objects.filter(
            organisation=organisation, role=Membership.Role.COORDINATOR, is_active=True
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is not None:
        return membership.user
    user = UserFactory(municipality=organisation.municipality)
    MembershipFactory(user=user, organisation=organisation, role=Membership.Role.COORDINATOR)
    return user


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token made as `manage.py create_api_token` makes it; its key is `token.key`."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "Koppeling met het registratiesysteem"

    @classmethod
    def _create(cls, model_class, user, name, **kwargs):
        token, key = tokens.issue(user, name)
        token.key = key
        return token


class ProcessingActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessingActivity
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"processing-{n}")
    order = factory.Sequence(lambda n: 100 + n)
    name_nl = factory.Sequence(lambda n: f"Verwerking {n}")
    name_en = factory.Sequence(lambda n: f"Processing {n}")
    purpose_nl = "Doel"
    purpose_en = "Purpose"
    legal_basis_nl = "Toestemming (AVG art. 6 lid 1 onder a)"
    legal_basis_en = "Consent (GDPR art. 6(1)(a))"
    persons_nl = "Vrijwilligers"
    persons_en = "Volunteers"
    data_nl = "Naam"
    data_en = "Name"
    recipients_nl = "Coördinatoren"
    recipients_en = "Coordinators"
    retention_nl = "Een jaar"
    retention_en = "One year"
    security_nl = "Toegang per rol"
    security_en = "Access by role"


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation as `accounts.invitations.invite` makes it; its link's token is
    `invitation.token`."""

    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR
    email = factory.Sequence(lambda n: f"invited-{n}@example.nl")
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timedelta(days=invitations.LIFETIME_DAYS)
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = secrets.token_urlsafe(32)
        invitation = model_class.objects.create(*args, digest=invitations._digest(token), **kwargs)
        invitation.token = token
        return invitation
