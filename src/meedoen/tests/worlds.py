"""A world with one object of every kind, built through the services, for the tests that
visit every URL and every API operation (the permission matrix, the API's schema test)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedoen import availability
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory, coordinator_of
from meedoen.agenda.tests.factories import CalendarFeedFactory
from meedoen.catalogue.models import Activity
from meedoen.conftest import World, build_world
from meedoen.cooperation import services as cooperation_services
from meedoen.cooperation.tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    ConsultationAnswerFactory,
    ConsultationFactory,
    ParticipantFactory,
)
from meedoen.engagements.models import CheckIn
from meedoen.engagements.services import concerns
from meedoen.engagements.tests.factories import (
    ConcernFactory,
    CreditTransactionFactory,
    HandoverFactory,
    HoursEntryFactory,
    active_request,
)
from meedoen.matching.tests.factories import (
    MatchingRunFactory,
    MatchProposalFactory,
    matched_request,
)
from meedoen.organisations import services as organisation_services
from meedoen.organisations.models import Organisation
from meedoen.organisations.tests.factories import OrganisationFactory
from meedoen.requests import services
from meedoen.requests.tests.factories import HelpRequestFactory, ProfessionalReferralFactory
from meedoen.volunteers import services as volunteer_services
from meedoen.volunteers.tests.factories import (
    ApplicationFactory,
    EnrolmentFactory,
    VacancyFactory,
    VolunteerProfileFactory,
)


def build_rich_world() -> World:
    """The shared world and one object of every kind, each in the state a write needs."""
    w = build_world()
    people, objects = w.people, w.objects
    visiting = list(Activity.objects.filter(code="visiting"))
    profile = people["volunteer"].volunteer_profile
    # Our volunteer confirms their times and has a VOG: they fit our requests.
    volunteer_services.confirm_review(
        profile.pk,
        motives=[],
        availability=availability.ALL,
        hours_per_week=2,
        max_hours_per_week=6,
    )
    volunteer_services.record_vog(profile.pk, timezone.localdate() - timedelta(days=30))
    enrolment = profile.enrolments.get()
    volunteer_services.update_guidance(
        enrolment.pk,
        volunteer_type="internship",
        sponsor_kind="school",
        sponsor_name="Lindeveld College",
        required_hours=30,
        guide=people["professional"],
    )
    objects["enrolment"] = enrolment
    coordinator = people["coordinator"]
    ours = {"organisation": w.organisation, "area": w.area, "coordinator": coordinator}
    objects["request"] = HelpRequestFactory(
        organisation=w.organisation, area=w.area, first_name="Truus", self_reliance=None
    )
    objects["ready"] = HelpRequestFactory.ready(first_name="Kees", **ours)
    objects["waiting"] = HelpRequestFactory.ready(first_name="Mien", **ours)
    objects["proposal"] = MatchProposalFactory(
        help_request=objects["waiting"], profile=profile, proposed_by=coordinator
    )
    objects["active"] = active_request(volunteer=profile, first_name="Bep", **ours)
    assignment = objects["active"].assignments.get()
    objects["assignment"] = assignment
    objects["hours"] = HoursEntryFactory(assignment=assignment)
    objects["queried"] = HoursEntryFactory.queried(
        assignment=assignment, on=timezone.localdate() - timedelta(days=2)
    )
    objects["transfer"] = CreditTransactionFactory(
        assignment=assignment, on=timezone.localdate() - timedelta(days=3)
    )
    objects["check_in"] = assignment.check_ins.get(party=CheckIn.Party.VOLUNTEER)
    # Our volunteer follows their agenda in a calendar program, by its private link.
    objects["calendar_feed"] = CalendarFeedFactory(user=people["volunteer"])
    objects["concern"] = ConcernFactory(assignment=assignment, category="loneliness")
    # The other organisation has professionals beside its volunteers: it receives handovers.
    Organisation.objects.filter(pk=w.other_organisation.pk).update(
        type=Organisation.Type.PROFESSIONALS_SUPPORTED
    )
    w.other_organisation.refresh_from_db()
    objects["handover"] = HandoverFactory(
        assignment=assignment, to_organisation=w.other_organisation, by=coordinator
    )
    objects["run"] = MatchingRunFactory(organisation=w.organisation, started_by=coordinator)
    objects["vacancy"] = VacancyFactory(
        organisation=w.organisation, title="Maatje", activities=visiting
    )
    objects["application"] = ApplicationFactory(vacancy=objects["vacancy"], profile=profile)
    asked = services.submit_public(
        data={"area": w.area, "source": "citizen", "first_name": "Truus"},
        activities=visiting,
        address="127.0.0.9",
        language="nl",
    )
    objects["token"], objects["asked"] = asked.token, asked.help_request  # at the desk
    objects["own_request"] = HelpRequestFactory(
        organisation=w.organisation, area=w.area, requester=people["citizen"], first_name="Anna"
    )
    objects["mixed"] = HelpRequestFactory.in_intake(
        activities=list(Activity.objects.filter(code__in=["visiting", "washing"])), **ours
    )
    # Formal care split off a request of ours, referred to the other organisation.
    objects["referral"] = ProfessionalReferralFactory(
        help_request=HelpRequestFactory.in_intake(
            activities=list(Activity.objects.filter(code__in=["visiting", "washing"])),
            first_name="Ria",
            **ours,
        ),
        organisation=w.other_organisation,
        created_by=coordinator,
    )
    second = VolunteerProfileFactory(area=w.area)
    EnrolmentFactory.active(profile=second, organisation=w.organisation, actor=coordinator)
    objects["second_volunteer"] = second
    objects["matched"] = matched_request(volunteer=second, first_name="Wim", **ours)
    objects["open_vacancy"] = VacancyFactory(
        organisation=w.organisation, title="Chauffeur", activities=visiting
    )
    # Our organisation serves our area (its demand dossier) and keeps a task division.
    w.organisation.areas.add(w.area)
    objects["task_division"] = organisation_services.record_task_division(
        coordinator,
        w.organisation,
        activity=visiting[0],
        done_by="professionals",
        since=timezone.localdate() - timedelta(days=30),
        reason="De welzijnswerker doet de bezoeken",
    )
    objects["acknowledged"] = ConcernFactory.acknowledged(
        assignment=assignment, category="health", by=coordinator
    )

    # Two roles in one person: a peer volunteer who coordinates a client-run organisation.
    clients = OrganisationFactory(
        municipality=w.municipality,
        name="Cliëntenorganisatie Samen Sterk",
        type=Organisation.Type.VOLUNTEERS_ONLY,
        sector=Organisation.Sector.CLIENT_RUN,
    )
    peer = UserFactory(username="peer", municipality=w.municipality)
    MembershipFactory(user=peer, organisation=clients, role="coordinator")
    EnrolmentFactory.active(
        profile=VolunteerProfileFactory(user=peer, area=w.area, volunteer_type="peer"),
        organisation=clients,
        actor=peer,
    )
    people["peer"] = peer
    objects["clients"] = clients
    objects["clients_request"] = HelpRequestFactory(
        organisation=clients, area=w.area, first_name="Joop"
    )

    # A professional of our organisation who volunteers in their village.
    village = OrganisationFactory(
        municipality=w.municipality,
        name="Zorgcoöperatie Dorp",
        type=Organisation.Type.VOLUNTEERS_ONLY,
        sector=Organisation.Sector.VILLAGE_COOPERATIVE,
    )
    provol = UserFactory(username="provol", municipality=w.municipality)
    MembershipFactory(user=provol, organisation=w.organisation, role="professional")
    own_profile = VolunteerProfileFactory(user=provol, area=w.other_area)
    EnrolmentFactory.active(profile=own_profile, organisation=village)
    people["provol"] = provol
    village_request = active_request(
        volunteer=own_profile, organisation=village, area=w.other_area, first_name="Riet"
    )
    objects["own_assignment"] = village_request.assignments.get()
    # The village team's own concern about Riet, raised by its coordinator.
    objects["team_concern"] = concerns.raise_concern(
        village_request.pk,
        coordinator_of(village),
        category="health",
        urgent=False,
        description="Vergeetachtig sinds de val",
    )

    # Our organisation's manager, and a guide of its re-integration and internship volunteers.
    for username, role in (("manager", "manager"), ("guide", "guide")):
        person = UserFactory(username=username, municipality=w.municipality)
        MembershipFactory(user=person, organisation=w.organisation, role=role)
        people[username] = person
    # Our organisation's self-assessment of a cooperation: an earlier round, closed, that our
    # volunteer answered with their account; the open round, to which our volunteer and
    # someone by a private link (`participant_link.token`) are invited, three have answered.
    earlier = AssessmentFactory(
        organisation=w.organisation, started_by=people["coordinator"], title="Thuiszorg"
    )
    ParticipantFactory.answered(assessment=earlier, user=people["volunteer"])
    for _ in range(2):
        ParticipantFactory.answered(assessment=earlier)
    objects["closed_assessment"] = cooperation_services.close(people["coordinator"], earlier)
    assessment = AssessmentFactory(organisation=w.organisation, started_by=people["coordinator"])
    objects["assessment"] = assessment
    objects["participant"] = ParticipantFactory(assessment=assessment, user=people["volunteer"])
    objects["participant_link"] = ParticipantFactory(assessment=assessment)
    for _ in range(3):
        ParticipantFactory.answered(assessment=assessment)
    # The municipality's consultations, asking its volunteers and professionals: one open that
    # our volunteer answered, one closed that waits for the policy officer's response.
    objects["consultation"] = ConsultationFactory(
        municipality=w.municipality, opened_by=people["policy"]
    )
    ConsultationAnswerFactory(consultation=objects["consultation"], respondent=people["volunteer"])
    objects["closed_consultation"] = ConsultationFactory(
        municipality=w.municipality,
        opened_by=people["policy"],
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    # A draft agreement of our organisation with the municipality, confirmed by neither side.
    objects["agreement"] = AgreementFactory(
        organisation=w.organisation, created_by=people["manager"]
    )
    return w
