"""The whole pipeline gives the same store on one process, two processes and a local Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allymap.pipeline import ingest
from allymap.store import Store

SENTENCES = [
    "La Chine a livré des drones à la Russie, selon Washington.",
    "L'Iran n'a pas condamné l'offensive russe contre l'Ukraine.",
    "Le président français Emmanuel Macron a rencontré Olaf Scholz à Berlin mercredi.",
    "Les États-Unis ont imposé de nouvelles sanctions à la Corée du Nord.",
]


def corpus(tmp_path: Path, seeds_dir: Path) -> list[Path]:
    lines = tmp_path / "more.jsonl"
    with lines.open("w", encoding="utf-8") as fh:
        for i, s in enumerate(SENTENCES * 3):
            fh.write(
                json.dumps(
                    {
                        "id": f"s{i}",
                        "text": f"Article {i}.\n{s}",
                        "lang": "fr",
                        "published": "2024-03-0" + str(1 + i % 9),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        # a language without a parser model: co-occurrence only, and a warning from every runner
        de = "Russland und Nordkorea unterzeichneten in Pjöngjang einen Vertrag über gegenseitigen Beistand."
        fh.write(json.dumps({"id": "de1", "text": de, "lang": "de", "published": "2024-06-19"}) + "\n")
    return [seeds_dir, lines]


def snapshot(db: Path) -> tuple[list[tuple[str, str]], list[str], int]:
    with Store(db) as store:
        arts = sorted((str(a["id"]), str(a["text"])) for a in store.articles())
        events = sorted(e["id"] for e in store.iter_events())
        mentions = store.counts()["mentions"]
    return arts, events, mentions


def test_local_processes_and_dask_cluster_match_one_process(tmp_path: Path, seeds_dir: Path) -> None:
    pytest.importorskip("distributed")
    inputs = corpus(tmp_path, seeds_dir)
    one = ingest(inputs, tmp_path / "one.duckdb", workers=1, batch_size=4)
    two = ingest(inputs, tmp_path / "two.duckdb", workers=2, batch_size=4)
    dask = ingest(inputs, tmp_path / "dask.duckdb", runner="dask", workers=2, batch_size=4)
    assert one.stored == two.stored == dask.stored == 15  # 2 seeds + 12 articles + 1 German
    warning = "article de1: language de has no parser model: co-occurrence relations only (low confidence)"
    assert one.warnings == two.warnings == dask.warnings == [warning]
    assert one.duplicates == 0
    reference = snapshot(tmp_path / "one.duckdb")
    assert reference[1], "the seeds yield events"
    assert snapshot(tmp_path / "two.duckdb") == reference
    assert snapshot(tmp_path / "dask.duckdb") == reference
    again = ingest(inputs, tmp_path / "dask.duckdb", runner="dask", workers=2, batch_size=4)
    assert again.stored == 0 and snapshot(tmp_path / "dask.duckdb") == reference
