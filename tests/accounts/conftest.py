"""Fixtures for account tests: a clean rate-limit cache and a helper to sign up."""

import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def clean_cache(db):
    """Start and end every test with empty rate-limit counters, whatever the cache."""
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def signup_data():
    return {
        "name": "Ana Lima",
        "email": "ana.lima@example.org",
        "organization": "Friends of the Hub",
        "password1": "Trafficking-prevention-2025",
        "password2": "Trafficking-prevention-2025",
    }


def link_in(message) -> str:
    """Return the path of the only link in an email."""
    links = LINK.findall(message.body)
    assert len(links) == 1, message.body
    return "/" + links[0].split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def sign_up(client, committed, signup_data):
    """Sign up through the form and return the confirmation link path from the email."""

    def run(**changes):
        response = committed(client.post, reverse("accounts:signup"), {**signup_data, **changes})
        assert response.status_code == 302, response.content.decode()
        return link_in(mail.outbox[-1])

    return run
