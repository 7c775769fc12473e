"""Proposals and matching runs, made through the matching services."""

from __future__ import annotations

import factory

from meedoen.accounts.tests.factories import coordinator_of
from meedoen.matching import services
from meedoen.matching.models import MatchingRun, MatchProposal, RunPair
from meedoen.organisations.tests.factories import OrganisationFactory


def _ready_request_and_volunteer():
    from meedoen.requests.tests.factories import HelpRequestFactory
    from meedoen.volunteers.tests.factories import volunteer

    help_request = HelpRequestFactory.ready()
    return help_request, volunteer(help_request.organisation, area=help_request.area)


def matched_request(volunteer, coordinator=None, **fields):
    """A request that `volunteer` (a fitting profile) was proposed for and said yes to."""
    from meedoen.requests.tests.factories import HelpRequestFactory

    help_request = HelpRequestFactory.ready(coordinator=coordinator, **fields)
    actor = coordinator or coordinator_of(help_request.organisation)
    proposal = services.propose(help_request.pk, volunteer.pk, actor)
    services.answer(proposal.pk, volunteer.user, accept=True)
    help_request.refresh_from_db()
    return help_request


class MatchProposalFactory(factory.django.DjangoModelFactory):
    """A coordinator's proposal to a fitting volunteer for a request that is ready;
    `MatchProposalFactory.accepted(...)` / `.declined(...)` let the volunteer answer."""

    class Meta:
        model = MatchProposal

    @classmethod
    def _create(cls, model_class, help_request=None, profile=None, proposed_by=None):
        if help_request is None:
            help_request, profile = _ready_request_and_volunteer()
        actor = proposed_by or coordinator_of(help_request.organisation)
        return services.propose(help_request.pk, profile.pk, actor)

    @classmethod
    def accepted(cls, **fields) -> MatchProposal:
        proposal = cls(**fields)
        return services.answer(proposal.pk, proposal.profile.user, accept=True)

    @classmethod
    def declined(cls, reason="Geen tijd op dinsdag", **fields) -> MatchProposal:
        proposal = cls(**fields)
        return services.answer(proposal.pk, proposal.profile.user, accept=False, reason=reason)

    @classmethod
    def offered(cls, help_request=None, profile=None) -> MatchProposal:
        """The volunteer's own "I'd like to help"."""
        if help_request is None:
            help_request, profile = _ready_request_and_volunteer()
        return services.offer(help_request.pk, profile)


class MatchingRunFactory(factory.django.DjangoModelFactory):
    """A global matching run planned for an organisation (its pairs as the optimiser chose)."""

    class Meta:
        model = MatchingRun

    organisation = factory.SubFactory(OrganisationFactory)

    @classmethod
    def _create(cls, model_class, organisation, started_by=None):
        return services.plan(organisation, started_by or coordinator_of(organisation))


class RunPairFactory(factory.django.DjangoModelFactory):
    """A pair in a run: a ready request and a fitting volunteer, planned by the optimiser."""

    class Meta:
        model = RunPair

    @classmethod
    def _create(cls, model_class):
        help_request, _profile = _ready_request_and_volunteer()
        return MatchingRunFactory(organisation=help_request.organisation).pairs.get()
