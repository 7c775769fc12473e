from django.urls import path

from meedoen.start import views

app_name = "start"

urlpatterns = [
    path("start/", views.index, name="index"),
    path("start/as/<slug:role>/", views.switch, name="switch"),
    path("start/citizen/", views.citizen, name="citizen"),
    path("start/volunteer/", views.volunteer, name="volunteer"),
    path("start/professional/", views.professional, name="professional"),
    path("start/coordinator/", views.coordinator, name="coordinator"),
    path("start/manager/", views.manager, name="manager"),
    path("start/guide/", views.guide, name="guide"),
    path("start/policy/", views.policy, name="policy"),
]
