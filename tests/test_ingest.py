"""Ingestion: every kind of input, and every kind of bad input as a one-line error naming the file."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from allymap.cli.main import app
from allymap.errors import InputError
from allymap.ingest import read_inputs
from allymap.records import Article

TEXT = "La Russie et la Corée du Nord ont signé un traité de défense mutuelle à Pyongyang.\n"


def errors_of(items: list[Article | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def test_text_directory_with_sidecar_meta(seeds_dir: Path) -> None:
    items = list(read_inputs([seeds_dir]))
    assert not errors_of(items)
    docs = {a.doc: a for a in items if isinstance(a, Article)}
    assert set(docs) == {"000_95394500cf6a1624", "003_71e05543cb8c0ba9"}
    assert docs["000_95394500cf6a1624"].published == "2024-06-24"
    assert docs["000_95394500cf6a1624"].title.startswith("Les États-Unis surpris")


def test_jsonl_gz_and_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": TEXT, "lang": "fr"}),
        "{broken",
        json.dumps({"id": "c", "title": "x"}),
        json.dumps({"id": "d", "text": TEXT + " Encore.", "published": "2024-06-20"}),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    items = list(read_inputs([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.doc for a in arts] == ["a", "d"]
    assert arts[1].published == "2024-06-20"
    errs = errors_of(items)
    assert [e.line for e in errs] == [2, 3]
    assert f"{path}:2: not JSON" in errs[0].one_line()
    assert "no `text` field" in errs[1].one_line()


def test_html_main_content_and_broken_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "<p>" + TEXT * 3 + "</p>"
    page.write_text(
        f"<html><head><title>Traité</title></head><body><nav>Accueil</nav><article>{body}"
        "</article></body></html>",
        encoding="utf-8",
    )
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><<<</div", encoding="utf-8")
    items = list(read_inputs([page, broken]))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 1 and "Corée du Nord" in arts[0].text and arts[0].title == "Traité"
    assert "broken HTML" in errors_of(items)[0].reason


def test_empty_binary_missing_and_huge_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write((TEXT * 700_000).encode()[: 50 * 1024 * 1024])
    items = list(read_inputs([empty, binary, tmp_path / "missing.txt", huge]))
    reasons = [e.one_line() for e in errors_of(items)]
    assert len(reasons) == 4
    assert reasons[0].startswith(f"{empty}: empty file")
    assert reasons[1].startswith(f"{binary}: binary file")
    assert "no such file or directory" in reasons[2]
    assert reasons[3].startswith(f"{huge}: file too large") and "\n" not in reasons[3]


def test_cp1252_is_decoded_when_certain_and_rejected_otherwise(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président français a rencontré le chancellier allemand à Berlin.".encode("cp1252"))
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 4 + b"abc")
    items = list(read_inputs([latin, noise]))
    arts = [i for i in items if isinstance(i, Article)]
    assert arts and "président français" in arts[0].text
    errs = errors_of(items)
    assert len(errs) == 1 and "not UTF-8" in errs[0].reason and str(noise) in errs[0].one_line()


def test_stdin_plain_text_and_jsonl() -> None:
    arts = list(read_inputs(["-"], stdin=io.StringIO(TEXT)))
    assert isinstance(arts[0], Article) and arts[0].doc == "stdin"
    lines = io.StringIO(json.dumps({"id": "x", "text": TEXT}) + "\n")
    assert [a.doc for a in read_inputs(["-"], stdin=lines) if isinstance(a, Article)] == ["x"]


def test_cli_ingest_is_idempotent_and_bad_runs_lose_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db), "--no-extract"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["ingest", str(seeds_dir), "--db", str(db), "--no-extract"])
    assert again.exit_code == 0
    from allymap.store import Store

    with Store(db) as store:
        assert store.counts()["articles"] == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "nope.txt"), "--db", str(db)])
    assert bad.exit_code == 1
    assert f"{empty}: empty file" in bad.output and "no such file or directory" in bad.output
    with Store(db) as store:
        assert store.counts()["articles"] == 2
    listing = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert listing.exit_code == 0
    assert {json.loads(line)["doc"] for line in listing.output.splitlines()} == {
        "000_95394500cf6a1624",
        "003_71e05543cb8c0ba9",
    }
