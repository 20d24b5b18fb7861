"""Validate an editor's decision on an item and say when it needs a message."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..workflow import EDITOR_ACTIONS, TRANSITIONS
from .fields import MESSAGE_MAX_LENGTH, text_field


class DecisionForm(forms.Form):
    """Take an editor's decision on an item: the action, a message and a private note."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(name, TRANSITIONS[name].label) for name in EDITOR_ACTIONS],
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("Choose one of the decisions offered."),
        },
    )
    message = text_field(_("Message to the submitter"), max_length=MESSAGE_MAX_LENGTH)
    note = text_field(
        _("Note for editors"),
        max_length=MESSAGE_MAX_LENGTH,
        rows=3,
        help_text=_("Only editors see it, in the item's history."),
    )

    def __init__(self, *args, transitions=(), **kwargs):
        """Say, for the decisions offered (``transitions``), when the message is required."""
        super().__init__(*args, **kwargs)
        message = self.fields["message"]
        needed = [transition for transition in transitions if transition.needs_message]
        # Read by the field template: required for some decisions, so never "(optional)".
        message.required_for = [transition.name for transition in needed]
        message.help_text = message_help(needed=needed, offered=list(transitions))

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action and TRANSITIONS[action].needs_message and not data.get("message", "").strip():
            self.add_error(
                "message",
                ValidationError(
                    gettext("Please write a message to the submitter explaining this decision."),
                    code="message_required",
                ),
            )
        return data


def _quoted(transitions) -> str:
    return get_text_list(
        [gettext("“%(decision)s”") % {"decision": transition.label} for transition in transitions],
        gettext("and"),
    )


def message_help(*, needed: list, offered: list) -> str:
    """Say for which of the offered decisions the message to the submitter is required."""
    optional = [transition for transition in offered if transition not in needed]
    seen = gettext("The submitter receives it by email and sees it on their submissions page.")
    if needed and optional:
        rule = gettext("Required for %(needed)s; optional for %(optional)s.") % {
            "needed": _quoted(needed),
            "optional": _quoted(optional),
        }
    elif needed:
        rule = gettext("Required for every decision offered.")
    else:
        rule = gettext("Optional.")
    return f"{rule} {seen}"
