from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from meedoen.api.views import SchemaView
from meedoen.catalogue.api import views as catalogue
from meedoen.cooperation.api import views as cooperation
from meedoen.engagements.api import views as engagements
from meedoen.insights.api import monitor as monitor_api
from meedoen.insights.api import views as statistics
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
router.register("task-divisions", organisations.TaskDivisionViewSet, basename="task-division")
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
router.register("assessments", cooperation.AssessmentViewSet, basename="assessment")
router.register("consultations", cooperation.ConsultationViewSet, basename="consultation")
router.register("agreements", cooperation.AgreementViewSet, basename="agreement")
router.register("contact-points", cooperation.ContactPointViewSet, basename="contact-point")

app_name = "api"

urlpatterns = [
    path("openapi.json", SchemaView.as_view(), name="schema"),
    path("boundary-check", organisations.BoundaryCheckView.as_view(), name="boundary-check"),
    path("statistics/requests", statistics.RequestStatistics.as_view(), name="statistics-requests"),
    path(
        "statistics/volunteers",
        statistics.VolunteerStatistics.as_view(),
        name="statistics-volunteers",
    ),
    path("statistics/hours", statistics.HoursStatistics.as_view(), name="statistics-hours"),
    path(
        "statistics/waiting-times",
        statistics.WaitingTimeStatistics.as_view(),
        name="statistics-waiting-times",
    ),
    path("statistics/areas", statistics.AreaStatistics.as_view(), name="statistics-areas"),
    path("statistics/concerns", statistics.ConcernStatistics.as_view(), name="statistics-concerns"),
    path(
        "statistics/handovers",
        statistics.HandoverStatistics.as_view(),
        name="statistics-handovers",
    ),
    path(
        "statistics/organisations",
        statistics.OrganisationStatistics.as_view(),
        name="statistics-organisations",
    ),
    re_path(
        r"^help-requests/(?P<pk>[0-9]{1,15})/suggestions$",
        matching.SuggestionsView.as_view(),
        name="help-request-suggestions",
    ),
    path(
        "substitution-monitor",
        monitor_api.SubstitutionMonitorView.as_view(),
        name="substitution-monitor",
    ),
    re_path(
        r"^areas/(?P<pk>[0-9]{1,15})/demand-dossier$",
        monitor_api.DemandDossierView.as_view(),
        name="area-demand-dossier",
    ),
    path("received", engagements.ReceivedView.as_view(), name="received"),
    # The conversation on a case, beside the case's own resource.
    path(
        "applications/<int:pk>/messages",
        engagements.ConversationMessagesView.as_view(kind="application"),
        name="application-messages",
    ),
    path(
        "assignments/<int:pk>/messages",
        engagements.ConversationMessagesView.as_view(kind="assignment"),
        name="assignment-messages",
    ),
    path(
        "referrals/<int:pk>/messages",
        engagements.ConversationMessagesView.as_view(kind="referral"),
        name="referral-messages",
    ),
    *router.urls,
]
