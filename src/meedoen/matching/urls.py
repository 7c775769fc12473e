from django.urls import path

from meedoen.matching import views

app_name = "matching"

urlpatterns = [
    path("requests/<int:pk>/propose/", views.propose, name="propose"),
    path("matching/", views.runs, name="runs"),
    path("matching/runs/<int:pk>/", views.run_detail, name="run"),
    path("matching/runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("volunteer/proposals/", views.proposals, name="proposals"),
    path("volunteer/proposals/<int:pk>/answer/", views.answer, name="answer"),
    path("volunteer/open-requests/", views.open_requests, name="open_requests"),
    path("volunteer/open-requests/<int:pk>/offer/", views.offer, name="offer"),
]
