from django.urls import path, re_path

from meedoen.agenda import views

app_name = "agenda"

urlpatterns = [
    path("agenda/", views.agenda_page, name="index"),
    path("agenda/link/", views.link_page, name="link"),
    path("agenda/link/revoke/", views.revoke_link, name="revoke_link"),
    re_path(r"^agenda/feed/(?P<secret>[A-Za-z0-9_-]{1,100})\.ics$", views.feed, name="feed"),
]
