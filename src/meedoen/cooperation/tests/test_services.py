"""Running an assessment: who may start it, invitations with private links, answers, the
result with small groups merged, closing, the next round, and a person's data."""

from __future__ import annotations

import pytest

from meedoen import personal_data
from meedoen.accounts.tests.factories import MembershipFactory, UserFactory
from meedoen.cooperation import framework as fw
from meedoen.cooperation import services
from meedoen.cooperation.models import Assessment, Participant
from meedoen.cooperation.tests.factories import (
    AssessmentFactory,
    ParticipantFactory,
    agreeing_with,
)
from meedoen.models import OutgoingMail

pytestmark = pytest.mark.django_db

VOLUNTEERS = fw.Perspective.VOLUNTEERS.value
PROFESSIONALS = fw.Perspective.PROFESSIONALS.value


def _link(participant: Participant, token: str) -> str:
    return f"https://meedoen.example/cooperation/{participant.assessment_id}/answer/{token}/"


@pytest.fixture
def running(world) -> Assessment:
    return services.start(
        world.people["coordinator"],
        title="Vrijwilligers en thuiszorg",
        context=fw.Context.BETWEEN_ORGANISATIONS.value,
        organisation=world.organisation,
        organisations=[world.other_organisation],
    )


def test_coordinators_managers_and_policy_officers_start_where_they_work(world, running):
    assert running.municipality == world.municipality
    assert set(running.organisations.all()) == {world.organisation, world.other_organisation}
    manager = UserFactory()
    MembershipFactory(user=manager, organisation=world.other_organisation, role="manager")
    assert (
        services.start(
            manager, title="Buurt", context="neighbourhood", organisation=world.other_organisation
        ).organisation
        == world.other_organisation
    )
    by_municipality = services.start(
        world.people["policy"],
        title="Wmo-overleg",
        context="between_organisations",
        municipality=world.municipality,
    )
    assert by_municipality.organisation is None
    for outsider in ("stranger", "volunteer", "professional", "citizen"):
        with pytest.raises(services.AssessmentRefused):
            services.start(
                world.people[outsider],
                title="x",
                context="neighbourhood",
                organisation=world.organisation,
            )
    with pytest.raises(services.AssessmentRefused):
        services.start(
            world.people["coordinator"],
            title="x",
            context="neighbourhood",
            municipality=world.municipality,
        )


def test_an_email_invitation_queues_a_private_link_kept_only_as_a_digest(world, running):
    participant, token = services.invite_by_email(
        world.people["coordinator"],
        running,
        perspective=VOLUNTEERS,
        email="anna@example.nl",
        name="Anna",
        link_for=_link,
    )
    mail = OutgoingMail.objects.get()
    assert mail.recipients == ["anna@example.nl"]
    assert token in mail.body and "Vrijwilligers en thuiszorg" in mail.body
    assert participant.digest and token not in participant.digest
    assert not Participant.objects.filter(digest=token).exists()
    assert services.by_token(running.pk, token) == participant
    with pytest.raises(services.AssessmentRefused):
        services.invite_by_email(
            world.people["coordinator"],
            running,
            perspective=VOLUNTEERS,
            email="ANNA@example.nl",
            link_for=_link,
        )
    with pytest.raises(services.AssessmentRefused):
        services.invite_by_email(
            world.people["stranger"],
            running,
            perspective=VOLUNTEERS,
            email="piet@example.nl",
            link_for=_link,
        )


def test_a_link_works_only_for_its_own_assessment(world, running):
    participant = ParticipantFactory(assessment=running)
    other = AssessmentFactory(organisation=world.organisation)
    assert services.by_token(other.pk, participant.token) is None
    assert services.by_token(running.pk, "not-a-token") is None
    assert services.by_token(running.pk, "") is None


def test_answers_can_change_until_the_assessment_closes(world, running):
    participant = ParticipantFactory(assessment=running)
    services.answer(participant, agreeing_with(fw.Model.RESOURCES))
    services.answer(participant, agreeing_with(fw.Model.DIALOGUE))
    participant.refresh_from_db()
    assert participant.answers["volunteer_3"] == 5 and participant.answers["volunteer_2"] == 1
    with pytest.raises(services.AssessmentRefused):
        services.answer(participant, {"volunteer_1": 3})
    with pytest.raises(services.AssessmentRefused):
        services.answer(participant, {**agreeing_with(fw.Model.DIALOGUE), "work": 9})
    services.close(world.people["coordinator"], running)
    with pytest.raises(services.AssessmentRefused):
        services.answer(participant, agreeing_with(fw.Model.RESOURCES))


