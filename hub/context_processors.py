"""Tell every template which roles the visitor holds, for the navigation."""

from accounts.roles import is_editor, is_reviewer


def roles(request) -> dict[str, bool]:
    user = request.user
    return {"user_is_editor": is_editor(user), "user_is_reviewer": is_reviewer(user)}
