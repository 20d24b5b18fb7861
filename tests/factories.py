"""Build resources, people and reviews for tests; the taxonomy itself comes from the migrations."""

import factory
from django.utils.text import slugify

from resources.models import Kind, Resource, Scope, Status
from review import services
from review.models import Recommendation
from taxonomy.models import Country, DocumentType, Objective, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    acronym = ""
    is_un_entity = False


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published document on Objective 10 unless told otherwise.

    Tags are passed by natural key: ``objectives=["10", "6"]``, ``countries=["NGA"]``,
    ``principles=["human-rights"]``, ``regions=["africa"]``, ``languages=["en"]``,
    ``publishers=[organization]``, ``keywords=[keyword]``, ``actions=["a"]``.
    """

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource number {n}")
    summary = "A resource on migration governance."
    kind = Kind.DOCUMENT
    scope = Scope.GLOBAL
    publication_year = 2022
    status = Status.PUBLISHED
    document_type = factory.LazyFunction(lambda: DocumentType.objects.get(slug="report"))

    @factory.post_generation
    def objectives(self, create, codes, **kwargs):
        if not create:
            return
        codes = ["10"] if codes is None else codes
        self.objectives.set(Objective.objects.filter(code__in=codes))
        if codes and self.primary_objective_id is None:
            # An UPDATE rather than a second save(): a save would index the item for search
            # again (resources.signals), and its indexed text does not name objectives.
            self.primary_objective = Objective.objects.get(code=codes[0])
            Resource.objects.filter(pk=self.pk).update(primary_objective=self.primary_objective)

    @factory.post_generation
    def countries(self, create, codes, **kwargs):
        if not create:
            return
        if codes:
            self.countries.set(Country.objects.filter(iso3__in=codes))

    @factory.post_generation
    def regions(self, create, slugs, **kwargs):
        if not create:
            return
        if slugs:
            self.regions.set(self.regions.model.objects.filter(slug__in=slugs))

    @factory.post_generation
    def principles(self, create, slugs, **kwargs):
        if not create:
            return
        if slugs:
            self.principles.set(self.principles.model.objects.filter(slug__in=slugs))

    @factory.post_generation
    def languages(self, create, codes, **kwargs):
        if not create:
            return
        if codes:
            self.languages.set(self.languages.model.objects.filter(code__in=codes))

    @factory.post_generation
    def actions(self, create, letters, **kwargs):
        if not create:
            return
        if letters:
            self.actions.set(
                self.actions.model.objects.filter(objective__code="10", letter__in=letters)
            )

    @factory.post_generation
    def publishers(self, create, organizations, **kwargs):
        if not create:
            return
        if organizations:
            self.publishers.set(organizations)

    @factory.post_generation
    def keywords(self, create, keywords, **kwargs):
        if not create:
            return
        if keywords:
            self.keywords.set(keywords)


class UserFactory(factory.django.DjangoModelFactory):
    """A confirmed partner account; pass ``groups=["editor"]`` for other roles."""

    class Meta:
        model = "accounts.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    name = factory.LazyAttribute(lambda u: u.username.title())
    organization = None
    affiliation = factory.LazyAttribute(lambda u: u.organization.name if u.organization else "")
    email_confirmed = True
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        from django.contrib.auth.models import Group

        if not create:
            return
        for name in names or ["partner"]:
            self.groups.add(Group.objects.get_or_create(name=name)[0])
        self.save()


class ReviewerFactory(UserFactory):
    """A roster reviewer; ``un=True`` makes them UN-affiliated, confirmed by an editor.

    ``un__confirmed=False`` leaves the UN affiliation claimed but not yet confirmed.
    """

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        from django.contrib.auth.models import Group

        if create:
            for name in names or ["reviewer"]:
                self.groups.add(Group.objects.get_or_create(name=name)[0])
            self.save()

    @factory.post_generation
    def un(self, create, value, **kwargs):
        from django.utils import timezone

        from review.models import ReviewerProfile

        if create:
            confirmed = bool(value) and kwargs.get("confirmed", True)
            ReviewerProfile.objects.create(
                user=self,
                is_un_affiliated=bool(value),
                un_confirmed_at=timezone.now() if confirmed else None,
            )


# A review's scores, one per criterion of ``review.models.CRITERIA``.
SCORES = {
    "relevance": 5,
    "principles": 4,
    "credibility": 4,
    "currency": 3,
    "applicability": 4,
    "accessibility": 5,
    "do_no_harm": 5,
}


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A reviewer assigned to a submitted item by an editor, through the review services.

    Made as the editor's page makes it, so the item moves into review and its history
    records the step. ``declared=True`` also has the reviewer declare no conflict.
    """

    class Meta:
        model = "review.Assignment"

    resource = factory.SubFactory(ResourceFactory, status=Status.SUBMITTED)
    reviewer = factory.SubFactory(ReviewerFactory)
    assigned_by = factory.SubFactory(UserFactory, groups=["editor"])
    declared = False

    @classmethod
    def _create(cls, model_class, *, resource, reviewer, assigned_by, declared):
        assignment = services.assignment_create(
            resource_id=resource.pk, reviewer=reviewer, actor=assigned_by
        )
        if declared:
            services.assignment_declare(
                assignment_id=assignment.pk, actor=reviewer, has_conflict=False
            )
        return assignment


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review given through the review services: assigned, declared free of conflict, sent."""

    class Meta:
        model = "review.Review"

    assignment = factory.SubFactory(AssignmentFactory, declared=True)
    scores = SCORES
    recommendation = Recommendation.ACCEPT
    comments_for_submitter = ""
    confidential_comments = ""

    @classmethod
    def _create(cls, model_class, *, assignment, **answers):
        return services.review_submit(
            assignment_id=assignment.pk, actor=assignment.reviewer, **answers
        )


class RosterApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application to join the review roster, stored as the applicant sent it."""

    class Meta:
        model = "review.RosterApplication"

    applicant = factory.SubFactory(UserFactory)
    statement = "I review studies of trafficking in persons."


def review_by(reviewer, resource, editor, recommendation=Recommendation.ACCEPT, **answers):
    """Have an editor assign a reviewer to an item, and the reviewer review it."""
    return ReviewFactory(
        assignment__resource=resource,
        assignment__reviewer=reviewer,
        assignment__assigned_by=editor,
        recommendation=recommendation,
        **answers,
    )


def full_panel(
    resource, editor, recommendations=(Recommendation.ACCEPT,) * 3, prefix=None, **answers
):
    """Review an item by a full panel, one UN and two non-UN reviewers; return the reviewers.

    ``prefix`` names the reviewers ``<prefix>-un``, ``<prefix>-one`` and ``<prefix>-two``.
    """
    names = (f"{prefix}-un", f"{prefix}-one", f"{prefix}-two") if prefix else (None,) * 3
    reviewers = [
        ReviewerFactory(un=index == 0, **({"username": name} if name else {}))
        for index, name in enumerate(names)
    ]
    for reviewer, recommendation in zip(reviewers, recommendations, strict=True):
        review_by(reviewer, resource, editor, recommendation, **answers)
    return reviewers
