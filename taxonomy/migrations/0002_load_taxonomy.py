"""Load the controlled vocabularies from taxonomy/data/ so a fresh database is complete.

Every row is upserted on its natural key, so running the loader again updates rather
than duplicates; the reverse removes exactly the rows the data files name.
"""

import csv
import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

OBJECTIVE_FIELDS = [
    "number", "short_name", "title", "slug", "position",
    "introduction", "commitment", "commitment_reference", "background",
]


def read_json(name):
    """Return the parsed contents of a JSON file in the data folder."""
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def read_csv(name):
    """Return the rows of a CSV file in the data folder as dictionaries."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def upsert(model, rows, key, fields):
    """Insert the rows, or update the listed fields where the natural key exists."""
    model.objects.bulk_create(
        [model(**row) for row in rows],
        update_conflicts=True, unique_fields=key, update_fields=fields,
    )


def alias_rows():
    """Return (ISO3, label) for each Hub label that differs from the name, then the extras."""
    rows = [(c["iso3"], c["hub_label"]) for c in read_csv("countries.csv")
            if c["hub_label"] != c["name"]]
    rows += [(a["iso3"], a["label"]) for a in read_csv("country_aliases.csv")]
    return rows


def load(apps, schema_editor):
    """Create or update every objective, principle, region, country, type and language."""
    Objective = apps.get_model("taxonomy", "Objective")
    ObjectiveAction = apps.get_model("taxonomy", "ObjectiveAction")
    ObjectiveCrossReference = apps.get_model("taxonomy", "ObjectiveCrossReference")
    GuidingPrinciple = apps.get_model("taxonomy", "GuidingPrinciple")
    Region = apps.get_model("taxonomy", "Region")
    Country = apps.get_model("taxonomy", "Country")
    CountryAlias = apps.get_model("taxonomy", "CountryAlias")
    DocumentType = apps.get_model("taxonomy", "DocumentType")
    Language = apps.get_model("taxonomy", "Language")

    objectives = read_json("objectives.json")
    upsert(
        Objective,
        [{"code": o["code"], **{f: o.get(f, "") for f in OBJECTIVE_FIELDS}} for o in objectives],
        ["code"], OBJECTIVE_FIELDS,
    )
    objective_ids = dict(Objective.objects.values_list("code", "pk"))
    actions = [
        {"objective_id": objective_ids[o["code"]], "letter": a["letter"], "text": a["text"]}
        for o in objectives for a in o.get("actions", [])
    ]
    upsert(ObjectiveAction, actions, ["objective", "letter"], ["text"])
    for o in objectives:
        for position, ref in enumerate(o.get("cross_references", []), start=1):
            referenced = ref["referenced_objective"]
            ObjectiveCrossReference.objects.update_or_create(
                objective_id=objective_ids[o["code"]], position=position,
                defaults={
                    "referenced_objective_id": objective_ids[referenced] if referenced else None,
                    "section": ref["section"],
                    "paragraph": ref["paragraph"],
                    "note": ref["note"],
                },
            )

    upsert(GuidingPrinciple, read_json("principles.json"), ["slug"],
           ["name", "description", "position"])
    upsert(Region, read_json("regions.json"), ["slug"],
           ["name", "m49", "description", "position"])
    upsert(DocumentType, read_json("document_types.json"), ["slug"],
           ["name", "description", "position"])

    region_ids = dict(Region.objects.values_list("name", "pk"))
    country_fields = ["iso2", "m49", "name", "sub_region", "intermediate_region"]
    upsert(
        Country,
        [
            {"iso3": c["iso3"], "region_id": region_ids[c["region"]],
             **{f: c[f] for f in country_fields}}
            for c in read_csv("countries.csv")
        ],
        ["iso3"], [*country_fields, "region"],
    )
    country_ids = dict(Country.objects.values_list("iso3", "pk"))
    upsert(
        CountryAlias,
        [{"country_id": country_ids[iso3], "label": label} for iso3, label in alias_rows()],
        ["label"], ["country"],
    )

    upsert(
        Language,
        [
            {"code": lang["code"], "name": lang["name"], "native_name": lang["native_name"],
             "is_un_official": lang["is_un_official"] == "1", "position": int(lang["position"])}
            for lang in read_csv("languages.csv")
        ],
        ["code"], ["name", "native_name", "is_un_official", "position"],
    )


def unload(apps, schema_editor):
    """Delete the rows that load() added, dependants before what they point to."""
    codes = [o["code"] for o in read_json("objectives.json")]
    keys = [
        ("CountryAlias", "label", [label for _, label in alias_rows()]),
        ("Country", "iso3", [c["iso3"] for c in read_csv("countries.csv")]),
        ("Region", "slug", [r["slug"] for r in read_json("regions.json")]),
        ("Language", "code", [lang["code"] for lang in read_csv("languages.csv")]),
        ("DocumentType", "slug", [t["slug"] for t in read_json("document_types.json")]),
        ("GuidingPrinciple", "slug", [p["slug"] for p in read_json("principles.json")]),
        ("ObjectiveCrossReference", "objective__code", codes),
        ("ObjectiveAction", "objective__code", codes),
        ("Objective", "code", codes),
    ]
    for model_name, field, values in keys:
        apps.get_model("taxonomy", model_name).objects.filter(**{f"{field}__in": values}).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
