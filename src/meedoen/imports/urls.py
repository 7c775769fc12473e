from django.urls import path

from meedoen.imports import views

app_name = "imports"

urlpatterns = [
    path("import/", views.start, name="start"),
    path("import/template/<slug:kind>.<slug:file_format>", views.template, name="template"),
]
