"""Office-holders resolved on the date of the event their sentence states, not only on publication."""

from __future__ import annotations

from datetime import date

import pytest

from allymap.actors import KnowledgeBase, find_mentions
from allymap.extract import RuleExtractor
from allymap.extract.dates import DateResolver, dated_spans
from allymap.extract.langdata import load_lang
from allymap.records import Document

PUBLISHED = "2018-01-01"


def resolver(lang: str = "en", published: str | None = PUBLISHED) -> DateResolver:
    return DateResolver(lang, load_lang(lang).cue("dates"), published)


def events(text: str, lang: str = "en", published: str | None = PUBLISHED) -> list[tuple[str, str, str]]:
    doc = Document("t", "x", text, text, None, lang, published)
    found = RuleExtractor(lang).extract(doc).events
    return [(e.type, ",".join(e.source), ",".join(e.target)) for e in found]


@pytest.mark.parametrize(
    "text, want",
    [
        ("On 5 March 2010, they met.", [date(2010, 3, 5)]),
        ("They met on March 5, 2010.", [date(2010, 3, 5)]),
        ("In March 2010, they met.", [date(2010, 3, 15)]),  # a month: its middle
        ("In 2010, they met.", [date(2010, 7, 1)]),  # a year: its middle
        ("On Tuesday, they met.", []),  # relative: the publication date stays
        ("Last year, they met.", []),
        ("On 5 March, they met.", []),  # no year written
        ("Since 2010, they have met.", []),
        ("In 2010-2011, they met.", []),
        ("In 2030, they will meet.", []),  # after the publication date
    ],
)
def test_absolute_dates(text: str, want: list[date]) -> None:
    assert [day for _, day in resolver().absolute(text)] == want


def test_day_and_month_of_a_written_date_are_read_whole() -> None:
    """ "5 March 2010" is one date, not "March 20" of the publication year."""
    found = resolver().find("On 5 March 2010, they met.")
    assert [(d.text, d.value) for d in found] == [("5 March 2010", "2010-03-05")]


def test_no_publication_date_gives_no_absolute_date() -> None:
    assert resolver(published=None).absolute("In 2010, they met.") == []


def test_dated_spans_split_a_sentence_between_its_dates() -> None:
    text = "In 1995, Rabin met Arafat; Peres had met him in 1985."
    spans = dated_spans([(10, 10 + len(text), text)], resolver())
    middle = 10 + (text.index("In 1995") + text.index("in 1985")) // 2
    assert [(s, e, d.year) for s, e, d in spans] == [(10, middle, 1995), (middle, 10 + len(text), 1985)]


def test_a_person_out_of_office_on_publication_resolves_on_the_span_date() -> None:
    text = "Obama met Sarkozy."
    whole = [(0, len(text), date(2010, 3, 5))]
    dated = {m.text: m.code for m in find_mentions(text, lang="en", on=PUBLISHED, dates=whole)}
    assert dated == {"Obama": "USA", "Sarkozy": "FRA"}
    undated = {m.text: m.code for m in find_mentions(text, lang="en", on=PUBLISHED)}
    assert undated == {"Obama": None, "Sarkozy": None}
    late = [(0, len(text), date(2017, 7, 1))]  # Obama's term ended 2017-01-20, Sarkozy's 2012
    assert {m.code for m in find_mentions(text, lang="en", on=PUBLISHED, dates=late)} == {None}
    half = [(0, 5, date(2010, 3, 5))]  # only the span naming Obama is dated
    assert [m.code for m in find_mentions(text, lang="en", on=PUBLISHED, dates=half)] == ["USA", None]


def test_a_person_in_office_on_publication_keeps_that_actor() -> None:
    text = "Trump met Macron."
    dates = [(0, len(text), date(2010, 7, 1))]
    assert [m.code for m in find_mentions(text, lang="en", on=PUBLISHED, dates=dates)] == ["USA", "FRA"]


