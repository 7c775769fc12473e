from django.urls import path

from meedoen.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.index, name="index"),
    path("cooperation/start/", views.start, name="start"),
    path("cooperation/<int:pk>/", views.detail, name="detail"),
    path("cooperation/<int:pk>/invite/", views.invite, name="invite"),
    path("cooperation/<int:pk>/close/", views.close, name="close"),
    path("cooperation/<int:pk>/next-round/", views.repeat, name="repeat"),
    path("cooperation/<int:pk>/result/", views.result, name="result"),
    path("cooperation/<int:pk>/answer/", views.answer, name="answer"),
    path("cooperation/<int:pk>/answer/<str:token>/", views.answer_link, name="answer_link"),
]
