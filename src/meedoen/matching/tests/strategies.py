"""Hypothesis strategies for volunteers and requests around one town centre."""

from hypothesis import strategies as st

from meedoen import availability
from meedoen.catalogue import policy
from meedoen.matching import rules

CODES = ["visiting", "transport", "odd-jobs", "buddy", "washing", "medication", "respite"]
LEVELS = {"washing": policy.CareLevel.PERSONAL, "medication": policy.CareLevel.NURSING}
SKILLS = ["driving", "listening", "diy", rules.CARE_TRAINING]
MOTIVES = ["social-contact", "development", "helping-others", "lived-experience"]
LANGS = ["nl", "en", "ar", "tr"]

masks = st.integers(min_value=0, max_value=availability.ALL)
lat = st.floats(min_value=51.40, max_value=51.60)
lon = st.floats(min_value=5.30, max_value=5.50)
orgs = st.frozensets(st.integers(min_value=1, max_value=4), max_size=3)


def activity(code):
    return rules.Activity(code, code, LEVELS.get(code, policy.CareLevel.WELFARE))


volunteers = st.builds(
    rules.Volunteer,
    id=st.integers(min_value=1, max_value=10_000),
    organisation_ids=orgs,
    skills=st.frozensets(st.sampled_from(SKILLS)),
    wants=st.frozensets(st.sampled_from(CODES)),
    motives=st.frozensets(st.sampled_from(MOTIVES)),
    availability=masks,
    latitude=lat,
    longitude=lon,
    travel_km=st.floats(min_value=0, max_value=20),
    languages=st.frozensets(st.sampled_from(LANGS), min_size=1),
    hours_left=st.floats(min_value=0, max_value=8),
    assignments_left=st.integers(min_value=0, max_value=3),
    vog_valid=st.booleans(),
    helped=st.frozensets(st.integers(min_value=1, max_value=5), max_size=2),
    recent_load=st.integers(min_value=0, max_value=5),
)

requests = st.builds(
    rules.Request,
    id=st.integers(min_value=1, max_value=10_000),
    organisation_ids=orgs,
    policy=st.builds(
        policy.Policy, trained_volunteer_level=st.sampled_from(list(policy.CareLevel))
    ),
    activities=st.lists(st.sampled_from(CODES), max_size=3, unique=True).map(
        lambda codes: tuple(activity(c) for c in codes)
    ),
    self_reliance=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    has_responsible_professional=st.booleans(),
    needs_vog=st.booleans(),
    required_skills=st.frozensets(st.sampled_from(SKILLS), max_size=1),
    availability=masks,
    latitude=lat,
    longitude=lon,
    languages=st.frozensets(st.sampled_from(LANGS), max_size=2),
    hours_needed=st.floats(min_value=0.5, max_value=4),
    waiting_days=st.integers(min_value=0, max_value=200),
    urgent=st.booleans(),
    person=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
)
