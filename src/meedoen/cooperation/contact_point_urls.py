from django.urls import path

from meedoen.cooperation import contact_point_views as views

app_name = "contact_points"

urlpatterns = [
    path("contact-points/", views.index, name="index"),
    path("contact-points/find/", views.find, name="find"),
]
