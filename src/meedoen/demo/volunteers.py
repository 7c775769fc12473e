"""Demo volunteers: they sign up, respond to a vacancy of an organisation, and its coordinator
takes them on (or plans an intake, or has not answered yet); some pause or stop later."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedoen import availability
from meedoen.accounts.models import User
from meedoen.catalogue.models import VolunteerType
from meedoen.demo import clock
from meedoen.demo.world import (
    FIRST_NAMES,
    LANGUAGE_SETS,
    LAST_NAMES,
    VOLUNTEER_ORGANISATIONS,
    VOLUNTEERS,
    World,
    demo_password,
)
from meedoen.organisations.models import Membership
from meedoen.volunteers import lifecycle, services
from meedoen.volunteers.models import Vacancy, VolunteerProfile

# organisation, title, area, hours, regularity, activities, skills, training, text
VACANCIES = [
    (
        "centre",
        "Maatje voor een oudere in de buurt",
        "Molenwijk",
        2,
        "regular",
        ["visiting", "walks-outings"],
        ["listening"],
        False,
        "Eén keer per week op bezoek, een kop koffie, samen een ommetje.",
    ),
    (
        "centre",
        "Chauffeur voor de buurtbus",
        None,
        4,
        "regular",
        ["transport"],
        ["driving"],
        True,
        "Bewoners naar de huisarts, de markt of familie brengen.",
    ),
    (
        "jobs",
        "Klusser voor kleine klussen",
        None,
        3,
        "regular",
        ["odd-jobs"],
        ["diy"],
        False,
        "Een lamp ophangen, een kraan vervangen: kleine klussen bij mensen thuis.",
    ),
    (
        "carers",
        "Even rust voor een mantelzorger",
        "Centrum",
        3,
        "regular",
        ["respite"],
        ["listening", "dementia"],
        True,
        "U bent er, zodat de mantelzorger even de deur uit kan.",
    ),
    (
        "nursing",
        "Gastvrouw of gastheer bij activiteiten",
        "Centrum",
        3,
        "regular",
        ["social-activities"],
        ["organising", "creative"],
        True,
        "Helpen bij de spelmiddag en de muziekmiddag in Zorgcentrum De Linde.",
    ),
    (
        "village",
        "Boodschappenhulp in Hoogeind",
        "Hoogeind",
        2,
        "regular",
        ["shopping"],
        ["driving"],
        False,
        "Samen boodschappen doen met dorpsgenoten die slecht ter been zijn.",
    ),
    (
        "buddies",
        "Maatje voor iemand met psychische problemen",
        None,
        2,
        "regular",
        ["buddy", "emotional-support"],
        ["listening", "lived-experience"],
        True,
        "Samen iets ondernemen; u krijgt een training en begeleiding.",
    ),
    (
        "centre",
        "Hulp bij de burendag",
        "Oosterpark",
        6,
        "one_off",
        ["neighbourhood-initiative"],
        ["organising"],
        False,
        "Eén zaterdag meehelpen met tafels, koffie en een praatje.",
    ),
    (
        "clients",
        "Ervaringsdeskundige voor lotgenotencontact",
        None,
        2,
        "regular",
        ["peer-contact"],
        ["lived-experience", "listening"],
        True,
        "Uw eigen ervaring inzetten voor iemand die nu zoekt wat u al vond.",
    ),
    (
        "welfare",
        "Vrijwilliger bij het inloopspreekuur",
        "De Akkers",
        3,
        "regular",
        ["information-advice"],
        ["administration"],
        True,
        "Mensen op weg helpen met formulieren en vragen, naast de sociaal werker.",
    ),
]
#: One vacancy written in English: the Dutch board marks it, so a screen reader reads it in
#: English (and the English board marks the Dutch ones).
ENGLISH_VACANCY = (
    "centre",
    "Conversation partner for newcomers",
    None,
    2,
    "regular",
    ["visiting"],
    ["listening"],
    False,
    "Once a week a coffee and a chat in English with someone new to Lindeveld, and help "
    "finding their way in the neighbourhood.",
)

#: Where a volunteer's enrolment stands, with its weight among the 200.
STATUSES = {"active": 70, "applicant": 8, "intake_planned": 6, "paused": 8, "stopped": 8}
SPONSORS = {
    "reintegration": ("social_service", "Werkplein Lindeveld", 240),
    "internship": ("school", "Lindeveld College", 30),
}


def vacancies(world: World) -> dict[str, list[Vacancy]]:
    """Every organisation that takes on volunteers posts its vacancies (once)."""
    skill = {s.code: s for s in world.skills}
    written = [(v, "nl") for v in VACANCIES] + [(ENGLISH_VACANCY, "en")]
    for (
        key,
        title,
        area,
        hours,
        regularity,
        activities,
        skills,
        training,
        text,
    ), language in written:
        organisation = world.organisations[key]
        if Vacancy.objects.filter(organisation=organisation, title=title).exists():
            continue
        services.create_vacancy(
            organisation=organisation,
            fields={
                "title": title,
                "description": text,
                "language": language,
                "area": world.areas[area] if area else None,
                "hours_per_week": hours,
                "regularity": regularity,
                "training_offered": training,
                "contact_name": world.handler(key).get_full_name(),
                "contact_email": f"vrijwilligers@{key}.lindeveld.invalid",
            },
            activities=[world.activities[c] for c in activities],
            skills=[skill[c] for c in skills],
        )
    posted: dict[str, list[Vacancy]] = {}
    # The English vacancy waits on the board for a visitor: the volunteers of the demo are
    # taken on through the others.
    shown = Vacancy.objects.filter(organisation__municipality=world.municipality)
    for vacancy in shown.exclude(title=ENGLISH_VACANCY[1]).order_by("pk"):
        posted.setdefault(world.key_of(vacancy.organisation_id), []).append(vacancy)
    return posted


def sign_up(world, username, first, last, *, demo_account=False, **profile) -> VolunteerProfile:
    """Through the volunteers' sign-up form (the others of the 200 have no password to sign
    in with; a demo account gets the demo password)."""
    activities = profile.pop("activities")
    skills = profile.pop("skills")
    motives = profile.pop("motives")
    volunteer = services.register(
        account={
            "username": username,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@lindeveld.invalid",
            "municipality": world.municipality,
        },
        password=None,
        profile=profile,
        activities=activities,
        skills=skills,
        motives=motives,
    )
    if demo_account:
        User.objects.filter(pk=volunteer.user_id).update(password=demo_password())
    return volunteer


def take_on(world, profile, vacancy, target: str, *, days_ago: int, rng=None) -> None:
    """The volunteer responds; the coordinator answers and the enrolment goes to `target`."""
    key = world.key_of(vacancy.organisation_id)
    coordinator = world.handler(key)
    application = services.apply(vacancy.pk, profile, "Ik heb op dinsdag en donderdag tijd.")
    now = timezone.now()
    sponsor = SPONSORS.get(profile.volunteer_type)
    if target == lifecycle.APPLICANT:
        clock.applied(application, now - timedelta(days=days_ago))
        return
    if sponsor or target == lifecycle.INTAKE_PLANNED:
        # An intake first; for who starts now it lay in the past.
        if target == lifecycle.INTAKE_PLANNED:
            intake = now + timedelta(days=rng.randint(1, 14) if rng else 3, hours=10)
        else:
            intake = now - timedelta(days=days_ago - 1)
        services.invite(application.pk, coordinator, intake_at=intake, answer="Welkom!")
    if sponsor:  # re-integration and internship: a sponsor, required hours and a guide
        kind, name, hours = sponsor
        services.update_guidance(
            profile.enrolments.get(organisation_id=vacancy.organisation_id).pk,
            volunteer_type=profile.volunteer_type,
            sponsor_kind=kind,
            sponsor_name=name,
            required_hours=hours,
            guide=coordinator if target != lifecycle.INTAKE_PLANNED else None,
        )
    if target != lifecycle.INTAKE_PLANNED:
        services.accept(application.pk, coordinator, answer="Fijn dat u komt!")
    enrolment = profile.enrolments.get(organisation_id=vacancy.organisation_id)
    if target == lifecycle.PAUSED:
        until = timezone.localdate() + timedelta(days=rng.randint(3, 40) if rng else 14)
        services.pause_self(profile.pk, until=until, reason="Vakantie", user=profile.user)
    elif target == lifecycle.STOPPED:
        services.change_status(enrolment.pk, lifecycle.STOPPED, coordinator, "Verhuisd")
    clock.enrolled(application, enrolment, now - timedelta(days=days_ago))


def demo_volunteer(world: World, posted) -> None:
    """Gerrit: volunteers at the volunteer centre; asked to check his motives again."""
    if "demo-volunteer" in world.people:
        return
    today = timezone.localdate()
    profile = sign_up(
        world,
        "demo-volunteer",
        "Gerrit",
        "Jansen",
        demo_account=True,
        area=world.areas["Molenwijk"],
        availability=availability.to_mask(["tue-afternoon", "thu-morning", "sat-morning"]),
        hours_per_week=3,
        max_hours_per_week=5,
        travel_km=6,
        languages="nl,en",
        activities=[world.activities[c] for c in ("visiting", "transport", "walks-outings")],
        skills=[s for s in world.skills if s.code in {"listening", "driving"}],
        motives=[m for m in world.motives if m.code in {"social-contact", "helping-others"}],
    )
    services.record_vog(profile.pk, today - timedelta(days=400))
    take_on(world, profile, posted["centre"][0], lifecycle.ACTIVE, days_ago=420)
    clock.reviewed(profile, timezone.now() - timedelta(days=380))  # the review is due
    world.people["demo-volunteer"] = profile.user


def demo_peer(world: World, posted) -> None:
    """Kim: once a client of Samen Sterk, now a peer volunteer there, and its coordinator."""
    if "demo-peer" in world.people:
        return
    profile = sign_up(
        world,
        "demo-peer",
        "Kim",
        "Verbeek",
        demo_account=True,
        area=world.areas["Oosterpark"],
        availability=availability.to_mask(["mon-evening", "wed-afternoon", "fri-afternoon"]),
        hours_per_week=4,
        max_hours_per_week=6,
        travel_km=10,
        volunteer_type=VolunteerType.PEER,
        activities=[world.activities[c] for c in ("peer-contact", "visiting")],
        skills=[s for s in world.skills if s.code in {"lived-experience", "listening"}],
        motives=[m for m in world.motives if m.code in {"lived-experience", "helping-others"}],
    )
    services.record_vog(profile.pk, timezone.localdate() - timedelta(days=200))
    take_on(world, profile, posted["clients"][0], lifecycle.ACTIVE, days_ago=700)
    # Later the organisation asked Kim to coordinate it too.
    Membership.objects.get_or_create(
        user=profile.user, organisation=world.organisations["clients"], role="coordinator"
    )
    world.people["demo-peer"] = profile.user


def load(world: World, rng) -> int:
    posted = vacancies(world)
    demo_volunteer(world, posted)
    demo_peer(world, posted)
    existing = VolunteerProfile.objects.filter(user__username__startswith="vrijwilliger-").count()
    if existing >= VOLUNTEERS:
        return 0
    area_list = list(world.areas.values())
    keys, weights = list(VOLUNTEER_ORGANISATIONS), list(VOLUNTEER_ORGANISATIONS.values())
    statuses, status_weights = list(STATUSES), list(STATUSES.values())
    types = [VolunteerType.REGULAR] * 14 + [
        VolunteerType.REINTEGRATION,
        VolunteerType.INTERNSHIP,
        VolunteerType.EMPLOYEE,
        VolunteerType.PEER,
        VolunteerType.PEER,
    ]
    welfare = world.welfare
    today = timezone.localdate()
    for number in range(existing + 1, VOLUNTEERS + 1):
        hours = rng.choice([1, 2, 2, 3, 4, 6])
        profile = sign_up(
            world,
            f"vrijwilliger-{number:03d}",
            rng.choice(FIRST_NAMES),
            rng.choice(LAST_NAMES),
            area=rng.choice(area_list),
            availability=availability.to_mask(rng.sample(availability.SLOTS, rng.randint(2, 7))),
            hours_per_week=hours,
            max_hours_per_week=hours + rng.randint(0, 3),
            travel_km=rng.choice([2, 5, 10, 15]),
            languages=rng.choice(LANGUAGE_SETS),
            volunteer_type=rng.choice(types),
            wants_to_grow=rng.random() < 0.3,
            activities=rng.sample(welfare, rng.randint(1, 4)),
            skills=rng.sample(world.skills, rng.randint(1, 3)),
            motives=rng.sample(world.motives, rng.randint(1, 2)),
        )
        if rng.random() >= 0.15:
            services.record_vog(profile.pk, today - timedelta(days=rng.randint(30, 4 * 365)))
        key = rng.choices(keys, weights)[0]
        target = rng.choices(statuses, status_weights)[0]
        # Responses still waiting go to the centre's first vacancy (README: "Maatje ...").
        vacancy = posted[key][0] if target == "applicant" else rng.choice(posted[key])
        take_on(world, profile, vacancy, target, days_ago=rng.randint(30, 900), rng=rng)
        clock.reviewed(profile, timezone.now() - timedelta(days=rng.randint(0, 540)))
    return VOLUNTEERS - existing
