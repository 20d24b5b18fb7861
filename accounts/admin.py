"""Let editors manage accounts in the Django admin, with the hub's own fields."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "name",
        "affiliation",
        "organization",
        "email_confirmed",
        "is_staff",
        "is_active",
    )
    list_filter = ("groups", "email_confirmed", "is_staff", "is_active")
    search_fields = ("username", "email", "name", "affiliation", "organization__name")
    autocomplete_fields = ("organization",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Hub profile"),
            {"fields": ("name", "affiliation", "organization", "email_confirmed", "language")},
        ),
    )
