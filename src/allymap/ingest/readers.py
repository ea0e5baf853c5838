"""Read inputs (text, HTML, JSONL(.gz), directories, stdin) into Article records, yielding errors in place."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from allymap.errors import InputError
from allymap.ids import article_id
from allymap.ingest.decode import decode_bytes
from allymap.records import Article

MAX_FILE_BYTES = 10 * 1024 * 1024  # a text or HTML article larger than this is not an article
MAX_LINE_CHARS = 5 * 1024 * 1024  # one JSONL line
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SKIP_NAMES = frozenset({"meta.json"})

Item = Article | InputError


def read_inputs(
    paths: Sequence[str | Path], stdin: TextIO | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Item]:
    """Articles of every input, in order; an input that cannot be read yields an InputError instead."""
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stream(stdin or sys.stdin, "<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or child.name in SKIP_NAMES:
                    continue
                yield from _read_file(child, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes)
        else:
            yield InputError("no such file or directory", str(path))


def _meta_for(path: Path) -> dict[str, Any]:
    """Metadata for a file from a `meta.json` beside it, keyed by file stem."""
    meta_path = path.parent / "meta.json"
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    info = meta.get(path.stem, {}) if isinstance(meta, dict) else {}
    return info if isinstance(info, dict) else {}


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path)
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror})", str(path))
        return
    if size == 0:
        yield InputError("empty file", str(path))
        return
    if size > max_bytes:
        yield InputError(
            f"file too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB; "
            "split it or pass a JSONL file)",
            str(path),
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror})", str(path))
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield InputError(str(exc), str(path))
        return
    meta = _meta_for(path)
    if name.endswith(HTML_SUFFIXES) or _looks_like_html(text):
        from allymap.ingest.html import html_article

        try:
            yield html_article(text, path.stem, str(path), meta)
        except InputError as exc:
            yield exc
        return
    yield _text_article(text, path.stem, str(path), meta)


def _looks_like_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _text_article(text: str, doc: str, origin: str, meta: dict[str, Any]) -> Article | InputError:
    if not text.strip():
        return InputError("no text (only white space)", origin)
    title = meta.get("title")
    if title is None:
        first = text.strip().split("\n", 1)[0].strip()
        if 0 < len(first) <= 200 and not first.endswith((".", ":", ";", ",")):
            title = first
    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=title,
        url=meta.get("url"),
        domain=meta.get("domain"),
        published=meta.get("published"),
        lang=meta.get("language") or meta.get("lang"),
        origin=origin,
    )


def _open_text(path: Path) -> TextIO:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="strict")
    return path.open(encoding="utf-8", errors="strict")


def _read_jsonl(path: Path) -> Iterator[Item]:
    try:
        handle = _open_text(path)
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror})", str(path))
        return
    with handle:
        yield from _jsonl_lines(handle, str(path))


def _read_stream(stream: TextIO, origin: str) -> Iterator[Item]:
    """stdin: JSONL, streamed line by line, when the first non-blank line opens a JSON object; else one
    plain-text article."""
    lines = iter(stream)
    head: list[str] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if head and head[-1].lstrip().startswith("{"):
        yield from _jsonl_lines(itertools.chain(head, lines), origin)
        return
    text = "".join(head) + "".join(lines)
    if not text.strip():
        yield InputError("empty input", origin)
    else:
        yield _text_article(text, "stdin", origin, {})


def _jsonl_lines(handle: Iterable[str], origin: str) -> Iterator[Item]:
    number = 0
    seen_any = False
    try:
        for number, line in enumerate(handle, 1):  # noqa: B007 - number is used after the loop
            if not line.strip():
                continue
            seen_any = True
            if len(line) > MAX_LINE_CHARS:
                yield InputError(f"line too long ({len(line) / 1e6:.1f} M characters)", origin, number)
                continue
            yield _jsonl_article(line, origin, number)
    except UnicodeDecodeError:
        yield InputError("not UTF-8", origin, number + 1)
        return
    except (OSError, EOFError) as exc:
        yield InputError(f"unreadable ({exc})", origin, number + 1)
        return
    if not seen_any:
        yield InputError("empty file", origin)


def _jsonl_article(line: str, origin: str, number: int) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"not JSON ({exc.msg})", origin, number)
    if not isinstance(obj, dict):
        return InputError("not a JSON object", origin, number)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError("no `text` field", origin, number)
    doc = str(obj.get("id") or f"{Path(origin).name.split('.')[0]}:{number}")

    def opt(key: str) -> str | None:
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=opt("title"),
        url=opt("url"),
        domain=opt("domain"),
        published=opt("published") or opt("date"),
        lang=opt("lang"),
        origin=f"{origin}:{number}",
    )
