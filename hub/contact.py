"""Serve the contact form at /contact/: stored, then mailed to the editors."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ContactForm
from .ratelimits import rate_limited


@rate_limited(group="contact")
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    """Take a message for the editors; a form with mistakes is shown again with status 400."""
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "name": request.user.name or request.user.get_username(),
            "email": request.user.email,
        }
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            services.contact_message_create(user=request.user, **form.cleaned_data)
            messages.success(
                request,
                gettext(
                    "Thank you: your message has been sent to the editors. They will answer you "
                    "by email."
                ),
            )
            return redirect("contact")
        return render(request, "hub/contact.html", {"form": form}, status=400)
    return render(request, "hub/contact.html", {"form": form})
