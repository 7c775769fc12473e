"""The demo municipality Lindeveld: its areas, organisations, network and the people who
work there. Only what an administrator sets up; everything that happens is made through the
services (see the other modules of this package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import make_password

from meedoen.accounts import invitations
from meedoen.accounts.models import Invitation, User
from meedoen.catalogue.models import Activity, Motive, Skill
from meedoen.catalogue.policy import CareLevel
from meedoen.organisations.models import (
    Area,
    Membership,
    Municipality,
    MunicipalityMembership,
    Network,
    Organisation,
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
#: How the help requests are spread over the states of the workflow.
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

# username, first name, last name, memberships [(organisation key, role)], policy officer,
# administrator. Their landing follows from these (README's table of demo accounts).
# demo-volunteer and demo-peer sign up as volunteers themselves (see volunteers.py).
DEMO_ACCOUNTS = [
    ("demo-citizen", "Anna", "de Vries", [], False, False),
    ("demo-carer", "Mohamed", "El Amrani", [], False, False),
    ("demo-volunteer", "Gerrit", "Jansen", [], False, False),
    ("demo-professional", "Sanne", "Bakker", [("welfare", "professional")], False, False),
    ("demo-coordinator", "Petra", "Visser", [("centre", "coordinator")], False, False),
    ("demo-desk", "Joost", "Smit", [("desk", "coordinator")], False, False),
    ("demo-policy", "Fatima", "Yilmaz", [], "policy_officer", False),
    ("demo-privacy", "Wouter", "Janssen", [], "data_protection_officer", False),
    ("demo-manager", "Ruud", "de Boer", [("centre", "manager")], False, False),
    ("demo-homecare", "Ineke", "Mulder", [("homecare", "professional")], False, False),
    ("demo-peer", "Kim", "Verbeek", [("clients", "coordinator")], False, False),
    ("demo-admin", "Beheer", "Meedoen", [], False, True),
]
#: Colleagues without a demo password: a coordinator for every organisation that takes on
#: volunteers and requests (and has no demo coordinator), a professional at GGZ, and the
#: volunteer centre's social worker, whom its coordinator can name as the professional in
#: charge of a request the desk routed there.
STAFF = [
    ("coordinator-carers", "Lies", "Dekker", "carers", "coordinator"),
    ("coordinator-buddies", "Rob", "Hendriks", "buddies", "coordinator"),
    ("coordinator-jobs", "Hans", "Bos", "jobs", "coordinator"),
    ("coordinator-welfare", "Marieke", "Vos", "welfare", "coordinator"),
    ("coordinator-nursing", "Jolanda", "Peters", "nursing", "coordinator"),
    ("coordinator-village", "Gert", "van Dijk", "village", "coordinator"),
    ("coordinator-clients", "Samira", "Kaya", "clients", "coordinator"),
    ("professional-mental", "Joris", "Brouwer", "mental", "professional"),
    ("professional-centre", "Eva", "Smits", "centre", "professional"),
]
#: Demo accounts that came in through the volunteers' sign-up form.
SIGNED_UP = ("demo-volunteer", "demo-peer")
#: Who handles requests and volunteers at each organisation.
HANDLER = {
    "desk": "demo-desk",
    "centre": "demo-coordinator",
    **{key: username for username, _f, _l, key, role in STAFF if role == "coordinator"},
}


@dataclass
class World:
    municipality: Municipality
    areas: dict[str, Area]
    organisations: dict[str, Organisation]
    network: Network
    people: dict[str, User]
    activities: dict[str, Activity] = field(default_factory=dict)
    skills: list[Skill] = field(default_factory=list)
    motives: list[Motive] = field(default_factory=list)

    def handler(self, key: str) -> User:
        return self.people[HANDLER[key]]

    def key_of(self, organisation_id: int) -> str:
        return next(k for k, o in self.organisations.items() if o.pk == organisation_id)

    @property
    def welfare(self) -> list[Activity]:
        return [a for a in self.activities.values() if a.care_level == CareLevel.WELFARE]

    @property
    def formal(self) -> list[Activity]:
        return [
            a
            for a in self.activities.values()
            if a.care_level in (CareLevel.HOUSEHOLD, CareLevel.PERSONAL)
        ]


def places() -> tuple[Municipality, dict[str, Area], dict[str, Organisation], Network]:
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
                # The volunteer centre pays a small volunteer allowance.
                "allowance_per_hour": Decimal("2.50" if key == "centre" else "0"),
            },
        )
        if made:
            organisation.areas.set([areas[a] for a in served] if served else list(areas.values()))
        organisations[key] = organisation
    network, _ = Network.objects.get_or_create(
        desk=organisations["desk"], defaults={"name": "Vrijwilligersnetwerk Lindeveld"}
    )
    network.members.add(*[organisations[k] for k in NETWORK_MEMBERS])
    return municipality, areas, organisations, network


@cache
def demo_password() -> str:
    """The demo password, hashed once (slow on purpose) for every demo account."""
    return make_password(settings.DEMO_PASSWORD)


def _account(username, first, last, municipality, *, password: bool, admin: bool = False):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@lindeveld.invalid",
            municipality=municipality,
            is_staff=admin,
            is_superuser=admin,
        )
        # Colleagues without a demo password cannot sign in (no hash to compute either).
        user.password = demo_password() if password else make_password(None)
        user.save()
    return user


def people(municipality, organisations) -> dict[str, User]:
    found = {}
    for username, first, last, memberships, policy, admin in DEMO_ACCOUNTS:
        if username in SIGNED_UP:  # once they have signed up
            signed_up = User.objects.filter(username=username).first()
            if signed_up is not None:
                found[username] = signed_up
            continue
        user = _account(username, first, last, municipality, password=True, admin=admin)
        for key, role in memberships:
            Membership.objects.get_or_create(user=user, organisation=organisations[key], role=role)
        if policy:  # an appointment in the municipality: policy or data protection officer
            MunicipalityMembership.objects.get_or_create(
                user=user,
                municipality=municipality,
                role=MunicipalityMembership.Role(policy),
            )
        found[username] = user
    for username, first, last, key, role in STAFF:
        user = _account(username, first, last, municipality, password=False)
        Membership.objects.get_or_create(user=user, organisation=organisations[key], role=role)
        found[username] = user
    return found


def _open_invitation(world: World) -> None:
    """The manager of the volunteer centre has invited a new professional: the invitation
    waits on "Onze organisatie", where it can be withdrawn (the link itself is kept nowhere)."""
    email = "nieuwe.collega@lindeveld.example"
    if Invitation.objects.filter(email=email).exists():
        return
    invitations.invite(
        world.people["demo-manager"],
        world.organisations["centre"],
        Membership.Role.PROFESSIONAL,
        email,
        link_for=lambda token: f"/invitation/{token}/",
    )


def build() -> World:
    municipality, areas, organisations, network = places()
    world = World(municipality, areas, organisations, network, people(municipality, organisations))
    _open_invitation(world)
    world.activities = {a.code: a for a in Activity.objects.order_by("pk")}
    world.skills = list(Skill.objects.order_by("pk"))
    world.motives = list(Motive.objects.order_by("pk"))
    return world
