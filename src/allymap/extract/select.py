"""Which sentences are worth a parse (a gazetteer pass first), and where quotations run."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from allymap.extract.forms import trigger_test
from allymap.extract.langdata import LangData, load_lang
from allymap.nlp import Sentence
from allymap.records import Mention


@dataclass(frozen=True)
class Selection:
    """Sentences chosen for parsing, with each sentence's resolved mentions."""

    chosen: tuple[int, ...]
    mentions: tuple[tuple[Mention, ...], ...]
    total: int

    @property
    def parsed(self) -> int:
        return len(self.chosen)


def mentions_by_sentence(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Resolved mentions of each sentence (a mention belongs to the sentence it starts in)."""
    out: list[list[Mention]] = [[] for _ in sentences]
    ordered = sorted((m for m in mentions if m.code), key=lambda m: m.start)
    si = 0
    for m in ordered:
        while si < len(sentences) and sentences[si].end <= m.start:
            si += 1
        if si < len(sentences) and sentences[si].start <= m.start < sentences[si].end:
            out[si].append(m)
    return out


def _anaphor_pattern(data: LangData) -> re.Pattern[str]:
    words = list(data.cue("anaphora", "pronouns")) + list(data.cue("anaphora", "possessives"))
    numbers = list(data.cue("anaphora", "numbers"))
    groups = list(data.words("anaphora", "group_nouns"))
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    nums = "|".join(numbers) or "x^"
    grp = r"(?:" + nums + r")\s+(?:" + ("|".join(re.escape(g) for g in groups) or "x^") + ")"
    return re.compile(r"(?<!\w)(?:" + alt + "|" + grp + r")(?!\w)", re.IGNORECASE)


def select_sentences(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    data: LangData,
    cue: Callable[[str], bool] | None = None,
) -> Selection:
    """A sentence is parsed when it names two actors, or one actor and a word that may carry a trigger
    or relation (`cue`, by default the language's trigger forms: `forms.trigger_test`), or has such a
    word and a pronoun / "les deux pays" with actors in the two sentences before it."""
    per = mentions_by_sentence(sentences, mentions)
    anaphor = _anaphor_pattern(data)
    if cue is None:
        cue = trigger_test(data.lang) if data is load_lang(data.lang) else data.has_cue
    chosen: list[int] = []
    for i, s in enumerate(sentences):
        n = len(per[i])
        if n >= 2:
            chosen.append(i)
            continue
        if n == 1 or (any(per[j] for j in range(max(0, i - 2), i)) and anaphor.search(s.text)):
            if cue(s.text):
                chosen.append(i)
    return Selection(tuple(chosen), tuple(tuple(p) for p in per), len(sentences))


def quote_spans(text: str, pairs: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """(start, end) of each quotation, quote marks included; an unclosed quote runs to the line end."""
    spans: list[tuple[int, int]] = []
    for pair in pairs:
        opening, closing = pair[0], pair[1]
        if len(opening) == 1 and len(closing) == 1 and opening != "\n":
            _pair_spans(text, opening, closing, spans)
            continue
        start: int | None = None
        for i, ch in enumerate(text):
            if ch == "\n" and start is not None:
                spans.append((start, i))
                start = None
            elif start is None and ch == opening:
                start = i
            elif start is not None and ch == closing:
                spans.append((start, i + 1))
                start = None
        if start is not None:
            spans.append((start, len(text)))
    return sorted(s for s in spans if s[1] - s[0] > 24)


def _pair_spans(text: str, opening: str, closing: str, spans: list[tuple[int, int]]) -> None:
    """`quote_spans` for one pair of single characters, by `str.find` instead of a loop over every
    character: the same spans."""
    pos, size = 0, len(text)
    while (start := text.find(opening, pos)) >= 0:
        close = text.find(closing, start + 1)
        line_end = text.find("\n", start + 1)
        if line_end >= 0 and (close < 0 or line_end <= close):
            spans.append((start, line_end))  # an unclosed quote runs to the line end
            pos = line_end + 1
        elif close >= 0:
            spans.append((start, close + 1))
            pos = close + 1
        else:
            spans.append((start, size))
            return


WORD = re.compile(r"[^\W\d_][\w'’-]*")


def sport_report(text: str, data: LangData) -> bool:
    """Is the document a sports report (cues "sport": at least `min_words` distinct words of its list)?
    Its country names are teams and its "beat", "withdrew", "toured", "conceded" are play, not acts of
    states: PLOVER codes no sport, so no sentence of it is parsed for events."""
    words = data.words("sport", "words")
    need = int(data.cue("sport", "min_words") or 0)
    if not words or need <= 0:
        return False
    seen: set[str] = set()
    for m in WORD.finditer(text):
        w = m.group().lower()
        if w in words:
            seen.add(w)
            if len(seen) >= need:
                return True
    return False
