from django.urls import path

from meedoen.cooperation import consultation_views as views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.index, name="index"),
    path("consultations/new/", views.new, name="new"),
    path("consultations/<int:pk>/", views.detail, name="detail"),
    path("consultations/<int:pk>/response/", views.respond, name="respond"),
    path("consultations/<int:pk>/answer/", views.answer, name="answer"),
]
