"""Tell every template which roles the visitor holds, for the navigation."""

from django.utils.functional import SimpleLazyObject

from accounts.roles import is_editor, is_roster_member


def roles(request) -> dict[str, SimpleLazyObject]:
    """Offer the roles lazily: a page that never shows them (500, 503) reads no session."""
    user = request.user
    return {
        "user_is_editor": SimpleLazyObject(lambda: is_editor(user)),
        # Only those who may act on assignments: someone taken off the roster keeps the
        # reviewer role for the record, but not the link to a queue that would refuse them.
        "user_is_reviewer": SimpleLazyObject(lambda: is_roster_member(user)),
    }
