"""Headline coordination by comma: "Russia, China veto resolution", "Merkel, Macron meet" join their
opening actors with a comma where running text writes "and"; the small parsers then read an apposition
or an adverb. Before the parse the comma becomes a coordinator of the same length, so offsets stay."""

from __future__ import annotations

from collections.abc import Sequence

MARK = "&"  # one character, read as a coordinator by the parsers


def comma_coordination(text: str, actors: Sequence[tuple[int, int, str]]) -> str:
    """`text` with the commas of an opening chain of actor names ("A, B verb", "A, B, C verb", "A, B and C
    verb"; `actors`: start, end and code of each actor name, offsets in `text`) replaced by the mark,
    when the chain's names stand for distinct actors and a lower-case word follows its last name ("Moscow,
    Russia", "Iran, Syria's ally" stay)."""
    spans = sorted(a for a in actors if a[0] >= 0)
    if not spans or text[: spans[0][0]].strip():
        return text
    chain = [spans[0]]
    for span in spans[1:]:
        if text[chain[-1][1] : span[0]] != ", ":
            break
        chain.append(span)
    after = text[chain[-1][1] :]
    codes = [c for _, _, c in chain]
    if len(chain) < 2 or len(set(codes)) < len(codes) or not (after[:1] == " " and after[1:2].islower()):
        return text
    out = list(text)
    for _, end, _ in chain[:-1]:
        out[end] = MARK
    return "".join(out)
