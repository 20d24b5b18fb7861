"""Chinese is cut into words for search, quietly, and only when a text has Chinese in it."""

import subprocess
import sys

from resources.search.chinese import segmented


def test_a_clause_is_cut_into_its_words():
    words = segmented("打击贩运人口和偷运移民的国家行动计划").split()
    assert {"贩运", "人口", "偷运", "移民"} <= set(words)


def test_the_index_also_has_the_short_words_inside_long_ones():
    assert "行动计划" in segmented("国家行动计划").split()
    assert {"行动", "计划", "行动计划"} <= set(segmented("国家行动计划", for_index=True).split())


def test_text_around_chinese_keeps_its_words():
    assert segmented("UNODC 打击贩运人口 report").split() == [
        "UNODC",
        "打击",
        "贩运",
        "人口",
        "report",
    ]


def test_text_without_chinese_never_loads_jieba_and_loading_says_nothing():
    script = (
        "import sys\n"
        "from resources.search.chinese import segmented\n"
        "assert segmented('trafficking in persons') == 'trafficking in persons'\n"
        "assert 'jieba' not in sys.modules\n"
        "print(segmented('贩运人口').split())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "['贩运', '人口']"
    assert done.stderr == ""
