"""Read inputs (text, HTML, JSON, JSONL(.gz), directories, stdin) into Articles, yielding errors in place."""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

from allymap.errors import InputError
from allymap.ingest.formats import (
    decode_bytes,
    html_article,
    jsonl_article,
    looks_like_html,
    record_article,
    text_article,
)
from allymap.records import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SIDECAR = "meta.json"
CHUNK = 1 << 20

Item = Article | InputError


@dataclass(frozen=True)
class ReadOptions:
    """Limits of one read. A text or HTML file larger than `max_file_bytes` is not an article (a JSONL
    file is streamed, so only each of its lines is capped, at `max_line_bytes`)."""

    max_file_bytes: int = 10_000_000
    max_line_bytes: int = 8_000_000


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass
class _Reading:
    """The state of one `read_inputs` call: its options and the sidecar metadata read so far."""

    options: ReadOptions
    sidecars: dict[Path, dict[str, Any]] = field(default_factory=dict)


def read_inputs(
    paths: Sequence[str | Path],
    stdin: TextIO | None = None,
    max_bytes: int | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Item]:
    """Articles of every input in order: files, directories (recursively, hidden files skipped, a
    `meta.json` beside the files giving their metadata by file stem), JSONL(.gz) streamed line by line,
    and "-" for stdin. An input, or a JSONL line, that cannot be read yields an InputError (its file, line
    and reason) instead, and reading goes on. `max_bytes` overrides `options.max_file_bytes`."""
    opts = options or ReadOptions()
    if max_bytes is not None:
        opts = ReadOptions(max_bytes, opts.max_line_bytes)
    state = _Reading(opts)
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, state)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_dir(path, state)
        elif path.is_file():
            if path.name == SIDECAR:
                yield InputError("a sidecar metadata file, not an article (pass its folder)", str(path))
            else:
                yield from _read_file(path, state)
        elif path.exists():
            yield InputError("not a regular file or directory", str(path))
        else:
            yield InputError("no such file or directory", str(path))


def _read_dir(root: Path, state: _Reading) -> Iterator[Item]:
    for folder, dirs, files in os.walk(root):  # symbolic links to folders are not followed (no loops)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name == SIDECAR:
                continue
            path = Path(folder) / name
            if name.lower().endswith(JSONL_SUFFIXES) or path.is_file():
                yield from _read_file(path, state)


def _sidecar(path: Path, state: _Reading) -> tuple[dict[str, Any], InputError | None]:
    """Metadata of a file from the `meta.json` of its folder, keyed by file stem; read once per folder.
    A sidecar that cannot be read is reported (once) and its files are read without metadata."""
    folder = path.parent
    error = None
    if folder not in state.sidecars:
        meta_path = folder / SIDECAR
        table: dict[str, Any] = {}
        if meta_path.is_file():
            try:
                loaded = json.loads(meta_path.read_text(encoding="utf-8"))
                if not isinstance(loaded, dict):
                    raise ValueError("not an object keyed by file stem")
                table = loaded
            except (OSError, ValueError) as exc:
                error = InputError(f"metadata ignored ({exc})", str(meta_path))
        state.sidecars[folder] = table
    info = state.sidecars[folder].get(path.stem)
    return (info if isinstance(info, dict) else {}), error


def _read_file(path: Path, state: _Reading) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, state)
        return
    if name.endswith(".gz"):
        yield InputError("a compressed file that is not .jsonl.gz or .ndjson.gz", str(path))
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror})", str(path))
        return
    limit = state.options.max_file_bytes
    if size == 0:
        yield InputError("empty file", str(path))
        return
    if size > limit:
        yield InputError(
            f"file too large for one article ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB; split it, "
            "pass a JSONL file, or raise the limit)",
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
    meta, meta_error = _sidecar(path, state)
    if meta_error is not None:
        yield meta_error
    if name.endswith(".json"):
        yield from _json_document(text, path)
    elif name.endswith(HTML_SUFFIXES) or looks_like_html(text):
        yield html_article(text, path.stem, str(path), meta)
    else:
        yield text_article(text, path.stem, str(path), meta)


def _json_document(text: str, path: Path) -> Iterator[Item]:
    """A .json file: one article object (named by its `id` or the file stem), or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"not JSON ({exc.msg} at line {exc.lineno})", str(path))
        return
    if isinstance(data, list):
        for number, obj in enumerate(data, 1):
            yield record_article(obj, f"{path.stem}:{number}", f"{path}[{number}]")
    else:
        yield record_article(data, path.stem, str(path))


def _read_jsonl(path: Path, state: _Reading) -> Iterator[Item]:
    try:
        handle: IO[bytes] = (
            gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")  # type: ignore[assignment]
        )
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror})", str(path))
        return
    with handle:
        yield from _jsonl_stream(handle, str(path), _stem(path), state.options)


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


def _jsonl_stream(lines: _Lines, origin: str, stem: str, options: ReadOptions) -> Iterator[Item]:
    """Articles of a JSONL stream, one line at a time (never the whole stream in memory). A line that is
    too long, not UTF-8, not JSON or without `text` is reported with its number; the others are read."""
    cap = options.max_line_bytes
    number = 0
    seen_any = False
    while True:
        number += 1
        try:
            raw = lines.readline(cap + 1)
            if not raw:
                break
            if len(raw) > cap and not raw.endswith(b"\n"):
                while (rest := lines.readline(CHUNK)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the line
                yield InputError(f"line too long (over {cap / 1e6:g} MB)", origin, number)
                seen_any = True
                continue
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(f"unreadable from here on ({type(exc).__name__}: {exc})", origin, number)
            return
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(f"not UTF-8 (byte 0x{raw[exc.start]:02x})", origin, number)
            continue
        yield jsonl_article(line, origin, number, stem)
    if not seen_any:
        yield InputError("empty file" if number <= 1 else "no article (blank lines only)", origin)


class _EncodedLines:
    """Lines of a text stream as UTF-8 bytes (stdin replaced by a StringIO, in tests)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogateescape")


class _Prefixed:
    """A byte-line source with the lines already read put back in front."""

    def __init__(self, head: bytes, rest: _Lines) -> None:
        self.head = head.splitlines(keepends=True)
        self.rest = rest

    def readline(self, size: int = -1, /) -> bytes:
        if self.head:
            return self.head.pop(0)
        return self.rest.readline(size)


def _read_stdin(stream: TextIO, state: _Reading) -> Iterator[Item]:
    """stdin: JSONL streamed line by line when its first non-blank line opens a JSON object, else one
    article (plain text or HTML) within the file size limit."""
    origin = "<stdin>"
    buffer = getattr(stream, "buffer", None)
    source: _Lines = buffer if buffer is not None else _EncodedLines(stream)
    cap = state.options.max_line_bytes
    head = b""
    while True:
        line = source.readline(cap + 1)
        head += line
        if not line or line.strip():
            break
    if head.lstrip().startswith(b"{"):
        yield from _jsonl_stream(_Prefixed(head, source), origin, "stdin", state.options)
        return
    limit = state.options.max_file_bytes
    parts = [head]
    size = len(head)
    while size <= limit and (chunk := source.readline(CHUNK)):
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        yield InputError(f"input too large for one article (over {limit / 1e6:g} MB)", origin)
        return
    data = b"".join(parts)
    if not data.strip():
        yield InputError("empty input", origin)
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield InputError(str(exc), origin)
        return
    if looks_like_html(text):
        yield html_article(text, "stdin", origin, {})
    else:
        yield text_article(text, "stdin", origin, {})
