"""Validate what partners submit: the kind first, then the item, then a confirmation.

Each form only validates; ``services.resource_save`` and ``services.resource_submit``
store. The item's form is a ``ModelForm`` of ``Resource``, so the item's own rules
(lengths, choices, dates in order) are the form's.
"""

from .resource import ResourceForm
from .steps import ConfirmSubmitForm, KindForm

__all__ = ["ConfirmSubmitForm", "KindForm", "ResourceForm"]
