from django.urls import path

from meedoen.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("start/", views.start, name="start"),
    path("start/citizen/", views.start_citizen, name="start_citizen"),
    path("start/volunteer/", views.start_volunteer, name="start_volunteer"),
    path("start/professional/", views.start_professional, name="start_professional"),
    path("start/coordinator/", views.start_coordinator, name="start_coordinator"),
    path("start/policy/", views.start_policy, name="start_policy"),
]
