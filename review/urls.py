"""Route the peer review pages; the app is mounted at the site root."""

from django.urls import path

from . import views

app_name = "review"
urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/items/<int:pk>/", views.item, name="item"),
    path("review/items/<int:pk>/assign/", views.assign, name="assign"),
    path("review/items/<int:pk>/decide/", views.decide, name="decide"),
    path("review/assignments/<int:pk>/", views.assignment, name="assignment"),
    path("review/assignments/<int:pk>/declare/", views.declare, name="declare"),
    path("review/assignments/<int:pk>/review/", views.review, name="review"),
    path("review/assignments/<int:pk>/remove/", views.unassign, name="unassign"),
    path("review/roster/", views.roster, name="roster"),
    path("review/roster/<int:pk>/decide/", views.roster_decide, name="roster_decide"),
    path("review/roster/members/<int:pk>/remove/", views.roster_remove, name="roster_remove"),
    path(
        "review/roster/members/<int:pk>/confirm-un/",
        views.roster_confirm_un,
        name="roster_confirm_un",
    ),
    path("roster/apply/", views.roster_apply, name="roster_apply"),
]
