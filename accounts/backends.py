"""Check sign-ins: lock out repeated failures first, then accept a username or an email."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import selectors


class LockoutBackend(AxesStandaloneBackend):
    """Refuse sign-ins for a username and address that django-axes has locked out.

    Sign-ins from a web request always carry the request. Calls without one (the test
    client's ``login``, a management shell) are not web sign-ins, so this backend lets
    the next backend decide instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class EmailOrUsernameBackend(ModelBackend):
    """Sign a person in by their username or their email address (case ignored)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = selectors.user_for_login(identifier=username)
        if user is None:
            # Spend the time of a password check, so timing does not reveal accounts.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
