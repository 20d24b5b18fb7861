"""Segment Chinese text into words, which PostgreSQL's parser cannot do.

The parser splits on spaces and punctuation, so a Chinese clause is one token and a search
for a word inside it finds nothing. Runs of Han characters are cut into words with jieba
before indexing (its search mode, which adds the short words inside long ones: "行动计划"
also gives "行动" and "计划") and before searching (its plain mode). jieba reads its
dictionary in about a second, so it is loaded on the first text that needs it, once per
process and without its log lines; text without Han characters never loads it.
"""

import logging
import re
import threading

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_lock = threading.Lock()
_tokenizer = None


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def _jieba():
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _tokenizer = tokenizer
    return _tokenizer


def segmented(text: str, *, for_index: bool = False) -> str:
    """Return the text with each run of Han characters cut into words separated by spaces."""
    if not has_han(text):
        return text
    tokenizer = _jieba()
    cut = tokenizer.cut_for_search if for_index else tokenizer.cut

    def words(match: re.Match) -> str:
        return " " + " ".join(word for word in cut(match.group(0)) if word.strip()) + " "

    return _HAN.sub(words, text)
