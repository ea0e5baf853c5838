"""The DuckDB store: migrations, idempotent upserts, atomic batches."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allymap.clean import clean
from allymap.ids import article_id
from allymap.records import Article, Event, Mention
from allymap.store import VERSION, Store, migrate


def document(text: str, doc: str = "d") -> object:
    return clean(Article(article_id(text), doc, text, lang="fr"))


def event(doc: str) -> Event:
    return Event(
        doc,
        "event",
        "AID",
        "military",
        ("PRK",),
        ("RUS",),
        ("la Corée du Nord",),
        ("la Russie",),
        False,
        False,
        "asserted",
        ("USA",),
        None,
        "la Corée du Nord fournit des armes",
        0,
        10,
        0.8,
        "rules.fr.v1",
    )


def test_migration_from_an_older_version(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=1)
    con.execute("INSERT INTO articles (id, doc, original, text) VALUES ('a', 'd', 'x', 'x')")
    con.close()
    with Store(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == VERSION
        assert store.counts() == {"articles": 1, "mentions": 0, "events": 0}


def test_batch_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_batch([(document("Premier article sur la Russie."), [], [])])
        bad = Mention("d", 0, 5, "Russie", "RUS", "state")
        with pytest.raises(Exception):  # noqa: B017 - any failure must roll the batch back
            store.write_batch([(document("Second article.", "e"), [bad, "not a mention"], [])])  # type: ignore[list-item]
        assert store.counts()["articles"] == 1


def test_events_and_mentions_round_trip(tmp_path: Path) -> None:
    d = document("La Corée du Nord fournit des armes à la Russie.")
    with Store(tmp_path / "r.duckdb") as store:
        store.write_batch([(d, [Mention("d", 3, 16, "Corée du Nord", "PRK", "state")], [event("d")])])
        rec = next(store.iter_events())
        assert rec["source"] == ["PRK"] and rec["claimed_by"] == ["USA"] and rec["extractor"] == "rules.fr.v1"
        assert next(store.iter_mentions())["code"] == "PRK"
        assert store.document(d.article_id).text == d.text  # type: ignore[attr-defined,union-attr]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), min_size=1, max_size=6))
def test_upserting_twice_equals_once(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / f"h{abs(hash(tuple(texts)))}.duckdb"
    docs = [document(t, f"d{i}") for i, t in enumerate(texts)]
    batch = [(d, [], [event(d.doc)]) for d in docs]  # type: ignore[attr-defined]
    with Store(path) as store:
        store.write_batch(batch)
        once = store.counts()
        store.write_batch(batch)
        assert store.counts() == once
        assert once["articles"] == len({d.article_id for d in docs})  # type: ignore[attr-defined]
    path.unlink()


def test_read_only_store_reads_and_refuses_an_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with Store(path) as store:
        store.write_batch([(document("Un article sur la Chine."), [], [])])
    with Store(path, read_only=True) as store:
        assert store.counts()["articles"] == 1
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    migrate(con, target=1)
    con.close()
    from allymap.errors import StoreError

    with pytest.raises(StoreError):
        Store(old, read_only=True)
