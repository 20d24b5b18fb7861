from django.urls import path

from . import views

app_name = "resources"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("<slug:slug>/", views.detail, name="detail"),
]
