from django.urls import path, re_path

from meedoen.accounts import organisation_views, views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/session/extend/", views.extend_session, name="session_extend"),
    path("accounts/password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/processing-register/",
        views.processing_register,
        name="processing_register",
    ),
    re_path(
        r"^accounts/processing-register/export\.(?P<kind>csv|json)$",
        views.processing_register_export,
        name="processing_register_export",
    ),
    path("accounts/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/export.<str:kind>", views.my_data_export, name="my_data_export"),
    path("my-data/erase/", views.erase_me, name="erase_me"),
    path("my-data/erased/", views.erased, name="erased"),
    path("my-data/api-tokens/", views.api_tokens, name="api_tokens"),
    path("my-data/api-tokens/<int:pk>/revoke/", views.revoke_api_token, name="revoke_api_token"),
    path("organisations/", organisation_views.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", organisation_views.organisation, name="organisation"),
    path("organisations/areas/", organisation_views.areas, name="areas"),
    path("organisations/areas/<int:pk>/", organisation_views.area, name="area"),
    path(
        "organisations/boundary/<int:pk>/",
        organisation_views.boundary_limit,
        name="boundary_limit",
    ),
    path(
        "organisations/<int:pk>/network/",
        organisation_views.network_member,
        name="network_member",
    ),
    path(
        "invitations/<int:pk>/withdraw/",
        organisation_views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("memberships/<int:pk>/end/", organisation_views.end_membership, name="end_membership"),
    path("invitation/<str:token>/", organisation_views.invitation, name="invitation"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_log_csv, name="audit_csv"),
]
