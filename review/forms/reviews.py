"""Validate a reviewer's review: scores per criterion, recommendation and comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CRITERIA, Recommendation, Review
from .fields import TOO_LONG, ChoiceList


class ScoreChoices(ChoiceList):
    """Show the 1–5 scores of one criterion in a row."""

    template_name = "review/widgets/score_list.html"


SCORE_CHOICES = (
    (1, _("1 (poor)")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 (excellent)")),
)


def score_field(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORE_CHOICES,
        coerce=int,
        widget=ScoreChoices,
        error_messages={
            "required": _("Give a score from 1 to 5 for this criterion."),
            "invalid_choice": _("The score must be a whole number from 1 to 5."),
        },
    )


class ReviewForm(forms.ModelForm):
    """Collect a review: a 1–5 score per criterion, a recommendation and two kinds of comments.

    A ``ModelForm`` of ``Review``, whose rules (scores from 1 to 5, the recommendations,
    the comments' length) it takes; it validates only, ``services.review_submit`` stores.
    """

    recommendation = forms.ChoiceField(
        label=_("Your recommendation"),
        widget=ChoiceList,
        choices=Recommendation.choices,
        error_messages={
            "required": _("Choose a recommendation."),
            "invalid_choice": _("Choose one of the recommendations listed."),
        },
    )

    class Meta:
        model = Review
        fields = (
            *(name for name, _label in CRITERIA),
            "recommendation",
            "comments_for_submitter",
            "confidential_comments",
        )
        help_texts = {
            "comments_for_submitter": _("Shared with the submitter without your name."),
            "confidential_comments": _("Only editors see these."),
        }
        widgets = {
            "comments_for_submitter": forms.Textarea(attrs={"rows": 6}),
            "confidential_comments": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "comments_for_submitter": {"max_length": TOO_LONG},
            "confidential_comments": {"max_length": TOO_LONG},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA:
            self.fields[name] = score_field(label)

    @property
    def score_fields(self):
        return [self[name] for name, _label in CRITERIA]

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _label in CRITERIA}
