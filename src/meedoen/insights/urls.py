from django.urls import path

from meedoen.insights import views

app_name = "insights"

urlpatterns = [
    path("figures/", views.dashboard, name="dashboard"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("figures/inhabitants/<int:municipality_id>/", views.population, name="population"),
]