def test_closing_deletes_addresses_and_stops_the_links(world, running):
    waiting, token = services.invite_by_email(
        world.people["coordinator"],
        running,
        perspective=VOLUNTEERS,
        email="bert@example.nl",
        name="Bert",
        link_for=_link,
    )
    answered = ParticipantFactory.answered(assessment=running)
    with pytest.raises(services.AssessmentRefused):
        services.close(world.people["professional"], running)
    services.close(world.people["coordinator"], running)
    for participant in (waiting, answered):
        participant.refresh_from_db()
        assert (participant.email, participant.name, participant.digest) == ("", "", "")
    assert answered.answers  # the answers stay, without a name
    assert services.by_token(running.pk, token) is None
    assert services.by_token(running.pk, answered.token) is None
    assert not [m for m in OutgoingMail.objects.all() if "bert@example.nl" in m.recipients]
    with pytest.raises(services.AssessmentRefused):
        services.close(world.people["coordinator"], running)


def test_the_result_waits_for_three_answers_and_merges_small_groups(world, running):
    for _ in range(2):
        ParticipantFactory.answered(fw.Model.RESOURCES, assessment=running)
    assert services.result(running) is None
    ParticipantFactory.answered(fw.Model.RESOURCES, assessment=running)
    for _ in range(2):
        ParticipantFactory.answered(
            fw.Model.DIALOGUE, assessment=running, perspective=PROFESSIONALS
        )
    found = services.result(running)
    assert found is not None
    assert found.everyone.count == 5
    assert set(found.perspectives) == {VOLUNTEERS}  # two professionals are too few alone
    assert fw.top(found.everyone.overall) is fw.Model.RESOURCES


def test_only_those_who_run_it_and_account_participants_see_it(world, running):
    ParticipantFactory(assessment=running)
    volunteer = world.people["volunteer"]
    ParticipantFactory(assessment=running, user=volunteer, perspective=VOLUNTEERS)
    visible = Assessment.objects.visible_to
    assert running in visible(world.people["coordinator"])
    assert running in visible(volunteer)
    assert running in visible(world.people["admin"])
    for outsider in ("stranger", "professional", "policy", "citizen", "desk", "dpo"):
        assert running not in visible(world.people[outsider]), outsider
    assert services.may_see_result(world.people["coordinator"], running)
    assert not services.may_see_result(volunteer, running)
    running = services.close(world.people["coordinator"], running)
    assert services.may_see_result(volunteer, running)
    assert not services.may_see_result(world.people["stranger"], running)


def test_an_account_is_invited_once_and_mailed_a_link_to_the_page(world, running):
    volunteer = world.people["volunteer"]
    volunteer.email = "vrijwilliger@example.nl"
    volunteer.save()
    services.invite_account(
        world.people["coordinator"], running, perspective=VOLUNTEERS, user=volunteer, link="/x/"
    )
    assert OutgoingMail.objects.get().recipients == ["vrijwilliger@example.nl"]
    # Someone of another organisation is not offered, and cannot be invited this way.
    with pytest.raises(services.AssessmentRefused):
        services.invite_account(
            world.people["coordinator"],
            running,
            perspective=VOLUNTEERS,
            user=world.people["stranger"],
            link="/",
        )
    assert world.people["professional"] in services.invitable(running)
    assert world.people["stranger"] not in services.invitable(running)
    with pytest.raises(services.AssessmentRefused):
        services.invite_account(
            world.people["coordinator"], running, perspective=VOLUNTEERS, user=volunteer, link="/"
        )


def test_the_next_round_shows_how_the_cooperation_moved(world, running):
    for _ in range(3):
        ParticipantFactory.answered(fw.Model.NO_STEERING, assessment=running)
    with pytest.raises(services.AssessmentRefused):
        services.next_round(world.people["coordinator"], running)
    services.close(world.people["coordinator"], running)
    second = services.next_round(world.people["coordinator"], running)
    assert (second.round, second.previous, second.title) == (2, running, running.title)
    assert set(second.organisations.all()) == set(running.organisations.all())
    with pytest.raises(services.AssessmentRefused):
        services.next_round(world.people["coordinator"], running)
    for _ in range(3):
        ParticipantFactory.answered(fw.Model.DIALOGUE, assessment=second)
    before, after = services.result(running), services.result(second)
    assert before is not None and after is not None
    overall = fw.movement(before.everyone, after.everyone)[0]
    assert overall.changes[fw.Model.DIALOGUE] > 50 and overall.changes[fw.Model.NO_STEERING] < -50


def test_a_persons_answers_are_exported_and_erased(world, running):
    volunteer = world.people["volunteer"]
    participant = ParticipantFactory(assessment=running, user=volunteer)
    services.answer(participant, agreeing_with(fw.Model.DIALOGUE))
    section = personal_data.SECTIONS["cooperation"]
    exported = section.export(volunteer)
    assert exported["participations"][0]["assessment"] == running.title
    answers = {a["statement"]: a["answer"] for a in exported["participations"][0]["answers"]}
    assert answers[str(fw.STATEMENTS[2].text)] == str(dict(fw.AGREE_CHOICES)[5])
    section.erase(volunteer)
    participant.refresh_from_db()
    assert participant.user is None and participant.answers  # anonymous, still counted
    assert section.export(volunteer)["participations"] == []
