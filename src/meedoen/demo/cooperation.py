"""Cooperation in Lindeveld: a finished self-assessment of the volunteer centre with answers
from every side, an open consultation of the municipality that volunteers, professionals and
organisations answered, an agreement between the volunteer centre and the municipality that
both confirmed, and contact points for volunteers at the welfare organisation and the nursing
home. Made through the services, as the people would have done it; loading again adds
nothing."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from meedoen.cooperation import agreements, consultations, contact_points
from meedoen.cooperation import framework as fw
from meedoen.cooperation import services as assessments
from meedoen.cooperation.models import Agreement, Assessment, Consultation
from meedoen.demo.world import World
from meedoen.organisations.models import ContactPoint
from meedoen.volunteers.models import Enrolment

ASSESSMENT = "Vrijwilligers en de welzijnswerker in Lindeveld"
CONSULTATION = "Een ontmoetingsplek voor vrijwilligers"
AGREEMENT = "Huisbezoek aan ouderen in Lindeveld"


def _answers(model: fw.Model, rng: random.Random) -> dict[str, int]:
    """Answers that lean towards `model`, with some spread, as people answer."""
    answers = {
        s.key: min(5, max(1, (4 if s.model is model else 2) + rng.choice([-1, 0, 0, 1])))
        for s in fw.STATEMENTS
    }
    expressive = model.expressive
    answers |= {s.key: rng.choice([2, 3] if expressive else [4, 5]) for s in fw.INSTRUMENTAL}
    answers |= {s.key: rng.choice([4, 5] if expressive else [2, 3]) for s in fw.EXPRESSIVE}
    answers[fw.RESPONSIBLE] = rng.choice([2, 3])
    answers[fw.WORK] = rng.choice([1, 2])
    return answers


def _assessment(world: World, rng: random.Random) -> None:
    if Assessment.objects.filter(title=ASSESSMENT).exists():
        return
    coordinator = world.people["demo-coordinator"]
    assessment = assessments.start(
        coordinator,
        title=ASSESSMENT,
        context=fw.Context.NEIGHBOURHOOD.value,
        organisation=world.organisations["centre"],
        organisations=[world.organisations["welfare"]],
    )
    # Volunteers lean towards dialogue, the professionals and management towards volunteers as
    # resources: the views differ, as in the report's Dordrecht case (3.4.1).
    groups = [
        (fw.Perspective.VOLUNTEERS, fw.Model.DIALOGUE, 5),
        (fw.Perspective.PROFESSIONALS, fw.Model.RESOURCES, 3),
        (fw.Perspective.MANAGEMENT, fw.Model.RESOURCES, 3),
    ]
    for perspective, model, number in groups:
        for n in range(number):
            participant, _token = assessments.invite_by_email(
                coordinator,
                assessment,
                perspective=perspective.value,
                email=f"{perspective.value}-{n}@lindeveld.invalid",
                link_for=lambda participant, token: f"/cooperation/{participant.assessment_id}/",
            )
            assessments.answer(participant, _answers(model, rng))
    assessments.close(coordinator, assessment)


def _consultation(world: World) -> None:
    if Consultation.objects.filter(title=CONSULTATION).exists():
        return
    consultation = consultations.open_consultation(
        world.people["demo-policy"],
        municipality=world.municipality,
        title=CONSULTATION,
        question=(
            "De gemeente wil in het buurthuis een vaste plek openen waar vrijwilligers elkaar "
            "ontmoeten, kunnen vergaderen en kunnen kopiëren. Bent u het eens met dit voorstel? "
            "Wat zou u er nodig hebben?"
        ),
        background=(
            "Vrijwilligers vertelden dat ze een plek missen om elkaar te zien. Het onderzoek "
            "achter Meedoen noemt faciliteiten zoals een vergaderruimte en een kopieerapparaat "
            "als voorwaarde voor goede samenwerking. We beslissen in het voorjaar."
        ),
        has_proposal=True,
        closes_on=timezone.localdate() + timedelta(days=21),
        ask=["volunteers", "professionals", "organisations"],
    )
    volunteers = (
        Enrolment.objects.filter(
            organisation__municipality=world.municipality, status=Enrolment.Status.ACTIVE
        )
        .exclude(profile__user__username__in=["demo-volunteer", "demo-peer"])
        .select_related("profile__user")
        .order_by("pk")
    )
    said = [
        ("Graag! Nu spreken we af in de kantine van de thuiszorg.", "agree"),
        ("Goed idee, als het ook 's avonds open is.", "partly"),
        ("Een plek is fijn, maar zorg dat er koffie is.", "agree"),
        ("Ik kom liever bij mensen thuis; een ruimte heb ik niet nodig.", "disagree"),
        ("Ja, dan kunnen we ook nieuwe vrijwilligers ontvangen.", "agree"),
        ("Prima, graag met een kopieerapparaat voor de nieuwsbrief.", "agree"),
    ]
    seen = set()
    for enrolment, (text, stance) in zip(volunteers, said * 3, strict=False):
        user = enrolment.profile.user
        if user.pk in seen or len(seen) == len(said):
            continue
        seen.add(user.pk)
        consultations.answer(
            user, consultation, way="volunteers", text=text, stance=stance, signed=len(seen) == 1
        )
    consultations.answer(
        world.people["demo-professional"],
        consultation,
        way="professionals",
        text="Handig voor overleg met de vrijwilligers die bij mijn cliënten komen.",
        stance="agree",
    )
    centre = world.organisations["centre"]
    consultations.answer(
        world.people["demo-coordinator"],
        consultation,
        way=consultations.way_key("organisations", centre),
        text="Wij willen de ruimte samen met de gemeente inrichten.",
        stance="partly",
        signed=True,
    )


def _agreement(world: World) -> None:
    if Agreement.objects.filter(title=AGREEMENT).exists():
        return
    manager = world.people["demo-manager"]
    agreement = agreements.draft(
        manager,
        world.organisations["centre"],
        partner=None,
        title=AGREEMENT,
        volunteer_tasks=(
            "Vrijwilligers gaan op bezoek, maken een praatje, wandelen mee en helpen met kleine "
            "boodschappen."
        ),
        professional_tasks=(
            "De welzijnswerker doet de intake en de zorg die een opleiding vraagt: wassen, "
            "medicijnen en wondzorg blijven bij de thuiszorg."
        ),
        volunteer_activities=[world.activities["visiting"]],
        professional_activities=[world.activities["washing"]],
        contact_here="Petra, coördinator vrijwilligers",
        contact_partner="Fatima, beleidsmedewerker Wmo",
        escalation=(
            "Een vrijwilliger meldt een zorg bij Petra. Lost dat het niet op binnen twee dagen, "
            "dan gaat het naar de manager, en daarna naar de gemeente."
        ),
        review_on=timezone.localdate() + timedelta(days=300),
    )
    agreements.confirm(manager, agreement, agreements.HERE)
    agreements.confirm(world.people["demo-policy"], agreement, agreements.PARTNER)


def _contact_points(world: World) -> None:
    named = [
        (
            "welfare",
            "coordinator-welfare",
            "demo-professional",
            "maatschappelijk werker",
            "Vraag uw coördinator om contact te leggen, of meld een zorg op de pagina van uw "
            "inzet.",
        ),
        (
            "nursing",
            "coordinator-nursing",
            "coordinator-nursing",
            "coördinator vrijwilligers",
            "Meld een zorg op de pagina van uw inzet; zij reageert binnen twee dagen.",
        ),
        # The home-care organisation has no coordinator in the demo: the administrator names
        # its district nurse; a volunteer finds her by searching "Lindeveld" or "dementie".
        (
            "homecare",
            "demo-admin",
            "demo-homecare",
            "wijkverpleegkundige, aanspreekpunt voor vrijwilligers bij dementie",
            "Vraag uw coördinator om contact te leggen; Ineke belt u binnen een week terug.",
        ),
    ]
    for key, by, person, role, reach in named:
        organisation = world.organisations[key]
        if ContactPoint.objects.filter(organisation=organisation).exists():
            continue
        contact_points.name(
            world.people[by], organisation, person=world.people[person], role=role, reach=reach
        )


def load(world: World) -> None:
    rng = random.Random(2028)
    _assessment(world, rng)
    _consultation(world)
    _agreement(world)
    _contact_points(world)
