"""Open pages in a given interface language, today and once the language prefixes land.

Today the interface language comes from the language cookie; once the addresses carry it
(``/ar/``, ``/zh-hans/``), ``reverse`` under ``translation.override`` gives the prefixed
address. Tests build addresses with ``address_in`` and send the cookie too, so they open
the page in that language either way.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Items in the scripts the layout must handle, for the tests' catalogues.
ARABIC_ITEM = {
    "title": "الاتجار بالأشخاص في سياق الهجرة الدولية: تقرير إقليمي عن الدول العربية",
    "summary": (
        "يستعرض هذا التقرير أنماط الاتجار بالأشخاص في سياق الهجرة الدولية في الدول العربية، "
        "ويقدّم توصيات بشأن تحديد هوية الضحايا وحمايتهم وملاحقة المتّجرين قضائياً، وفقاً "
        "للهدف 10 من الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية. ويتناول التقرير "
        "أيضاً التعاون بين الدول ودور منظمات المجتمع المدني في دعم الناجين وإعادة إدماجهم."
    ),
}
CHINESE_ITEM = {
    "title": "国际移民背景下的贩运人口问题：亚太区域报告",
    "summary": (
        "本报告审查了亚太区域国际移民背景下贩运人口的模式和流向，分析了识别受害者、保护幸存者和"
        "起诉贩运者方面的做法，并根据《安全、有序和正常移民全球契约》目标10提出了建议。报告还"
        "讨论了各国之间的合作以及民间社会组织在支持幸存者重新融入社会方面的作用，并介绍了若干"
        "国家在加强劳动力招聘监管和保护移民工人权利方面取得的经验。"
    ),
}


def address_in(language: str, name: str, *args, query: str = "") -> str:
    """Return the address of a named page in a language (with its prefix, once there is one)."""
    with translation.override(language):
        return reverse(name, args=args) + (f"?{query}" if query else "")


def item_address_in(language: str, resource) -> str:
    """Return an item's page address in a language."""
    with translation.override(language):
        return resource.get_absolute_url()


def choose_language(client_or_page, language: str) -> None:
    """Set the language cookie on a Django test client or a Playwright page's context."""
    name = settings.LANGUAGE_COOKIE_NAME
    if hasattr(client_or_page, "goto"):
        cookie = {"name": name, "value": language, "url": client_or_page.hub_origin}
        client_or_page.context.add_cookies([cookie])
    else:
        client_or_page.cookies[name] = language
