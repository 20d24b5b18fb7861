"""Route a submitted file's download, at one address in every language."""

from django.urls import path

from . import views

app_name = "files"
urlpatterns = [
    path("files/<int:pk>/", views.download, name="download"),
]
