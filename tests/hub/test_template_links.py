"""Every address in the hub's pages and mails comes from a URL name, never a typed path."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

TYPED_PATH = re.compile(r"""\b(?:href|action|src|formaction)\s*=\s*["']/(?!/)""")
TYPED_ADDRESS = re.compile(r"https?://|\{\{\s*site_url\s*\}\}")


def hub_templates() -> list[Path]:
    """Return the hub's own templates: the project's folder and its apps' folders."""
    base = Path(settings.BASE_DIR).resolve()
    folders = {
        Path(folder).resolve()
        for folder in engines["django"].template_dirs
        if Path(folder).resolve().is_relative_to(base) and ".venv" not in Path(folder).parts
    }
    return sorted(
        path for folder in folders for path in folder.rglob("*") if path.suffix in {".html", ".txt"}
    )


def test_the_scan_sees_the_pages_and_the_mails():
    names = {path.name for path in hub_templates()}
    assert {"base.html", "forbidden.html", "received.txt", "account_confirm.txt"} <= names


@pytest.mark.parametrize("template", hub_templates(), ids=lambda path: path.name)
def test_no_template_types_a_path_of_the_hub(template):
    assert not TYPED_PATH.findall(template.read_text()), (
        f"{template}: use {{% url %}} instead of a typed path"
    )


@pytest.mark.parametrize(
    "template",
    [path for path in hub_templates() if path.parent.name == "email"],
    ids=lambda path: path.name,
)
def test_no_mail_types_an_address(template):
    assert not TYPED_ADDRESS.findall(template.read_text()), (
        f"{template}: links in mails come from hub.mail.site_link"
    )
