from django.urls import path

from meedoen.engagements import conversation_views, inbox, views

app_name = "engagements"

urlpatterns = [
    path("volunteer/assignments/", views.my_assignments, name="mine"),
    path("volunteer/credits/", views.credit_page, name="credits"),
    path("volunteer/certificate.pdf", views.certificate, name="certificate"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/concern/", views.raise_concern, name="raise_concern"),
    path(
        "assignments/<int:pk>/conversation/",
        conversation_views.assignment_conversation,
        name="conversation_assignment",
    ),
    path(
        "applications/<int:pk>/conversation/",
        conversation_views.application_conversation,
        name="conversation_application",
    ),
    path(
        "referrals/<int:pk>/conversation/",
        conversation_views.referral_conversation,
        name="conversation_referral",
    ),
    path("assignments/<int:pk>/handover/", views.hand_over, name="hand_over"),
    path("requests/<int:pk>/agree/", views.agree, name="agree"),
    path("hours/<int:pk>/correct/", views.correct_hours, name="correct_hours"),
    path("hours/<int:pk>/decide/", views.decide_hours, name="decide_hours"),
    path("hours/approve/", views.approve_many, name="approve_many"),
    path("engagement/", views.overview, name="overview"),
    path("concerns/", views.concern_list, name="concerns"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern"),
    path("handovers/", views.handovers, name="handovers"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover"),
    path("guidance/", views.guidance_page, name="guidance"),
    path("received/", inbox.received, name="received"),
    path("enrolments/<int:pk>/hours-statement.pdf", views.hours_statement, name="hours_statement"),
]
