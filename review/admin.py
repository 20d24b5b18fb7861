"""Let editors look into the roster and the review in the Django admin.

The review pages are where the work is done. Here reviewer profiles can be corrected,
roster applications decided (through the same service as the roster page), and
assignments, reviews and the append-only history only read.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Assignment, HistoryEntry, Review, ReviewerProfile, RosterApplication
from .workflow import WorkflowError


class ReadOnlyAdmin(admin.ModelAdmin):
    """Show records without any way to add, change or delete them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def act_on_each(modeladmin, request, queryset, *, act, counted) -> None:
    """Apply a roster service to each chosen record, stopping at the first refusal.

    ``act(record)`` calls the service; ``counted(n)`` says how many records were changed.
    """
    done = 0
    for record in queryset:
        try:
            act(record)
        except WorkflowError as error:
            modeladmin.message_user(request, error.message, messages.ERROR)
            return
        done += 1
    modeladmin.message_user(request, counted(done), messages.SUCCESS)


def act_on_profiles(modeladmin, request, queryset, *, service) -> None:
    """Apply a roster service to each chosen reviewer profile."""
    act_on_each(
        modeladmin,
        request,
        queryset,
        act=lambda profile: service(profile_id=profile.pk, actor=request.user),
        counted=lambda done: (
            ngettext("%(count)s reviewer changed.", "%(count)s reviewers changed.", done)
            % {"count": done}
        ),
    )


@admin.action(description=_("Take the selected reviewers off the roster"))
def remove_from_roster(modeladmin, request, queryset):
    act_on_profiles(
        modeladmin, request, queryset.filter(is_active=True), service=services.roster_remove
    )


@admin.action(description=_("Confirm the selected reviewers' UN affiliation"))
def confirm_un_affiliation(modeladmin, request, queryset):
    act_on_profiles(
        modeladmin,
        request,
        queryset.filter(is_un_affiliated=True, un_confirmed_at__isnull=True),
        service=services.roster_confirm_un,
    )


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(admin.ModelAdmin):
    """Correct a reviewer's expertise; roster membership and UN confirmation go through actions.

    Those two change who may review and what counts for a panel, so they are applied by the
    roster services (withdrawn assignments, history entries, mail), never by editing a box.
    """

    list_display = (
        "user",
        "is_un_affiliated",
        "un_confirmed_at",
        "years_of_experience",
        "is_active",
        "joined_at",
    )
    list_filter = ("is_active", "is_un_affiliated", "objectives", "regions")
    search_fields = ("user__username", "user__name", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    filter_horizontal = ("objectives", "regions", "languages")
    readonly_fields = (
        "is_active",
        "un_confirmed_at",
        "un_confirmed_by",
        "previous_affiliation",
        "affiliation_changed_at",
    )
    actions = (remove_from_roster, confirm_un_affiliation)

    def save_model(self, request, obj, form, change):
        if "is_un_affiliated" in form.changed_data:
            # A corrected claim has not been confirmed by anyone yet.
            obj.un_confirmed_at, obj.un_confirmed_by = None, None
        super().save_model(request, obj, form, change)


def decide_applications(modeladmin, request, queryset, *, accept: bool) -> None:
    """Accept or decline the chosen pending applications through the roster service."""
    act_on_each(
        modeladmin,
        request,
        queryset.filter(state=RosterApplication.State.PENDING),
        act=lambda application: services.roster_decide(
            application_id=application.pk, actor=request.user, accept=accept
        ),
        counted=lambda done: (
            ngettext("%(count)s application decided.", "%(count)s applications decided.", done)
            % {"count": done}
        ),
    )


@admin.action(description=_("Accept the selected applications"))
def accept_applications(modeladmin, request, queryset):
    decide_applications(modeladmin, request, queryset, accept=True)


@admin.action(description=_("Decline the selected applications"))
def decline_applications(modeladmin, request, queryset):
    decide_applications(modeladmin, request, queryset, accept=False)


@admin.register(RosterApplication)
class RosterApplicationAdmin(ReadOnlyAdmin):
    list_display = ("applicant", "is_un_affiliated", "state", "submitted_at", "decided_by")
    list_filter = ("state", "is_un_affiliated")
    search_fields = ("applicant__username", "applicant__name", "applicant__email")
    list_select_related = ("applicant", "decided_by")
    actions = (accept_applications, decline_applications)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("resource", "reviewer", "state", "assigned_at", "declared_at")
    list_filter = ("state",)
    search_fields = ("resource__title", "reviewer__username", "reviewer__name")
    list_select_related = ("resource", "reviewer")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "recommendation", "submitted_at")
    list_filter = ("recommendation",)
    search_fields = ("assignment__resource__title", "assignment__reviewer__username")
    list_select_related = ("assignment__resource", "assignment__reviewer")


@admin.register(HistoryEntry)
class HistoryEntryAdmin(ReadOnlyAdmin):
    list_display = ("resource", "action", "from_status", "to_status", "actor", "created_at")
    list_filter = ("action", "to_status")
    search_fields = ("resource__title", "message", "note")
    list_select_related = ("resource", "actor")
    date_hierarchy = "created_at"
