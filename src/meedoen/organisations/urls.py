from django.urls import path

from meedoen.organisations import views

app_name = "organisations"

urlpatterns = [
    path(
        "organisations/<int:pk>/task-division/",
        views.task_division,
        name="task_division",
    ),
]
