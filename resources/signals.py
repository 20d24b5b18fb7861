"""Keep each resource's search index current whenever it or what it is tagged with changes."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from taxonomy.models import Keyword, Organization

from .models import Resource
from .search import index_resources


@receiver(post_save, sender=Resource, dispatch_uid="index_resource_on_save")
def index_saved_resource(sender, instance: Resource, raw: bool = False, **kwargs) -> None:
    index_resources([instance.pk])


@receiver(m2m_changed, sender=Resource.publishers.through, dispatch_uid="index_on_publishers")
@receiver(m2m_changed, sender=Resource.keywords.through, dispatch_uid="index_on_keywords")
@receiver(m2m_changed, sender=Resource.languages.through, dispatch_uid="index_on_languages")
def index_retagged_resource(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index_resources([instance.pk])
    elif pk_set:
        index_resources(list(pk_set))


@receiver(post_save, sender=Organization, dispatch_uid="index_on_organization_rename")
def index_publisher_resources(sender, instance: Organization, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_resources(list(instance.published_resources.values_list("pk", flat=True)))


@receiver(post_save, sender=Keyword, dispatch_uid="index_on_keyword_rename")
def index_keyword_resources(sender, instance: Keyword, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_resources(list(instance.resources.values_list("pk", flat=True)))
