"""The API answers its labels in the language asked for: ``?lang=``, else Accept-Language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Django's own French catalogue translates the message of an unknown choice.
FRENCH_UNKNOWN_CHOICE = "Sélectionnez un choix valide"


def test_without_a_preference_the_api_answers_in_english(client, catalogue):
    response = client.get(reverse("api:kind-list"))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    assert response.json()[0]["url"].startswith("http://testserver/resources/?kind=")


def test_the_browser_language_decides_when_no_lang_is_given(client, catalogue):
    response = client.get(reverse("api:kind-list"), HTTP_ACCEPT_LANGUAGE="de, fr-CH;q=0.8")
    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]
    # Links to the hub's pages lead to the pages in that language; the API keeps its address.
    [kind, *_] = response.json()
    assert kind["url"].startswith("http://testserver/fr/resources/?kind=")
    assert kind["resources_url"].startswith("http://testserver/api/resources/?kind=")


def test_lang_wins_over_the_browser_language(client, catalogue):
    response = client.get(
        reverse("api:resource-list"),
        {"lang": "es", "country": "nowhere"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response["Content-Language"] == "es"
    assert "Escoja una opción válida" in response.json()["errors"]["country"][0]
    assert client.get(reverse("api:country-list"), {"lang": "zh-Hans"})["Content-Language"] == (
        "zh-hans"
    )


def test_labels_follow_the_language(client, catalogue):
    english = client.get(reverse("api:resource-list"), {"country": "nowhere"})
    french = client.get(reverse("api:resource-list"), {"country": "nowhere", "lang": "fr"})
    assert FRENCH_UNKNOWN_CHOICE not in english.json()["errors"]["country"][0]
    assert FRENCH_UNKNOWN_CHOICE in french.json()["errors"]["country"][0]


@pytest.mark.parametrize("value", ["xx", "", "english", "fr-FR"])
def test_an_unknown_lang_answers_400_naming_the_parameter(client, catalogue, value):
    response = client.get(reverse("api:objective-list"), {"lang": value}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert FRENCH_UNKNOWN_CHOICE in body["errors"]["lang"][0]


def test_the_schema_declares_lang_on_every_operation(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = {parameter["name"]: parameter for parameter in operation["parameters"]}
            assert "lang" in declared, (method, path)
            assert declared["lang"]["schema"]["enum"] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
            assert "400" in operation["responses"], (method, path)
