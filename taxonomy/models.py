"""Store the controlled vocabularies that every resource is tagged with.

The lists come from the Migration Network Hub (seed 003) and the Global Compact for
Migration itself; a data migration loads them so a fresh database is complete. Names
are kept in the six UN languages, each with its source (``translation.py``).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NameSource(models.TextChoices):
    """Where a term's name in one language comes from, so editors know what to check.

    A working translation stands until an editor replaces it with the official text.
    """

    OFFICIAL = "official", _("Official text (UN)")
    HUB = "hub", _("Migration Network Hub")
    CLDR = "cldr", _("Unicode CLDR")
    WORKING = "working", _("Working translation")
    EDITOR = "editor", _("Editor")


def name_source_field(verbose_name):
    """Return the field recording the source of a name, translated alongside the name."""
    return models.CharField(verbose_name, max_length=10, choices=NameSource, blank=True)


class Objective(models.Model):
    """A GCM objective (1–23), or the catch-all "General" with no number."""

    GENERAL_CODE = "general"

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_('The number as text ("10"), or "general"; used in addresses.'),
    )
    number = models.PositiveSmallIntegerField(_("number"), unique=True, null=True, blank=True)
    short_name = models.CharField(_("short name"), max_length=100)
    title = models.CharField(_("full title"), max_length=300)
    short_name_source = name_source_field(_("source of the short name"))
    title_source = name_source_field(_("source of the full title"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    introduction = models.TextField(_("introduction"), blank=True)
    commitment = models.TextField(_("commitment"), blank=True)
    commitment_reference = models.CharField(_("commitment reference"), max_length=100, blank=True)
    background = models.TextField(_("background"), blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:objective", args=[self.code])


class ObjectiveAction(models.Model):
    """One lettered action, (a) to (j), through which an objective's commitment is realised."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    letter = models.CharField(_("letter"), max_length=2)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["objective__position", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "letter"], name="unique_action_letter"),
        ]
        verbose_name = _("objective action")
        verbose_name_plural = _("objective actions")

    def __str__(self) -> str:
        return f"({self.letter}) {self.text[:80]}"


class ObjectiveCrossReference(models.Model):
    """A place elsewhere in the GCM that also addresses an objective's theme."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="cross_references",
        verbose_name=_("objective"),
    )
    referenced_objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referenced objective"),
        help_text=_("Empty for sections that are not objectives, such as the preamble."),
    )
    section = models.CharField(_("section"), max_length=300)
    paragraph = models.CharField(_("paragraph"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["objective", "position"]
        verbose_name = _("cross-reference")
        verbose_name_plural = _("cross-references")

    def __str__(self) -> str:
        return f"{self.section} {self.paragraph}".strip()


class GuidingPrinciple(models.Model):
    """One of the ten cross-cutting guiding principles of GCM paragraph 15."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_source = name_source_field(_("source of the name"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:principle", args=[self.slug])


class Region(models.Model):
    """A UN M49 region: Africa, Americas, Asia, Europe or Oceania."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_source = name_source_field(_("source of the name"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:region", args=[self.slug])


class Country(models.Model):
    """A UN Member State as listed by the Hub, identified by its ISO 3166-1 codes."""

    iso3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_source = name_source_field(_("source of the name"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )
    sub_region = models.CharField(_("sub-region"), max_length=100, blank=True)
    intermediate_region = models.CharField(_("intermediate region"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:country", args=[self.iso3])


class CountryAlias(models.Model):
    """Another label for a country, such as the Hub's "Bahamas, The", recognised on import."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("country")
    )
    label = models.CharField(_("label"), max_length=150, unique=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("country alias")
        verbose_name_plural = _("country aliases")

    def __str__(self) -> str:
        return self.label


class DocumentType(models.Model):
    """The form of a resource as the Hub lists it: report, policy brief, toolkit…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_source = name_source_field(_("source of the name"))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:document_type", args=[self.slug])


class Language(models.Model):
    """A language a resource is available in, by its ISO 639-1 code."""

    code = models.CharField(_("ISO 639-1 code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_source = name_source_field(_("source of the name"))
    native_name = models.CharField(_("native name"), max_length=100, blank=True)
    is_un_official = models.BooleanField(_("official UN language"), default=False)
    position = models.PositiveSmallIntegerField(
        _("position"), default=1000, help_text=_("The six UN languages come first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A publisher or implementer of resources, marked as a UN entity or not."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_un_entity = models.BooleanField(_("UN entity"), default=False)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def display_name(self) -> str:
        return self.acronym or self.name


class Keyword(models.Model):
    """A free theme such as "forced criminality" or "online recruitment"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self) -> str:
        return self.name
