"""Route the peer review pages; the app is mounted at the site root."""

from django.urls import path

from .views import assignments, items, roster

app_name = "review"
urlpatterns = [
    path("review/", items.queue, name="queue"),
    path("review/items/<int:pk>/", items.item, name="item"),
    path("review/items/<int:pk>/assign/", items.assign, name="assign"),
    path("review/items/<int:pk>/decide/", items.decide, name="decide"),
    path("review/assignments/<int:pk>/", assignments.assignment, name="assignment"),
    path("review/assignments/<int:pk>/declare/", assignments.declare, name="declare"),
    path("review/assignments/<int:pk>/review/", assignments.review, name="review"),
    path("review/assignments/<int:pk>/remove/", items.unassign, name="unassign"),
    path("review/roster/", roster.roster, name="roster"),
    path("review/roster/<int:pk>/decide/", roster.roster_decide, name="roster_decide"),
    path("review/roster/members/<int:pk>/remove/", roster.roster_remove, name="roster_remove"),
    path(
        "review/roster/members/<int:pk>/confirm-un/",
        roster.roster_confirm_un,
        name="roster_confirm_un",
    ),
    path("roster/apply/", roster.roster_apply, name="roster_apply"),
]
