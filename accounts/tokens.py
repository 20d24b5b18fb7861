"""Make and read the signed links that confirm an email address.

A link carries the account id and a timestamp, signed with a key that also depends on
the address being confirmed: it cannot be forged or altered, it stops working when the
address changes or after ``CONFIRMATION_MAX_AGE``, and it shows no email address in the
URL (which ends up in server logs).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing

CONFIRMATION_MAX_AGE = timedelta(days=3)


class InvalidLink(Exception):
    """The link was altered, cut short, or made for another address."""


class ExpiredLink(InvalidLink):
    """The link is genuine but older than ``CONFIRMATION_MAX_AGE``."""


def _signer(email: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"accounts.confirm-email:{email.strip().lower()}")


def confirmation_token(*, user) -> str:
    """Return the token for a link that confirms this user's current email address."""
    return _signer(user.email).sign(str(user.pk))


def user_for_confirmation_token(*, token: str):
    """Return the user a confirmation token was made for, or raise ``InvalidLink``."""
    user_id = (token or "").split(":", 1)[0]
    if not user_id.isdigit() or len(user_id) > 18:
        raise InvalidLink
    user = get_user_model().objects.filter(pk=int(user_id)).first()
    if user is None:
        raise InvalidLink
    try:
        _signer(user.email).unsign(token, max_age=CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except signing.BadSignature as error:
        raise InvalidLink from error
    return user
