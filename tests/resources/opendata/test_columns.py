"""The records' vocabulary columns come from the browse parameter declarations."""

from resources.opendata.records import columns
from resources.vocabulary import BY_NAME, PARAMETERS, TermParameter


def test_every_declared_parameter_has_its_column_in_the_files():
    for declared in PARAMETERS:
        assert declared.column in columns.COLUMN_NAMES, declared.parameter


def test_a_newly_declared_facet_gets_its_code_and_label_columns(monkeypatch):
    topic = TermParameter(
        parameter="topic",
        label="Topic",
        description="Topic, by slug.",
        relation="keywords",
        code_field="slug",
        label_field="name",
        column="topics",
    )
    monkeypatch.setattr(columns, "PARAMETERS", (*PARAMETERS, topic))
    monkeypatch.setitem(BY_NAME, "topic", topic)
    added = columns.unplaced_columns(columns.COLUMNS)
    assert [column.name for column in added] == ["topics", "topic_names"]
    assert [column.public for column in added] == [True, True]
    assert [column.backup for column in added] == [True, False]
