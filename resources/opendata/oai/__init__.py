"""Serve the catalogue over OAI-PMH 2.0 with Dublin Core (``oai_dc``) records.

Identifiers are ``oai:<repository id>:item/<pk>``, where the repository id is the
``HUB_OAI_REPOSITORY_ID`` setting (``objective10-hub`` when unset): the primary key never
changes, so a rename of the item's address leaves its identifier alone. Identifiers of the
earlier form, ``oai:<repository id>:resource/<slug>``, are still accepted and answered
with the record, by the item's current or former slug.

What a harvester sees: every item that ``Resource.objects.published()`` returns, as a full
record; and every item that was public once (``published_at`` is set) and is not public
now, as a header with ``status="deleted"`` and nothing else. Such items are never purged,
so the repository declares ``deletedRecord`` persistent. A record's datestamp is the
item's ``updated_at`` in UTC, which a change to what the record shows moves: a save of the
item, a change of its tags, keywords, publishers or language editions, a new label of a
term it names (database triggers, migration ``resources/0014_harvest_datestamps``), a
rename of one of its editions. Lists are sorted by (datestamp, id) and paged by keyset
through signed resumption tokens, so each page costs the same few queries.
"""
