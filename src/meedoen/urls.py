from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

admin.site.site_header = _("Meedoen administration")
admin.site.site_title = _("Meedoen administration")
admin.site.index_title = _("Manage Meedoen")

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("meedoen.api.urls")),
    path("", include("meedoen.notifications.urls")),
    path("", include("meedoen.accounts.urls")),
    path("", include("meedoen.start.urls")),
    path("", include("meedoen.requests.urls")),
    path("", include("meedoen.volunteers.urls")),
    path("", include("meedoen.matching.urls")),
    path("", include("meedoen.engagements.urls")),
    path("", include("meedoen.agenda.urls")),
    path("", include("meedoen.imports.urls")),
    path("", include("meedoen.organisations.urls")),
    path("", include("meedoen.insights.monitor_urls")),
    path("", include("meedoen.insights.urls")),
    path("", include("meedoen.cooperation.urls")),
    path("", include("meedoen.cooperation.consultation_urls")),
    path("", include("meedoen.cooperation.agreement_urls")),
    path("", include("meedoen.cooperation.contact_point_urls")),
]

handler400 = "meedoen.api.problems.handler400"
handler404 = "meedoen.api.problems.handler404"
handler500 = "meedoen.api.problems.handler500"
