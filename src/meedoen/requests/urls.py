from django.urls import path
from django.views.generic import RedirectView

from meedoen.requests import views

app_name = "requests"

urlpatterns = [
    path("ask-for-help/", views.ask, name="ask"),
    path("ask-for-help/follow/<str:token>/", views.follow, name="follow"),
    path("ask-for-help/follow/<str:token>/add/", views.follow_add, name="follow_add"),
    path(
        "ask-for-help/follow/<str:token>/withdraw/", views.follow_withdraw, name="follow_withdraw"
    ),
    path("requests/<int:pk>/mine/", views.mine, name="mine"),
    path("requests/<int:pk>/mine/add/", views.mine_add, name="mine_add"),
    path("requests/<int:pk>/withdraw/", views.withdraw_own, name="withdraw_own"),
    path("refer/", views.refer, name="refer"),
    path("requests/", views.queue, name="queue"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/intake/", views.classify, name="classify"),
    path("requests/<int:pk>/step/", views.step, name="step"),
    path("requests/<int:pk>/route/", views.route, name="route"),
    path("requests/<int:pk>/split/", views.split, name="split"),
    path("requests/<int:pk>/note/", views.note, name="note"),
    path(
        "requests/<int:pk>/requester-data.<str:kind>", views.requester_data, name="requester_data"
    ),
    path("requests/<int:pk>/erase-requester/", views.erase_requester, name="erase_requester"),
    path("desk/", views.desk, name="desk"),
    # Referrals received are in the one inbox of everything received (`engagements.inbox`);
    # the old address leads there for good (bookmarks, older e-mails).
    path(
        "referrals/",
        RedirectView.as_view(pattern_name="engagements:received", permanent=True),
        name="inbox",
    ),
    path("referrals/<int:pk>/", views.received, name="received"),
    path("referrals/<int:pk>/accept/", views.accept_referral, name="accept_referral"),
    path("referrals/<int:pk>/return/", views.return_referral, name="return_referral"),
]
