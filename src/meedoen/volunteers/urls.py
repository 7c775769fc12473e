from django.urls import path

from meedoen.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("vacancies/", views.vacancy_board, name="board"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy"),
    path("vacancies/manage/", views.vacancy_manage, name="manage"),
    path("vacancies/new/", views.vacancy_new, name="vacancy_new"),
    path("vacancies/<int:pk>/applications/", views.vacancy_applications, name="applications"),
    path("volunteer/register/", views.register, name="register"),
    path("volunteer/review/", views.review, name="review"),
    path("volunteer/profile/", views.own_profile, name="profile"),
    path("volunteer/pause/", views.pause, name="pause"),
    path("volunteers/", views.volunteer_list, name="list"),
    path("volunteers/<int:pk>/", views.volunteer_detail, name="detail"),
    path("volunteers/<int:pk>/status/", views.volunteer_status, name="status"),
    path("volunteers/<int:pk>/guidance/", views.volunteer_guidance, name="guidance"),
    path("volunteers/<int:pk>/intake/", views.volunteer_intake, name="intake"),
    path("volunteers/<int:pk>/vog/", views.volunteer_vog, name="vog"),
    path("volunteers/<int:pk>/data.<str:kind>", views.volunteer_data, name="data"),
    path("volunteers/<int:pk>/erase/", views.volunteer_erase, name="erase"),
]
