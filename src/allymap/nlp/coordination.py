"""Headline names the small parsers misread: "Russia, China veto resolution" joins its opening actors with
a comma where running text writes "and" (read as an apposition), "EU Turkey migrant deal" stacks two names
before a noun where running text writes "EU-Turkey", "France: UK attacks Russia" sets its speaker before a
colon (read as a second subject). Before the parse the comma becomes a coordinator, the space a hyphen and
the colon a full stop, at the same length, so offsets stay."""

from __future__ import annotations

from collections.abc import Sequence

MARK = "&"  # one character, read as a coordinator by the parsers
JOIN = "-"  # one character, joining a pair of names ("US-China talks": extract/items.py)
STOP = "."  # one character, ending the speaker's name before the claim (extract/colon.py reads the colon)


def headline_names(text: str, actors: Sequence[tuple[int, int, str]]) -> str:
    """`text` with its comma coordination and its stacks of two names rewritten (see the module)."""
    return name_stack(comma_coordination(colon_lead(text, actors), actors), actors)


def colon_lead(text: str, actors: Sequence[tuple[int, int, str]]) -> str:
    """`text` with the colon right after an opening actor name ("France: UK attacks Russia") as a stop."""
    spans = sorted(a for a in actors if a[0] >= 0)
    if not spans or text[: spans[0][0]].strip() or text[spans[0][1] : spans[0][1] + 2] != ": ":
        return text
    end = spans[0][1]
    return text[:end] + STOP + text[end + 1 :]


def name_stack(text: str, actors: Sequence[tuple[int, int, str]]) -> str:
    """`text` with the space between two actor names of distinct actors that qualify a lower-case word
    after them ("EU Turkey migrant deal", "US China trade talks") replaced by a hyphen."""
    spans = sorted(a for a in actors if a[0] >= 0)
    out = list(text)
    for (_, end, code), (start, end2, code2) in zip(spans, spans[1:], strict=False):
        after = text[end2 : end2 + 2]
        if (
            start == end + 1
            and text[end] == " "
            and code != code2
            and after[:1] == " "
            and after[1:].islower()
        ):
            out[end] = JOIN
    return "".join(out)


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
