"""Ingestion: every kind of input, and every kind of bad input as a one-line error naming the file."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from allymap import api
from allymap.cli.main import app
from allymap.errors import InputError
from allymap.ingest import ReadOptions, read_inputs
from allymap.records import Article, Document, Event, Mention
from allymap.store import Store

TEXT = "La Russie et la Corée du Nord ont signé un traité de défense mutuelle à Pyongyang.\n"
SEEDS = {"000_95394500cf6a1624", "003_71e05543cb8c0ba9"}


def read(*paths: object, **kwargs: object) -> tuple[list[Article], list[InputError]]:
    items = list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def one_error(*paths: object, **kwargs: object) -> InputError:
    arts, errors = read(*paths, **kwargs)
    assert not arts and len(errors) == 1, (arts, errors)
    assert "\n" not in errors[0].one_line()
    return errors[0]


# -- good inputs -------------------------------------------------------------------------------------------
def test_directory_with_sidecar_meta(seeds_dir: Path) -> None:
    arts, errors = read(seeds_dir)
    assert not errors
    docs = {a.doc: a for a in arts}
    assert set(docs) == SEEDS
    first = docs["000_95394500cf6a1624"]
    assert first.published == "2024-06-24" and first.lang == "fr"
    assert first.title is not None and first.title.startswith("Les États-Unis surpris")
    assert docs["003_71e05543cb8c0ba9"].published == "2022-11"  # month precision, as the sidecar says


def test_text_title_from_the_first_lines_without_metadata(tmp_path: Path, seeds_dir: Path) -> None:
    for seed in seeds_dir.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "one_line.txt").write_text("Russia and China sign a pact", encoding="utf-8")
    docs = {a.doc: a for a in read(tmp_path)[0]}
    assert docs["000_95394500cf6a1624"].title == (
        "Les États-Unis surpris par la rapidité avec laquelle la Russie renforce ses alliances avec ses "
        "adversaires"
    )
    # an aggregator prints the title twice under its site name: the repeated line is the title
    assert (
        docs["003_71e05543cb8c0ba9"].title
        == "5 alliés russes qui rendent les États-Unis encore plus étourdis"
    )
    assert docs["one_line"].title is None  # a text of one line is body, not a title


def test_hidden_files_skipped_and_ids_are_content_hashes(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("  " + TEXT.replace(" ", "  "), encoding="utf-8")
    arts, errors = read(tmp_path)
    assert not errors and [a.doc for a in arts] == ["a", "b"]
    assert arts[0].id == arts[1].id  # the same text (white space aside) has the same id


def test_jsonl_fields_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "news.ndjson"
    rows = [
        {
            "id": "a",
            "text": TEXT,
            "lang": "fr-FR",
            "published": "8-1-2019",
            "url": "https://www.lemonde.fr/x",
        },
        {"text": TEXT + "Encore.", "published": "2024-06-20T08:00:00Z", "title": "Titre", "domain": "x.org"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts, errors = read(path)
    assert not errors
    assert (arts[0].doc, arts[0].lang, arts[0].published, arts[0].domain) == (
        "a",
        "fr",
        "2019-01-08",
        "lemonde.fr",
    )
    assert (arts[1].doc, arts[1].published, arts[1].title) == ("news:2", "2024-06-20", "Titre")
    assert arts[1].origin == f"{path}:2"


def test_html_main_content_and_title_from_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{TEXT} Paragraphe {i}.</p>" for i in range(3))
    page.write_text(
        '<html lang="fr"><head><title>Traité de défense</title>'
        '<meta property="article:published_time" content="2024-06-19"></head>'
        f"<body><nav>Accueil</nav><article>{body}</article><footer>© Journal</footer></body></html>",
        encoding="utf-8",
    )
    arts, errors = read(page)
    assert not errors and len(arts) == 1
    assert "Corée du Nord" in arts[0].text and "Accueil" not in arts[0].text
    assert arts[0].title == "Traité de défense" and arts[0].published == "2024-06-19"


def test_stdin_plain_text_jsonl_and_bytes() -> None:
    arts, _ = read("-", stdin=io.StringIO(TEXT))
    assert arts[0].doc == "stdin" and arts[0].text == TEXT
    lines = io.StringIO("\n" + json.dumps({"id": "x", "text": TEXT}) + "\n{bad\n")
    arts, errors = read("-", stdin=lines)
    assert [a.doc for a in arts] == ["x"] and errors[0].line == 3
    raw = io.TextIOWrapper(io.BytesIO(TEXT.encode("cp1252", "replace")), encoding="utf-8")
    assert read("-", stdin=raw)[0][0].text == TEXT


@pytest.mark.shared
def test_shared_corpora_are_read_as_they_are(shared: Path) -> None:
    expected = {"fr-press-2018-2019": 3953, "semeval2023-multilingual": 1612, "bbc-2004-2005": 2225}
    for name, count in expected.items():
        arts, errors = read(shared / "corpus" / f"{name}.jsonl.gz")
        assert not errors and len(arts) == count
        assert all(a.lang in {"fr", "en", "de", "it", "pl", "ru"} for a in arts)
        assert all(a.published is None or len(a.published) == 10 for a in arts)  # "8-1-2019" made ISO


# -- bad inputs: one error each, naming the file (and line), reading goes on ------------------------------
def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert one_error(tmp_path / "empty.txt").one_line() == f"{tmp_path / 'empty.txt'}: empty file [bad-input]"


def test_white_space_only_file(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    assert "only white space" in one_error(tmp_path / "blank.txt").reason


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    assert one_error(tmp_path / "image.txt").reason.startswith("binary file")


def test_binary_file_without_nul_bytes(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65, 66] * 50))
    assert "control characters" in one_error(tmp_path / "data.txt").reason


def test_cp1252_is_decoded_when_certain(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président français a rencontré le chancelier allemand à Berlin.".encode("cp1252"))
    arts, errors = read(latin)
    assert not errors and "président français" in arts[0].text


@pytest.mark.parametrize(
    "data",
    [
        "Россия и Китай подписали соглашение о сотрудничестве.".encode("cp1251"),  # Cyrillic: not cp1252
        "Polska i Niemcy podpisały porozumienie o współpracy.".encode("cp1250"),
        "Le président ".encode() + "a été élu.".encode("cp1252"),  # two encodings in one file
        bytes(range(0x80, 0x100)) * 4,
    ],
    ids=["cp1251", "cp1250", "mixed", "noise"],
)
def test_undecidable_encoding_is_rejected(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "unknown.txt"
    path.write_bytes(data)
    error = one_error(path)
    assert error.reason.startswith("not UTF-8") and error.path == str(path)


def test_file_too_large(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(TEXT.encode())
        fh.truncate(50 * 1024 * 1024)  # 50 MB (sparse: nothing is written)
    assert one_error(huge).reason.startswith("file too large for one article (52.4 MB > 10.0 MB")
    small = ReadOptions(max_file_bytes=40)
    assert one_error(huge, options=small).reason.startswith("file too large")


def test_broken_html(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><div><<<</div", encoding="utf-8")
    assert one_error(broken).reason.startswith("broken HTML")


def test_jsonl_bad_lines_reported_with_their_numbers_others_ingested(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": TEXT}).encode(),
        b"{broken",
        json.dumps({"id": "c", "title": "no text"}).encode(),
        b"\xff\xfe not utf-8",
        b"[1, 2]",
        json.dumps({"id": "f", "text": TEXT + " Encore."}).encode(),
    ]
    with gzip.open(path, "wb") as fh:
        fh.write(b"\n".join(lines) + b"\n")
    arts, errors = read(path)
    assert [a.doc for a in arts] == ["a", "f"]
    assert [e.line for e in errors] == [2, 3, 4, 5]
    assert errors[0].one_line().startswith(f"{path}:2: not JSON")
    assert "no `text` field" in errors[1].reason and "not UTF-8" in errors[2].reason
    assert errors[3].reason == "not a JSON object"


def test_jsonl_line_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "big", "text": "x " * 5000})
    path.write_text(f"{long_line}\n{json.dumps({'id': 'ok', 'text': TEXT})}\n", encoding="utf-8")
    arts, errors = read(path, options=ReadOptions(max_line_bytes=1000))
    assert [a.doc for a in arts] == ["ok"] and errors[0].line == 1 and "line too long" in errors[0].reason


def test_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(json.dumps({"id": i, "text": TEXT * 20}) for i in range(50))).encode())
    path.write_bytes(data[: len(data) // 2])
    arts, errors = read(path)
    assert arts and len(errors) == 1 and "unreadable from here on" in errors[0].reason


def test_missing_path(tmp_path: Path) -> None:
    error = one_error(tmp_path / "missing.txt")
    assert error.one_line() == f"{tmp_path / 'missing.txt'}: no such file or directory [bad-input]"


def test_bad_sidecar_is_reported_and_its_files_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    arts, errors = read(tmp_path)
    assert len(arts) == 1 and len(errors) == 1 and errors[0].path == str(tmp_path / "meta.json")


# -- library and CLI ---------------------------------------------------------------------------------------
def snapshot(db: Path) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return sorted(
            store.con.execute(
                "SELECT id, doc, title, published, text, segments, removed FROM articles"
            ).fetchall()
        )


def test_cli_exit_codes_idempotence_and_nothing_lost(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "t.duckdb"
    runner = CliRunner()
    args = ["--db", str(db), "--no-extract", "--workers", "1"]
    first = runner.invoke(app, ["ingest", str(seeds_dir), *args])
    assert first.exit_code == 0, first.output
    stored = snapshot(db)
    again = runner.invoke(app, ["ingest", str(seeds_dir), *args])
    assert again.exit_code == 0 and snapshot(db) == stored and len(stored) == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "nope.txt"), *args])
    assert bad.exit_code == 1
    assert f"{empty}: empty file [bad-input]" in bad.output and "no such file or directory" in bad.output
    assert snapshot(db) == stored
    piped = runner.invoke(app, ["ingest", "-", *args], input=TEXT)
    assert piped.exit_code == 0 and len(snapshot(db)) == 3
    stored = snapshot(db)
    mixed = runner.invoke(app, ["ingest", str(empty), str(seeds_dir), *args])
    assert mixed.exit_code == 0  # something was read: the rejections are reported, the run succeeds
    listing = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"])
    assert listing.exit_code == 0
    assert {json.loads(line)["doc"] for line in listing.output.splitlines()} == SEEDS | {"stdin"}
    csv_out = runner.invoke(app, ["articles", "000_95394500cf6a1624", "--db", str(db), "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.output.startswith("id,doc,title")
    missing = runner.invoke(app, ["articles", "nothing-like-this", "--db", str(db)])
    assert missing.exit_code == 1


def test_interrupted_run_keeps_the_batches_stored_before(tmp_path: Path) -> None:
    from allymap.pipeline import ingest

    path = tmp_path / "news.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"n{i}", "text": f"{TEXT} Numéro {i}."}) + "\n" for i in range(6))
    )
    db = tmp_path / "i.duckdb"
    calls: list[str] = []

    def explode_on_the_third(document: Document) -> tuple[list[Mention], list[Event]]:
        calls.append(document.doc)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return [], []

    with pytest.raises(KeyboardInterrupt):
        ingest([path], db, workers=1, batch_size=2, process=explode_on_the_third)
    with Store(db) as store:
        assert sorted(r["doc"] for r in store.articles()) == ["n0", "n1"]
    report = ingest([path], db, workers=1, batch_size=2, extract=False)
    assert (report.read, report.stored, report.duplicates) == (6, 4, 2)


def test_process_hook_results_are_stored_with_the_document(tmp_path: Path) -> None:
    def process(document: Document) -> tuple[list[Mention], list[Event]]:
        start = document.text.index("Corée du Nord")
        mention = Mention(document.doc, start, start + 13, "Corée du Nord", "PRK", "state")
        event = Event(
            document.doc, "event", "AGREE", None, ("RUS", "PRK"), (), ("La Russie", "la Corée du Nord"), (),
            True, False, "asserted", None, None, document.text, 0, len(document.text), 0.9, "test.v1",
        )  # fmt: skip
        return [mention], [event]

    progress: list[int] = []
    report = api.ingest(
        ["-"],
        tmp_path / "p.duckdb",
        stdin=io.StringIO(TEXT),
        process=process,
        progress=lambda r: progress.append(r.read),
    )
    assert (report.stored, report.mentions, report.events, progress) == (1, 1, 1, [1])
    [row] = api.articles(tmp_path / "p.duckdb")
    assert api.articles(tmp_path / "p.duckdb", id=row["id"][:8])[0]["doc"] == "stdin"
    assert api.stored_events(tmp_path / "p.duckdb")[0]["extractor"] == "test.v1"
