from django.urls import path

from meedoen.insights import dossier_views, monitor_views

app_name = "monitor"

urlpatterns = [
    path("monitor/", monitor_views.monitor_page, name="monitor"),
    path("monitor/monitor.csv", monitor_views.monitor_csv, name="monitor_csv"),
    path("demand-dossiers/", dossier_views.dossier_list, name="dossiers"),
    path("demand-dossiers/<int:pk>/", dossier_views.dossier_page, name="dossier"),
    path(
        "demand-dossiers/<int:pk>/dossier.pdf", dossier_views.dossier_download, name="dossier_pdf"
    ),
]
