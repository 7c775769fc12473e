from django.urls import path

from meedoen.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/", views.open_notification, name="open"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("my-data/notifications/", views.preferences, name="preferences"),
]
