"""Tell every template which roles the visitor holds, for the navigation."""

from django.utils.functional import SimpleLazyObject

from accounts.roles import is_editor, is_reviewer


def roles(request) -> dict[str, SimpleLazyObject]:
    """Offer the roles lazily: a page that never shows them (500, 503) reads no session."""
    user = request.user
    return {
        "user_is_editor": SimpleLazyObject(lambda: is_editor(user)),
        "user_is_reviewer": SimpleLazyObject(lambda: is_reviewer(user)),
    }
