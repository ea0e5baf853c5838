"""The DuckDB store: migrations, idempotent upserts, atomic batches, readers for the later stages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allymap.clean import clean
from allymap.errors import StoreError
from allymap.ids import article_id
from allymap.records import Article, Document, Event, Mention
from allymap.registry import stores
from allymap.store import MIGRATIONS, VERSION, Store, current_version, migrate


def document(text: str, doc: str = "d") -> Document:
    return clean(Article(article_id(text), doc, text, lang="fr", origin=f"{doc}.txt"))


def event(doc: str, type_: str = "AID", confidence: float = 0.8, extractor: str = "rules.fr.v1") -> Event:
    return Event(
        doc, "event", type_, "military", ("PRK",), ("RUS",), ("la Corée du Nord",), ("la Russie",),
        False, False, "asserted", ("USA",), "2024-06-19", "la Corée du Nord fournit des armes", 0, 10,
        confidence, extractor,
    )  # fmt: skip


def test_migrations_are_ordered_and_versioned() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, VERSION + 1))
    con = duckdb.connect()
    assert current_version(con) == 0 and migrate(con) == VERSION and migrate(con) == VERSION
    versions = con.execute("SELECT list(version ORDER BY version) FROM schema_version").fetchone()
    assert versions is not None and versions[0] == list(range(1, VERSION + 1))


def test_an_old_version_file_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=1)
    con.execute("INSERT INTO articles (id, doc, original, text) VALUES ('a', 'd', 'x', 'x')")
    con.close()
    with pytest.raises(StoreError, match="schema is version 1"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.version == VERSION
        assert store.counts() == {"articles": 1, "mentions": 0, "events": 0}
    with Store(path, read_only=True) as store:  # now current: readable without writing
        assert store.articles("a")[0]["doc"] == "d"


def test_read_only_store_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_registered_as_duckdb(tmp_path: Path) -> None:
    with stores.create("duckdb", path=tmp_path / "r.duckdb") as store:
        assert isinstance(store, Store)


def test_a_failed_batch_leaves_earlier_data_intact(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([(document("Premier article sur la Russie."), [], [])])
        bad = Mention("d", 0, 5, "Russie", "RUS", "state")
        with pytest.raises(Exception):  # noqa: B017 - any failure must roll the whole batch back
            store.write_batch([(document("Second article.", "e"), [bad, "not a mention"], [])])  # type: ignore[list-item]
        with pytest.raises(KeyboardInterrupt), store.transaction():
            store.upsert_documents([document("Troisième article.", "f")])
            raise KeyboardInterrupt
        assert [r["doc"] for r in store.articles()] == ["d"]


def test_documents_round_trip_with_their_offset_map(tmp_path: Path) -> None:
    d = document("Un titre\nPUBLICITÉ\nLa Corée du Nord fournit des armes à la Russie.\n")
    with Store(tmp_path / "r.duckdb") as store:
        assert store.upsert_documents([d, d]) == 1 and store.upsert_documents([d]) == 0
        assert store.document(d.article_id) == d
        assert store.articles(d.article_id[:6])[0]["origin"] == "d.txt"
        assert store.document("nope") is None


def test_upsert_mentions_and_events_for_the_extraction_stage(tmp_path: Path) -> None:
    d = document("La Corée du Nord fournit des armes à la Russie.")
    mention = Mention("d", 3, 16, "Corée du Nord", "PRK", "state", candidates=("PRK",))
    with Store(tmp_path / "u.duckdb") as store:
        with pytest.raises(StoreError, match="store its document first"):
            store.upsert_events(d.article_id, [event("d")])
        store.upsert_documents([d])
        for _ in range(2):
            store.upsert_mentions(d.article_id, [mention, mention])
            store.upsert_events(d.article_id, [event("d"), event("d", "COOPERATE")])
        assert store.counts() == {"articles": 1, "mentions": 1, "events": 2}
        store.upsert_events(d.article_id, [event("d", confidence=0.3)])  # same id: updated in place
        assert {e.type: e.confidence for e in store.events(doc="d")} == {"AID": 0.3, "COOPERATE": 0.8}
        store.upsert_events(d.article_id, [event("d", "SUPPORT")], replace=True)  # a new run replaces
        store.upsert_events(d.article_id, [event("d", "REJECT", extractor="llm.v1")])
        assert [e.type for e in store.events(extractor="rules.fr.v1")] == ["SUPPORT"]
        types = sorted(r["type"] for r in store.iter_events(article_id=d.article_id, kind="event"))
        assert types == ["REJECT", "SUPPORT"]
        rec = next(store.iter_events(extractor="llm.v1"))
        assert rec["source"] == ["PRK"] and rec["claimed_by"] == ["USA"] and rec["article_id"] == d.article_id
        assert store.events(extractor="llm.v1")[0] == event("d", "REJECT", extractor="llm.v1")
        assert next(store.iter_mentions(doc="d"))["candidates"] == ["PRK"]
        store.upsert_mentions(
            d.article_id, [replace(mention, start=30, end=36, text="Russie", code="RUS")], replace=True
        )
        assert [m["code"] for m in store.iter_mentions(d.article_id)] == ["RUS"]


texts = st.lists(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), min_size=1, max_size=6)


@settings(max_examples=25, deadline=None)
@given(texts)
def test_upserting_any_articles_twice_equals_once(parts: list[str]) -> None:
    docs = [document(t, f"d{i}") for i, t in enumerate(parts)]
    batch: list[tuple[Document, list[Mention], list[Event]]] = [(d, [], [event(d.doc)]) for d in docs]
    with Store(":memory:") as store:
        store.write_batch(batch)
        once = (
            store.counts(),
            store.con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id").fetchall(),
        )
        store.write_batch(batch)
        store.upsert_documents(docs)
        assert (
            store.counts(),
            store.con.execute("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY id").fetchall(),
        ) == once
        assert once[0]["articles"] == len({d.article_id for d in docs})
