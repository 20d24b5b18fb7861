from django.urls import path

from . import views

app_name = "submission"
urlpatterns = [
    path("submit/", views.submit, name="submit"),
    path("my/", views.my_list, name="my_list"),
    path("my/<int:pk>/", views.item, name="item"),
    path("my/<int:pk>/edit/", views.edit, name="edit"),
    path("my/<int:pk>/submit/", views.submit_item, name="submit_item"),
    path("my/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
