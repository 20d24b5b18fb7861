"""The review form takes its rules from the stored review: scores, recommendations, lengths."""

import pytest

from review.forms.reviews import ReviewForm
from review.models import CRITERIA

pytestmark = pytest.mark.django_db

REVIEW = {
    **{name: "4" for name, _label in CRITERIA},
    "recommendation": "minor_changes",
    "comments_for_submitter": "Clear and well sourced.",
    "confidential_comments": "",
}


def test_a_complete_review_is_accepted_with_its_scores():
    form = ReviewForm(REVIEW)
    assert form.is_valid(), form.errors
    assert form.scores() == {name: 4 for name, _label in CRITERIA}


def test_the_comments_limit_is_the_stored_reviews_without_being_restated():
    assert "comments_for_submitter" not in ReviewForm.declared_fields
    form = ReviewForm({**REVIEW, "comments_for_submitter": "x" * 10001})
    assert not form.is_valid()
    assert form.errors["comments_for_submitter"] == [
        "Please shorten this text to at most 10000 characters (it has 10001)."
    ]
    assert 'maxlength="10000"' in str(form["comments_for_submitter"])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"relevance": "6"}, "The score must be a whole number from 1 to 5."),
        ({"relevance": ""}, "Give a score from 1 to 5 for this criterion."),
        ({"recommendation": "publish"}, "Choose one of the recommendations listed."),
    ],
)
def test_each_rule_has_its_message(changes, message):
    form = ReviewForm({**REVIEW, **changes})
    assert not form.is_valid()
    assert message in form.errors[next(iter(changes))]


def test_the_criteria_come_first_in_the_order_of_the_list():
    assert list(ReviewForm().fields)[: len(CRITERIA)] == [name for name, _label in CRITERIA]
