"""Demo data: a fictional municipality with its town, villages, organisations and people.

Idempotent: running it again changes nothing that is already there. Refused in production.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meedoen import availability
from meedoen.accounts.models import User
from meedoen.catalogue.models import Activity, Motive, Skill, VolunteerType
from meedoen.catalogue.policy import CareLevel
from meedoen.organisations.models import (
    Area,
    Membership,
    Municipality,
    MunicipalityMembership,
    Network,
    Organisation,
)
from meedoen.permissions import Role
from meedoen.requests.models import HelpRequest, ProfessionalReferral, RequestTransition
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)

MUNICIPALITY = ("Lindeveld", "GM9901")

# name, kind, latitude, longitude, postcodes
AREAS = [
    ("Centrum", "neighbourhood", 51.5012, 5.4021, "5611,5612"),
    ("De Akkers", "neighbourhood", 51.5110, 5.3905, "5613"),
    ("Molenwijk", "neighbourhood", 51.4935, 5.4170, "5614"),
    ("Oosterpark", "neighbourhood", 51.5040, 5.4260, "5615"),
    ("Hoogeind", "village", 51.5520, 5.3310, "5621"),
    ("Wolfsbroek", "village", 51.4580, 5.4730, "5622"),
    ("Ter Aa", "village", 51.5350, 5.5020, "5623"),
]

T = Organisation.Type
S = Organisation.Sector
# key, name, type, sector, central desk, trained-volunteer care level, areas (None = all)
ORGANISATIONS = [
    (
        "desk",
        "Centraal Vrijwilligerspunt Lindeveld",
        T.VOLUNTEERS_SUPPORTED,
        S.CENTRAL_DESK,
        True,
        CareLevel.WELFARE,
        None,
    ),
    (
        "centre",
        "Vrijwilligerscentrale Lindeveld",
        T.VOLUNTEERS_SUPPORTED,
        S.VOLUNTEER_CENTRE,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "carers",
        "Steunpunt Mantelzorg Lindeveld",
        T.VOLUNTEERS_SUPPORTED,
        S.CARER_SUPPORT,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "buddies",
        "Maatjesnetwerk De Brug",
        T.VOLUNTEERS_ONLY,
        S.BUDDY_NETWORK,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "jobs",
        "Klussendienst Lindeveld",
        T.VOLUNTEERS_ONLY,
        S.WELFARE,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "welfare",
        "Welzijn Lindeveld",
        T.PROFESSIONALS_SUPPORTED,
        S.WELFARE,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "nursing",
        "Zorgcentrum De Linde",
        T.PROFESSIONALS_SUPPORTED,
        S.NURSING_HOME,
        False,
        CareLevel.PERSONAL,
        ["Centrum", "Molenwijk"],
    ),
    (
        "homecare",
        "Thuiszorg Lindeveld",
        T.PROFESSIONALS_ONLY,
        S.HOME_CARE,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "village",
        "Zorgcoöperatie Hoogeind",
        T.VOLUNTEERS_ONLY,
        S.VILLAGE_COOPERATIVE,
        False,
        CareLevel.WELFARE,
        ["Hoogeind"],
    ),
    (
        "clients",
        "Cliëntenorganisatie Samen Sterk",
        T.VOLUNTEERS_ONLY,
        S.CLIENT_RUN,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "mental",
        "GGZ Lindeveld",
        T.PROFESSIONALS_ONLY,
        S.MENTAL_HEALTH,
        False,
        CareLevel.WELFARE,
        None,
    ),
    (
        "gp",
        "Huisartsenpraktijk De Akkers",
        T.PROFESSIONALS_ONLY,
        S.GENERAL_PRACTICE,
        False,
        CareLevel.WELFARE,
        ["De Akkers"],
    ),
]
NETWORK_MEMBERS = ["centre", "carers", "buddies", "jobs", "welfare"]
#: Organisations whose volunteers take requests, with their weight in the demo.
VOLUNTEER_ORGANISATIONS = {
    "centre": 6,
    "carers": 3,
    "buddies": 3,
    "jobs": 2,
    "nursing": 3,
    "village": 2,
    "clients": 1,
    "welfare": 1,
}

# username, role, first name, last name, (organisation key, membership role) or None
DEMO_ACCOUNTS = [
    ("demo-citizen", Role.CITIZEN, "Anna", "de Vries", None),
    ("demo-carer", Role.CARER, "Mohamed", "El Amrani", None),
    ("demo-volunteer", Role.VOLUNTEER, "Gerrit", "Jansen", None),
    ("demo-professional", Role.PROFESSIONAL, "Sanne", "Bakker", ("welfare", "professional")),
    ("demo-coordinator", Role.COORDINATOR, "Petra", "Visser", ("centre", "coordinator")),
    ("demo-desk", Role.COORDINATOR, "Joost", "Smit", ("desk", "coordinator")),
    ("demo-policy", Role.POLICY_OFFICER, "Fatima", "Yilmaz", None),
    ("demo-manager", Role.COORDINATOR, "Ruud", "de Boer", ("centre", "manager")),
    ("demo-homecare", Role.PROFESSIONAL, "Ineke", "Mulder", ("homecare", "professional")),
    ("demo-admin", Role.ADMIN, "Beheer", "Meedoen", None),
]

FIRST_NAMES = [
    "Jan",
    "Kees",
    "Mieke",
    "Els",
    "Henk",
    "Ria",
    "Ahmed",
    "Fatma",
    "Sven",
    "Lotte",
    "Bram",
    "Noor",
    "Emma",
    "Daan",
    "Sophie",
    "Ruud",
    "Ineke",
    "Youssef",
    "Aylin",
    "Pieter",
    "Marloes",
    "Gijs",
    "Wilma",
    "Tineke",
    "Koen",
    "Lisa",
    "Mehmet",
    "Sara",
    "Thijs",
    "Hanneke",
    "Riet",
    "Bart",
    "Joke",
    "Karim",
    "Esther",
    "Wim",
    "Anouk",
    "Tom",
    "Greet",
    "Dewi",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "Yilmaz",
    "El Idrissi",
    "Kaya",
    "Verhoeven",
    "Willems",
]
LANGUAGE_SETS = ["nl", "nl", "nl", "nl,en", "nl,ar", "nl,tr", "nl,en,de", "nl,pap"]
STATUS_WEIGHTS = {
    "submitted": 18,
    "in_intake": 16,
    "routed": 8,
    "returned": 4,
    "ready": 20,
    "matched": 12,
    "active": 34,
    "closed": 16,
    "referred": 8,
    "withdrawn": 6,
    "declined": 4,
}
VOLUNTEERS = 200
REQUESTS = 150


class Command(BaseCommand):
    help = "Load the demo municipality Lindeveld with organisations, accounts and people."

    def handle(self, *args, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("Demo data is not allowed in this environment (production).")
        with transaction.atomic():
            created = self.load()
        self.stdout.write(self.style.SUCCESS(created))

    def load(self) -> str:
        rng = random.Random(2026)  # the same demo every time
        municipality, _ = Municipality.objects.get_or_create(
            code=MUNICIPALITY[1], defaults={"name": MUNICIPALITY[0]}
        )
        areas = {}
        for name, kind, lat, lon, postcodes in AREAS:
            areas[name], _ = Area.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={"kind": kind, "latitude": lat, "longitude": lon, "postcodes": postcodes},
            )
        organisations = {}
        for key, name, type_, sector, desk, level, served in ORGANISATIONS:
            organisation, made = Organisation.objects.get_or_create(
                municipality=municipality,
                name=name,
                defaults={
                    "type": type_,
                    "sector": sector,
                    "is_central_desk": desk,
                    "volunteer_care_level": int(level),
                    "email": f"info@{key}.lindeveld.invalid",
                },
            )
            if made:
                organisation.areas.set(
                    [areas[a] for a in served] if served else list(areas.values())
                )
            organisations[key] = organisation
        network, _ = Network.objects.get_or_create(
            desk=organisations["desk"], defaults={"name": "Vrijwilligersnetwerk Lindeveld"}
        )
        network.members.add(*[organisations[k] for k in NETWORK_MEMBERS])

        accounts = {}
        for username, role, first, last, membership in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@lindeveld.invalid",
                    municipality=municipality,
                    is_staff=role == Role.ADMIN,
                    is_superuser=role == Role.ADMIN,
                )
                user.set_password(settings.DEMO_PASSWORD)
                user.save()
            if membership:
                Membership.objects.get_or_create(
                    user=user, organisation=organisations[membership[0]], role=membership[1]
                )
            if role == Role.POLICY_OFFICER:
                MunicipalityMembership.objects.get_or_create(
                    user=user, municipality=municipality, role=role
                )
            accounts[username] = user

        catalogue = {a.code: a for a in Activity.objects.all()}
        skills = list(Skill.objects.all())
        motives = list(Motive.objects.all())
        welfare = [a for a in catalogue.values() if a.care_level == CareLevel.WELFARE]
        self._demo_volunteer_profile(
            accounts["demo-volunteer"], areas, organisations, catalogue, skills, motives
        )
        made_volunteers = self._volunteers(
            rng, municipality, areas, organisations, welfare, skills, motives
        )
        self._vacancies(rng, areas, organisations, catalogue, skills, accounts)
        made_requests = self._requests(
            rng, municipality, areas, organisations, catalogue, welfare, accounts
        )
        from meedoen.engagements import demo as engagement_demo

        made_assignments = engagement_demo.load(municipality, organisations, accounts)
        return (
            f"Demo municipality {municipality.name}: {len(areas)} areas, "
            f"{len(organisations)} organisations, {len(accounts)} demo accounts; "
            f"{made_volunteers} volunteers, {made_requests} help requests and "
            f"{made_assignments} assignments added."
        )

    def _demo_volunteer_profile(
        self, user, areas, organisations, catalogue, skills, motives
    ) -> None:
        if hasattr(user, "volunteer_profile"):
            return
        profile = VolunteerProfile.objects.create(
            user=user,
            area=areas["Molenwijk"],
            availability=availability.to_mask(["tue-afternoon", "thu-morning", "sat-morning"]),
            hours_per_week=3,
            max_hours_per_week=5,
            travel_km=6,
            languages="nl,en",
        )
        profile.activities.set(
            [catalogue["visiting"], catalogue["transport"], catalogue["walks-outings"]]
        )
        profile.skills.set([s for s in skills if s.code in {"listening", "driving"}])
        profile.motives.set([m for m in motives if m.code in {"social-contact", "helping-others"}])
        profile.vog_issued_on = timezone.localdate() - timedelta(days=400)
        profile.reviewed_at = timezone.now() - timedelta(days=380)  # asked again: review is due
        profile.save()
        enrolment = Enrolment.objects.create(
            profile=profile, organisation=organisations["centre"], status="active"
        )
        EnrolmentStatusChange.objects.create(
            enrolment=enrolment, to_status="active", reason="Intake afgerond"
        )

    def _volunteers(self, rng, municipality, areas, organisations, welfare, skills, motives):
        existing = User.objects.filter(username__startswith="vrijwilliger-").count()
        if existing >= VOLUNTEERS:
            return 0
        now = timezone.now()
        today = timezone.localdate()
        area_list = list(areas.values())
        org_keys = list(VOLUNTEER_ORGANISATIONS)
        org_weights = list(VOLUNTEER_ORGANISATIONS.values())
        types = [VolunteerType.REGULAR] * 14 + [
            VolunteerType.REINTEGRATION,
            VolunteerType.INTERNSHIP,
            VolunteerType.EMPLOYEE,
            VolunteerType.PEER,
            VolunteerType.PEER,
        ]
        users, profiles = [], []
        choices = []
        for number in range(existing + 1, VOLUNTEERS + 1):
            user = User(
                username=f"vrijwilliger-{number:03d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                municipality=municipality,
            )
            user.set_unusable_password()
            users.append(user)
            slots = rng.sample(availability.SLOTS, rng.randint(2, 7))
            hours = rng.choice([1, 2, 2, 3, 4, 6])
            choices.append(
                (
                    rng.choice(area_list),
                    availability.to_mask(slots),
                    hours,
                    rng.sample(welfare, rng.randint(1, 4)),
                    rng.sample(skills, rng.randint(1, 3)),
                    rng.sample(motives, rng.randint(1, 2)),
                    rng.choice(types),
                    rng.choices(org_keys, org_weights)[0],
                    rng.choice(LANGUAGE_SETS),
                )
            )
        User.objects.bulk_create(users)
        users = list(
            User.objects.filter(username__in=[u.username for u in users]).order_by("username")
        )
        for user, (area, mask, hours, _a, _s, _m, vtype, _org, languages) in zip(
            users, choices, strict=True
        ):
            profiles.append(
                VolunteerProfile(
                    user=user,
                    area=area,
                    availability=mask,
                    hours_per_week=hours,
                    max_hours_per_week=hours + rng.randint(0, 3),
                    travel_km=rng.choice([2, 5, 10, 15]),
                    languages=languages,
                    volunteer_type=vtype,
                    wants_to_grow=rng.random() < 0.3,
                    vog_issued_on=(
                        None
                        if rng.random() < 0.15
                        else today - timedelta(days=rng.randint(30, 4 * 365))
                    ),
                    reviewed_at=now - timedelta(days=rng.randint(0, 540)),
                )
            )
        VolunteerProfile.objects.bulk_create(profiles)
        profiles = list(VolunteerProfile.objects.filter(user__in=users).order_by("user__username"))
        coordinators = {
            m.organisation_id: m.user
            for m in Membership.objects.filter(role="coordinator", is_active=True)
        }
        enrolments = []
        for profile, choice in zip(profiles, choices, strict=True):
            organisation = organisations[choice[7]]
            status = rng.choices(
                ["active", "applicant", "intake_planned", "paused", "stopped"],
                [70, 8, 6, 8, 8],
            )[0]
            guided = profile.volunteer_type in ("reintegration", "internship")
            if guided and status == "active" and organisation.pk not in coordinators:
                status = "intake_planned"
            enrolments.append(
                Enrolment(
                    profile=profile,
                    organisation=organisation,
                    status=status,
                    created_at=now - timedelta(days=rng.randint(30, 900)),
                    intake_at=now + timedelta(days=rng.randint(1, 14), hours=10)
                    if status == "intake_planned"
                    else None,
                    paused_until=today + timedelta(days=rng.randint(3, 40))
                    if status == "paused"
                    else None,
                    sponsor_kind={"reintegration": "social_service", "internship": "school"}.get(
                        profile.volunteer_type, ""
                    ),
                    sponsor_name={
                        "reintegration": "Werkplein Lindeveld",
                        "internship": "Lindeveld College",
                    }.get(profile.volunteer_type, ""),
                    required_hours={"reintegration": 240, "internship": 30}.get(
                        profile.volunteer_type
                    ),
                    guide=coordinators.get(organisation.pk)
                    if guided and status in ("active", "paused", "stopped")
                    else None,
                )
            )
        Enrolment.objects.bulk_create(enrolments)
        EnrolmentStatusChange.objects.bulk_create(
            [
                EnrolmentStatusChange(
                    enrolment=e,
                    from_status="",
                    to_status=e.status,
                    reason="Overgenomen uit de vrijwilligersadministratie",
                    created_at=e.created_at,
                )
                for e in enrolments
            ]
        )
        through_a = VolunteerProfile.activities.through
        through_s = VolunteerProfile.skills.through
        through_m = VolunteerProfile.motives.through
        links_a, links_s, links_m = [], [], []
        for profile, (_area, _mask, _h, acts, sks, mots, *_rest) in zip(
            profiles, choices, strict=True
        ):
            links_a += [through_a(volunteerprofile=profile, activity=a) for a in acts]
            links_s += [through_s(volunteerprofile=profile, skill=s) for s in sks]
            links_m += [through_m(volunteerprofile=profile, motive=m) for m in mots]
        through_a.objects.bulk_create(links_a)
        through_s.objects.bulk_create(links_s)
        through_m.objects.bulk_create(links_m)
        return len(users)

    def _vacancies(self, rng, areas, organisations, catalogue, skills, accounts) -> None:
        if Vacancy.objects.filter(organisation__in=organisations.values()).exists():
            return
        skill = {s.code: s for s in skills}
        rows = [
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
        ]
        for key, title, area, hours, regularity, activities, skill_codes, training, text in rows:
            vacancy = Vacancy.objects.create(
                organisation=organisations[key],
                title=title,
                description=text,
                area=areas[area] if area else None,
                hours_per_week=hours,
                regularity=regularity,
                training_offered=training,
                contact_name="Petra Visser",
                contact_email=f"vrijwilligers@{key}.lindeveld.invalid",
            )
            vacancy.activities.set([catalogue[c] for c in activities])
            vacancy.skills.set([skill[c] for c in skill_codes])
        # Responses waiting for the demo coordinator.
        first = Vacancy.objects.filter(organisation=organisations["centre"]).order_by("pk")
        waiting = VolunteerProfile.objects.filter(enrolments__status="applicant").order_by("pk")[:3]
        for profile in waiting:
            Application.objects.get_or_create(
                vacancy=first[0],
                profile=profile,
                defaults={"message": "Ik heb op dinsdag en donderdag tijd."},
            )

    def _requests(self, rng, municipality, areas, organisations, catalogue, welfare, accounts):
        existing = HelpRequest.objects.filter(municipality=municipality).count()
        if existing >= REQUESTS:
            return 0
        area_list = list(areas.values())
        formal = [
            a
            for a in catalogue.values()
            if a.care_level in (CareLevel.HOUSEHOLD, CareLevel.PERSONAL)
        ]
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        desk = organisations["desk"]
        members = [organisations[k] for k in NETWORK_MEMBERS]
        handling = [organisations[k] for k in VOLUNTEER_ORGANISATIONS]
        coordinators = {
            m.organisation_id: m.user
            for m in Membership.objects.filter(
                role="coordinator", organisation__municipality=municipality
            )
        }
        professional = accounts["demo-professional"]
        now = timezone.now()
        rows = []
        for number in range(existing, REQUESTS):
            # The first ones belong to the demo accounts, in states they can follow.
            status = {
                0: "in_intake",
                1: "active",
                2: "ready",
                3: "in_intake",
                4: "ready",
                5: "matched",
                6: "submitted",
                7: "routed",
            }.get(number, rng.choices(statuses, weights)[0])
            source = rng.choice(["citizen", "carer", "professional", "professional"])
            requester = None
            if number < 2:
                source, requester = "citizen", accounts["demo-citizen"]
            elif number == 2:
                source, requester = "carer", accounts["demo-carer"]
            elif number < 6:
                source = "professional"
            if status in ("submitted", "returned"):
                organisation = desk
            elif status == "routed":
                organisation = rng.choice(members)
            elif number == 0 or (number >= 6 and rng.random() < 0.35):
                organisation = organisations["centre"]
            else:
                organisation = rng.choice(handling)
            referred_by = professional if source == "professional" and number < 12 else None
            self_reliance = (
                None
                if status in ("submitted", "routed", "returned")
                else (rng.choice([2, 3, 3, 4, 4, 5]))
            )
            activities = rng.sample(welfare, rng.randint(1, 2))
            mixed = status in ("in_intake", "referred") and (number == 3 or rng.random() < 0.2)
            if mixed:
                activities.append(rng.choice(formal))
            age = timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 23))
            request = HelpRequest(
                municipality=municipality,
                area=rng.choice(area_list),
                organisation=organisation,
                source=source,
                requester=requester,
                referred_by=referred_by,
                referring_organisation=organisations["welfare"] if referred_by else None,
                responsible_professional=(
                    professional if self_reliance is not None and self_reliance <= 2 else None
                ),
                first_name=rng.choice(FIRST_NAMES),
                contact_phone=f"06{rng.randint(0, 10**8):08d}",
                requester_name=rng.choice(FIRST_NAMES) if source == "carer" else "",
                description="",
                self_reliance=self_reliance,
                availability=availability.to_mask(
                    rng.sample(availability.SLOTS, rng.randint(2, 6))
                ),
                languages=rng.choice(LANGUAGE_SETS),
                urgency="high" if rng.random() < 0.15 else "normal",
                status=status,
                consent_given_at=now - age,
                referral_consent=referred_by is not None,
            )
            request._demo = (activities, age, mixed)
            rows.append(request)
        HelpRequest.objects.bulk_create(rows)
        through = HelpRequest.activities.through
        links, transitions = [], []
        for request in rows:
            activities, age, mixed = request._demo
            created = now - age
            request.created_at = created
            chain = self._history(request, desk, coordinators)
            step_gap = age / (len(chain) + 1)
            at = created
            previous = ""
            for name, to_status, actor, organisation, reason in chain:
                transitions.append(
                    RequestTransition(
                        help_request=request,
                        name=name,
                        from_status=previous,
                        to_status=to_status,
                        actor=actor,
                        actor_role="handler" if actor else "requester",
                        organisation=organisation,
                        reason=reason,
                        created_at=at,
                    )
                )
                previous = to_status
                at += step_gap
            request.status_changed_at = at - step_gap
            if request.status == "referred":  # referred whole: the professionals take it all
                referral = ProfessionalReferral.objects.create(
                    help_request=request,
                    organisation=organisations["homecare"],
                    created_by=coordinators.get(request.organisation_id),
                )
                referral.activities.set(activities)
                activities = []
            links += [through(helprequest=request, activity=a) for a in activities]
        through.objects.bulk_create(links)
        RequestTransition.objects.bulk_create(transitions)
        HelpRequest.objects.bulk_update(rows, ["created_at", "status_changed_at"])
        return len(rows)

    @staticmethod
    def _history(request, desk, coordinators):
        """A plausible list of steps that led to the request's status."""
        handler = coordinators.get(request.organisation_id)
        desk_user = coordinators.get(desk.pk)
        status = request.status
        chain = [("submit", "submitted", None, None, "")]
        if status == "submitted":
            return chain
        if status in ("routed", "returned"):
            chain.append(("route", "routed", desk_user, desk, ""))
            if status == "returned":
                chain.append(
                    ("return", "returned", None, None, "Geen vrijwilliger beschikbaar in deze kern")
                )
            return chain
        if status == "withdrawn":
            return [*chain, ("withdraw", "withdrawn", None, None, "")]
        chain.append(("start_intake", "in_intake", handler, None, ""))
        ending = {
            "declined": [("decline", "declined", handler, None, "Past niet bij ons aanbod")],
            "referred": [
                ("refer", "referred", handler, None, "Alleen persoonlijke verzorging gevraagd")
            ],
            "ready": [("ready", "ready", handler, None, "")],
            "matched": [
                ("ready", "ready", handler, None, ""),
                ("match", "matched", handler, None, ""),
            ],
            "active": [
                ("ready", "ready", handler, None, ""),
                ("match", "matched", handler, None, ""),
                ("start", "active", handler, None, ""),
            ],
            "closed": [
                ("ready", "ready", handler, None, ""),
                ("match", "matched", handler, None, ""),
                ("start", "active", handler, None, ""),
                ("close", "closed", handler, None, "Hulp afgerond"),
            ],
        }
        return chain + ending.get(status, [])
