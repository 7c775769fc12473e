from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from meedoen.api.views import SchemaView
from meedoen.catalogue.api import views as catalogue
from meedoen.engagements.api import views as engagements
from meedoen.matching.api import views as matching
from meedoen.organisations.api import views as organisations
from meedoen.requests.api import views as requests
from meedoen.volunteers.api import views as volunteers

router = SimpleRouter(trailing_slash=False)
router.register("activities", catalogue.ActivityViewSet, basename="activity")
router.register("skills", catalogue.SkillViewSet, basename="skill")
router.register(
    "performance-fields", catalogue.PerformanceFieldViewSet, basename="performance-field"
)
router.register("municipalities", organisations.MunicipalityViewSet, basename="municipality")
router.register("areas", organisations.AreaViewSet, basename="area")
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("help-requests", requests.HelpRequestViewSet, basename="help-request")
router.register("referrals", requests.ReferralViewSet, basename="referral")
router.register("volunteers", volunteers.VolunteerViewSet, basename="volunteer")
router.register("vacancies", volunteers.VacancyViewSet, basename="vacancy")
router.register("match-proposals", matching.MatchProposalViewSet, basename="match-proposal")
router.register("matching-runs", matching.MatchingRunViewSet, basename="matching-run")
router.register("assignments", engagements.AssignmentViewSet, basename="assignment")
router.register("hours", engagements.HoursViewSet, basename="hours")
router.register("check-ins", engagements.CheckInViewSet, basename="check-in")
router.register("concerns", engagements.ConcernViewSet, basename="concern")
router.register("handovers", engagements.HandoverViewSet, basename="handover")
router.register("credits/transfers", engagements.CreditTransferViewSet, basename="credit-transfer")

app_name = "api"

urlpatterns = [
    path("openapi.json", SchemaView.as_view(), name="schema"),
    path("boundary-check", organisations.BoundaryCheckView.as_view(), name="boundary-check"),
    re_path(
        r"^help-requests/(?P<pk>[0-9]{1,15})/suggestions$",
        matching.SuggestionsView.as_view(),
        name="help-request-suggestions",
    ),
    path("received", engagements.ReceivedView.as_view(), name="received"),
    *router.urls,
]
