"""Store the catalogue: one ``Resource`` per document, practice, event, project, training or video.

Only items whose status is ``published`` are public; ``Resource.objects.published()`` is the
one place that rule lives, and every public page, feed and export starts from it.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hub.preloaded import related
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)

from ..submission.uploads import private_upload_path
from .addresses import FormerSlug as FormerSlug
from .addresses import unique_slug
from .catalogue import CatalogueChange as CatalogueChange
from .catalogue import CatalogueVersion as CatalogueVersion
from .choices import Kind, Scope, Status, choice_label
from .published import ResourceQuerySet, published_condition
from .search import SEARCH_COLUMNS as SEARCH_COLUMNS
from .search import SearchWord as SearchWord
from .search import Synonym as Synonym
from .years import current_year
from .years import earliest_year as earliest_year

# Leaves an item's moment of publication as it is (``Resource.status_changes``).
KEEP = object()


def text_language_of(codes: list[str]) -> str:
    """Return the language an item's text is in, from its languages' codes in their order.

    The rule of ``Resource.text_language``, for code holding only the codes (a migration).
    """
    if len(codes) > 1 and settings.LANGUAGE_CODE in codes:
        return settings.LANGUAGE_CODE
    return codes[0] if codes else ""


class Resource(models.Model):
    """One item of the catalogue, of a given kind, tagged with the GCM taxonomy."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DOCUMENT)
    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    # A text field's max_length only reaches its form field; the validator holds it for
    # every caller of full_clean().
    summary = models.TextField(
        _("summary"), max_length=10000, validators=[MaxLengthValidator(10000)]
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=private_upload_path, blank=True)

    publication_year = models.PositiveSmallIntegerField(
        _("year of publication"), validators=[MinValueValidator(1900)]
    )
    publication_month = models.PositiveSmallIntegerField(
        _("month of publication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    publication_day = models.PositiveSmallIntegerField(
        _("day of publication"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    publishers = models.ManyToManyField(
        Organization, related_name="published_resources", blank=True, verbose_name=_("publishers")
    )
    proposed_publishers = models.TextField(
        _("proposed publishers"),
        blank=True,
        help_text=_(
            "Publishers the submitter named that are not in the hub's list, one per "
            "line. Each is matched to an organization by name or acronym, or created, "
            "when the item is published."
        ),
    )
    authors = models.TextField(
        _("authors"),
        blank=True,
        max_length=10000,
        validators=[MaxLengthValidator(10000)],
        help_text=_("One author per line."),
    )
    languages = models.ManyToManyField(
        Language, related_name="resources", blank=True, verbose_name=_("languages")
    )
    language_editions = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("other language editions")
    )
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("document type"),
    )
    objectives = models.ManyToManyField(
        Objective, related_name="resources", verbose_name=_("GCM objectives")
    )
    primary_objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("primary objective"),
    )
    principles = models.ManyToManyField(
        GuidingPrinciple,
        related_name="resources",
        blank=True,
        verbose_name=_("guiding principles"),
    )
    scope = models.PositiveSmallIntegerField(
        _("geographic scope"), choices=Scope, default=Scope.GLOBAL
    )
    regions = models.ManyToManyField(
        Region, related_name="resources", blank=True, verbose_name=_("regions")
    )
    countries = models.ManyToManyField(
        Country, related_name="resources", blank=True, verbose_name=_("countries")
    )
    actions = models.ManyToManyField(
        ObjectiveAction,
        related_name="resources",
        blank=True,
        verbose_name=_("Objective 10 actions"),
    )
    keywords = models.ManyToManyField(
        Keyword, related_name="resources", blank=True, verbose_name=_("keywords")
    )

    # Practice
    implemented_by = models.CharField(_("implemented by"), max_length=500, blank=True)
    practice_type = models.CharField(_("type of practice"), max_length=200, blank=True)
    takeaway = models.TextField(
        _("takeaway"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    sdgs = models.CharField(
        _("Sustainable Development Goals"),
        max_length=100,
        blank=True,
        help_text=_('Goal numbers separated by commas, e.g. "5, 8, 16".'),
    )
    # Practice and project
    period_start = models.DateField(_("start of period"), null=True, blank=True)
    period_end = models.DateField(_("end of period"), null=True, blank=True)
    # Project
    implementers = models.CharField(_("implementers"), max_length=500, blank=True)
    funding = models.CharField(_("funding"), max_length=500, blank=True)
    # Event
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    # Video
    duration = models.DurationField(_("duration"), null=True, blank=True)
    embed_url = models.URLField(_("embed link"), max_length=1000, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_resources",
        verbose_name=_("submitted by"),
    )
    submitter_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitter's organization"),
        help_text=_("Kept with the item so reviewers from the same organization are excluded."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # Derived for search; rebuilt by resources.search.index_resources() on every save.
    search_text = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(editable=False, null=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["scope", "-publication_year", "-publication_month", "-publication_day", "-id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            models.Index(
                fields=["status", "scope", "-publication_year", "-publication_month"],
                name="resource_scope_order",
            ),
            models.Index(fields=["status", "-publication_year"], name="resource_year_order"),
            # Latest items (home page, feeds): newest publication first, on published rows.
            models.Index(
                models.F("published_at").desc(nulls_last=True),
                models.F("id").desc(),
                condition=published_condition(),
                name="resource_latest",
            ),
            GinIndex(fields=["search_vector"], name="resource_search_vector"),
            GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="resource_title_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self.title, exclude_pk=self.pk)
        if self.published_at is None:
            for name, value in self.status_changes(status=self.status).items():
                setattr(self, name, value)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        this_year = current_year()
        if self.publication_year and self.publication_year > this_year:
            errors["publication_year"] = ValidationError(
                gettext("The year of publication cannot be in the future."), code="future_year"
            )
        if self.publication_day and not self.publication_month:
            errors["publication_day"] = ValidationError(
                gettext("Give the month as well as the day."), code="day_without_month"
            )
        elif self.publication_year and self.publication_month and self.publication_day:
            last_day = calendar.monthrange(self.publication_year, self.publication_month)[1]
            if self.publication_day > last_day:
                errors["publication_day"] = ValidationError(
                    gettext("That month has only %(days)s days.") % {"days": last_day},
                    code="invalid_day",
                )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = ValidationError(
                gettext("The period cannot end before it starts."), code="period_order"
            )
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = ValidationError(
                gettext("The event cannot end before it starts."), code="event_order"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        """Say whether the public may see this item: the rule of ``published()``, for one."""
        return self.status == Status.PUBLISHED

    def status_changes(
        self, *, status: str, published_at=KEEP, now: datetime.datetime | None = None
    ) -> dict[str, object]:
        """Decide the fields that give this item a status: the status and when it was published.

        This is the one place that decides ``published_at``; the review workflow and
        ``resources.services.resource_restore`` write what it returns. An item that becomes
        published, or is published without a date, is stamped now; otherwise the moment is
        kept. A restore may name the moment (``published_at``): a published item then takes
        it (or keeps its own, or now, when it names none) and any other item keeps the one
        named, which may be none.
        """
        changes: dict[str, object] = {"status": status}
        becomes_published = status == Status.PUBLISHED
        if published_at is not KEEP:
            if published_at is None and becomes_published:
                published_at = self.published_at or now or timezone.now()
            changes["published_at"] = published_at
        elif becomes_published and (not self.is_published or self.published_at is None):
            changes["published_at"] = now or timezone.now()
        return changes

    # What the review workflow's states mean for pages, read from its transitions table
    # (``review.workflow``, imported when asked: the workflow itself imports this module).

    @property
    def is_draft(self) -> bool:
        """Tell whether the item is a draft the editors have not seen."""
        from review.workflow import DRAFT_STATES

        return self.status in DRAFT_STATES

    @property
    def is_editable(self) -> bool:
        """Tell whether the submitter may still edit the item: a draft, or changes requested."""
        from review.workflow import EDITABLE_STATES

        return self.status in EDITABLE_STATES

    @property
    def awaits_resubmission(self) -> bool:
        """Tell whether the editors asked for changes and wait for the item to be resubmitted."""
        from review.workflow import CHANGES_REQUESTED_STATES

        return self.status in CHANGES_REQUESTED_STATES

    @property
    def is_in_review(self) -> bool:
        """Tell whether the item's review has started, so its reviewers may review it."""
        from review.workflow import REVIEW_STATES

        return self.status in REVIEW_STATES

    @property
    def has_link_or_file(self) -> bool:
        """Say whether a reader can open the item from the hub: by its link or its file.

        The same rule as ``Resource.objects.without_link_or_file()``, for one item.
        """
        return bool(self.url or self.file)

    @property
    def text_language(self) -> str:
        """Return the ISO 639-1 code of the language the item's title and summary are in.

        Pages mark the item's own text with it (``lang``), so it is read out and hyphenated
        in its language whatever the page's language. An item in one language is written in
        it; an item in several is described in the hub's default language when that is one
        of them, otherwise in the first. An item with no language gives "" (no mark).
        """
        return text_language_of([language.code for language in related(self, "languages")])

    def get_scope_code(self) -> str:
        return Scope(self.scope).code

    # Django's own get_FOO_display hashes every choice label, translating each one, on
    # every call; a page of cards called these forty times and spent a fifth of its
    # rendering there. Looking the member up gives the same label.
    def get_kind_display(self) -> str:
        return choice_label(Kind, self.kind)

    def get_scope_display(self) -> str:
        return choice_label(Scope, self.scope)

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    @property
    def proposed_publisher_list(self) -> list[str]:
        return [line.strip() for line in self.proposed_publishers.splitlines() if line.strip()]

    @property
    def sdg_list(self) -> list[int]:
        parts = self.sdgs.replace(";", ",").split(",")
        return [int(part) for part in parts if part.strip().isdigit()]

    @property
    def publication_date(self) -> datetime.date | None:
        """Return the full date when year, month and day are all known."""
        if self.publication_month and self.publication_day:
            return datetime.date(
                self.publication_year, self.publication_month, self.publication_day
            )
        return None

    @property
    def publication_date_display(self) -> str:
        """Say the publication date as precisely as it is known: "30 July 2025", "July 2025".

        In the active language's own date formats ("30 juillet 2025", "2025年7月30日").
        """
        from django.utils.formats import date_format

        if self.publication_month and self.publication_day:
            return date_format(self.publication_date, "DATE_FORMAT")
        if self.publication_month:
            return date_format(
                datetime.date(self.publication_year, self.publication_month, 1), "YEAR_MONTH_FORMAT"
            )
        return str(self.publication_year)
