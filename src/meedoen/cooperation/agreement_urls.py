from django.urls import path

from meedoen.cooperation import agreement_views as views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.index, name="index"),
    path("agreements/new/", views.new, name="new"),
    path("agreements/<int:pk>/", views.detail, name="detail"),
    path("agreements/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("agreements/<int:pk>/edit/", views.edit, name="edit"),
]