@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2010, Obama met Sarkozy in Washington.",
        "In 2010, Obama met Sarkozy in Washington.",
        "In March 2010, Obama met Sarkozy in Washington.",
        "Obama met Sarkozy in Washington on 5 March 2010.",
    ],
)
def test_in_term_on_the_event_date(text: str) -> None:
    assert ("CONSULT", "USA", "FRA") in events(text)


@pytest.mark.parametrize(
    "text",
    [
        "In 2017, Obama met Sarkozy in Washington.",  # both out of office by mid-2017
        "On 5 March 2013, Obama met Sarkozy in Washington.",  # Sarkozy out of office
        "Obama met Sarkozy in Washington.",  # no date: the publication date
        "On Tuesday, Obama met Sarkozy in Washington.",  # relative: the publication date
        "Last year, Obama met Sarkozy in Washington.",
    ],
)
def test_out_of_term_or_undated(text: str) -> None:
    assert not any(src == "USA" and tgt == "FRA" for _, src, tgt in events(text))


@pytest.mark.parametrize(
    "text",
    [
        "Sarkozy, who was president in 2010, criticised Merkel.",  # the date is the aside's
        "Obama, elected in 2008, criticised Putin.",
        "Former president Obama, who met Sarkozy in 2010, criticised Putin.",
        "In 2010, former president Obama criticised Putin.",  # called former: no actor
    ],
)
def test_a_date_in_an_aside_or_a_former_holder_dates_no_main_event(text: str) -> None:
    assert not any(t == "ACCUSE" for t, _, _ in events(text))


def test_a_date_in_an_aside_dates_the_aside() -> None:
    text = "Rabin met Arafat, who had returned to Gaza in 1994, in Cairo in 1995."
    spans = dated_spans([(0, len(text), text)], resolver())
    assert [(text[s:e], d.year) for s, e, d in spans] == [
        (", who had returned to Gaza in 1994", 1994),
        (text, 1995),
    ]
    assert ("CONSULT", "ISR", "PSE") in events(text)


def test_french_shares_the_engine() -> None:
    assert ("CONSULT", "FRA", "USA") in events("En 2010, Sarkozy a rencontré Obama à Washington.", "fr")
    assert ("CONSULT", "FRA", "USA") in events(
        "Le 5 mars 2010, Sarkozy a rencontré Obama à Washington.", "fr"
    )
    assert events("Sarkozy a rencontré Obama à Washington.", "fr") == []
    assert events("En 2015, Sarkozy a rencontré Obama à Washington.", "fr") == []
    assert events("Sarkozy, qui était président en 2010, a critiqué Merkel.", "fr") == []


@pytest.mark.parametrize(
    "name, on, code",
    [
        ("Thatcher", "1985-01-01", "GBR"),
        ("Thatcher", "1991-01-01", None),
        ("John Major", "1995-01-01", "GBR"),
        ("Mitterrand", "1990-01-01", "FRA"),
        ("Kohl", "1990-06-01", "DEU"),
        ("Gorbachev", "1988-01-01", "SUN"),
        ("Yeltsin", "1995-01-01", "RUS"),
        ("Rabin", "1994-01-01", "ISR"),
        ("Arafat", "1993-09-13", "PSE"),
        ("Milosevic", "1995-01-01", "SRB"),
        ("Milosevic", "1999-01-01", "YUG"),
        ("Tudjman", "1995-01-01", "HRV"),
        ("Rafsanjani", "1995-01-01", "IRN"),
        ("Saddam Hussein", "1990-08-02", "IRQ"),
        ("Benazir Bhutto", "1995-01-01", "PAK"),
        ("Kim Il Sung", "1990-01-01", "PRK"),
        ("Suharto", "1995-01-01", "IDN"),
        ("Gaddafi", "2005-01-01", "LBY"),
        ("Gaddafi", "2012-01-01", None),
    ],
)
def test_heads_of_state_and_government_before_2000(name: str, on: str, code: str | None) -> None:
    found = {r.code for r in KnowledgeBase.load().lookup(name, on) if r.kind == "person"}
    assert found == ({code} if code else set())
