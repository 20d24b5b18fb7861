"""Let editors read and sort contact messages in the Django admin."""

from django.contrib import admin

from .models import ContactMessage


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "topic", "name", "email", "handled")
    list_filter = ("handled", "topic", "created_at")
    list_editable = ("handled",)
    search_fields = ("name", "email", "message")
    date_hierarchy = "created_at"
    readonly_fields = ("name", "email", "topic", "message", "user", "created_at")
