"""Serve the catalogue over OAI-PMH 2.0 with Dublin Core (``oai_dc``) records.

Identifiers are ``oai:<repository id>:resource/<slug>``, where the repository id is the
``HUB_OAI_REPOSITORY_ID`` setting (``objective10-hub`` when unset); the slug is the item's
public address, so an identifier names the same item as ``/resources/<slug>/``.

What a harvester sees: every item that ``Resource.objects.published()`` returns, as a full
record; and every item that was public once (``published_at`` is set) and is not public
now, as a header with ``status="deleted"`` and nothing else. Such items are never purged,
so the repository declares ``deletedRecord`` persistent. A record's datestamp is the
item's ``updated_at`` in UTC; lists are sorted by (datestamp, id) and paged by keyset
through signed resumption tokens, so each page costs the same few queries.
"""
