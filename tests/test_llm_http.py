"""The LLM extractor against a real OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies."""

from __future__ import annotations

import inspect
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from allymap import api
from allymap.llm import (
    PROMPT_VERSION,
    LLMError,
    LLMExtractor,
    LLMHTTPError,
    LLMResponseError,
    LLMTimeout,
    LLMUnavailable,
)
from allymap.records import EVENT_FIELDS, Document, Event, Mention
from allymap.registry import extractors

# A French text of our own, published on Friday 2024-09-20 ("jeudi" is 2024-09-19), with typographic
# apostrophes and a line break the model will not reproduce exactly.
TEXT = (
    "Le Kazakhstan et l’Ouzbékistan ont signé jeudi à Astana un accord de coopération énergétique.\n"
    "La Turquie, membre de l’OTAN, a salué cet accord. Selon l’agence Interfax, la Russie aurait\n"
    "livré des drones au Mali."
)
PUBLISHED = "2024-09-20"


def rec(type_: str, source: list[str], target: list[str], evidence: str, **more: Any) -> dict[str, Any]:
    return {"kind": "event", "type": type_, "source": source, "target": target, "evidence": evidence, **more}


GOOD = [
    rec(
        "AGREE",
        ["KAZ"],
        ["UZB"],
        "Le Kazakhstan et l'Ouzbékistan ont signé jeudi à Astana un accord de coopération énergétique",
        mode="economic",
        symmetric=True,
        date="2024-09-19",
        confidence=0.9,
    ),
    {
        "kind": "relation",
        "type": "MEMBER",
        "source": ["TUR"],
        "target": ["NATO"],
        "evidence": "La Turquie, membre de l'OTAN",
    },
    rec("SUPPORT", ["TUR"], ["KAZ", "UZB"], "La Turquie, membre de l'OTAN, a salué cet accord"),
    rec(
        "AID",
        ["RUS"],
        ["MLI"],
        "la Russie aurait livré des drones au Mali",
        mode="military",
        modality="alleged",
        claimed_by=["Interfax"],
    ),
]


def answer(records: list[Any]) -> str:
    return json.dumps({"records": records}, ensure_ascii=False)


@dataclass
class Reply:
    """One scripted reply: a chat completion with `content`, or `raw` bytes; late or trickling."""

    content: str | None = None
    status: int = 200
    raw: bytes | None = None
    delay: float = 0.0
    trickle: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"

    def payload(self) -> bytes:
        if self.raw is not None:
            return self.raw
        choice = {"index": 0, "message": {"role": "assistant", "content": self.content}}
        body = {
            "id": "x",
            "object": "chat.completion",
            "choices": [{**choice, "finish_reason": self.finish_reason}],
        }
        return json.dumps(body, ensure_ascii=False).encode()


class FakeLLM(ThreadingHTTPServer):
    """/v1/chat/completions answering from `script` (then `default`), counting requests."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[Reply] = []
        self.default = Reply(content=answer([]))
        self.bodies: list[dict[str, Any]] = []
        self.auth: list[str | None] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    @property
    def requests(self) -> int:
        return len(self.bodies)

    def user_message(self, i: int = -1) -> str:
        return str(self.bodies[i]["messages"][1]["content"])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeLLM

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        with self.server.lock:
            self.server.bodies.append(body)
            self.server.auth.append(self.headers.get("Authorization"))
            reply = self.server.script.pop(0) if self.server.script else self.server.default
        if self.path != "/v1/chat/completions":
            reply = Reply(status=404, raw=b'{"error": {"message": "no such route"}}')
        try:
            if reply.delay and self.server.stopping.wait(reply.delay):
                return
            payload = reply.payload()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not reply.trickle:
                self.wfile.write(payload)
                return
            for byte in payload:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                if self.server.stopping.wait(reply.trickle):
                    return
        except OSError:  # the client gave up
            pass


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    srv = FakeLLM()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.stopping.set()
    srv.shutdown()
    srv.server_close()


def make(server: FakeLLM, tmp_path: Path, **kw: Any) -> LLMExtractor:
    kw = {"model": "test-model", "cache_dir": tmp_path / "cache", "backoff": 0.01, "timeout": 5.0, **kw}
    return LLMExtractor(server.url, **kw)


def run(ex: LLMExtractor, text: str = TEXT, **kw: Any) -> list[Event]:
    return ex.extract(text, kw.pop("doc", "kz"), kw.pop("lang", "fr"), kw.pop("published", PUBLISHED), **kw)


def test_good_answer_gives_contract_records(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Reply(content=answer(GOOD))]
    events = run(make(server, tmp_path))
    assert [e.type for e in events] == ["AGREE", "MEMBER", "SUPPORT", "AID"]
    for e in events:
        assert TEXT[e.start : e.end] == e.evidence  # offsets found in the text, not taken from the model
        assert e.extractor == f"llm.v1.{PROMPT_VERSION}" and e.doc == "kz"
        assert list(e.to_record()) == list(EVENT_FIELDS)
    agree, member, support, aid = events
    assert agree.evidence.startswith("Le Kazakhstan et l’Ouzbékistan")  # the text's own apostrophe
    assert (agree.date, agree.symmetric, agree.mode, agree.confidence) == (
        "2024-09-19",
        True,
        "economic",
        0.9,
    )
    assert (member.kind, member.target, member.date) == ("relation", ("NATO",), None)
    assert support.target == ("KAZ", "UZB")
    assert (aid.modality, aid.claimed_by, aid.negated) == ("alleged", ("Interfax",), False)
    assert "aurait\nlivré" in aid.evidence  # found across the line break
    sent = server.bodies[0]
    assert sent["model"] == "test-model" and sent["response_format"] == {"type": "json_object"}
    assert "Publication date: 2024-09-20" in server.user_message() and TEXT in server.user_message()


def test_invalid_and_unfounded_records_are_dropped_and_counted(server: FakeLLM, tmp_path: Path) -> None:
    bad_type = rec("FRIENDSHIP", ["TUR"], ["KAZ"], "La Turquie, membre de l'OTAN, a salué cet accord")
    invented = rec("ASSAULT", ["CHN"], ["TWN"], "la Chine a envahi Taïwan")
    server.script = [Reply(content=answer([GOOD[0], bad_type, invented, "not a record"]))]
    ex = make(server, tmp_path)
    events = run(ex)
    assert [e.type for e in events] == ["AGREE"]
    s = ex.stats
    assert (s.dropped_invalid, s.dropped_evidence, s.records, s.errors) == (2, 1, 1, 0)
    assert any("FRIENDSHIP" in p for p in s.problems) and any("Taïwan" in p for p in s.problems)
    assert all("\n" not in p for p in s.problems)


def test_fenced_json_with_prose_is_read(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Reply(content="Voici les événements :\n```json\n" + answer(GOOD[:2]) + "\n```\nVoilà.")]
    assert [e.type for e in run(make(server, tmp_path))] == ["AGREE", "MEMBER"]


def test_garbage_answer_is_counted_not_cached_and_raised_when_strict(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content="Je ne peux pas répondre à cette question.")
    ex = make(server, tmp_path)
    assert run(ex) == []
    assert ex.stats.errors == 1 and "not JSON" in ex.stats.problems[0]
    assert run(ex) == [] and server.requests == 2  # a bad answer is not cached
    with pytest.raises(LLMResponseError) as info:
        run(make(server, tmp_path, strict=True))
    assert "\n" not in str(info.value) and "[llm-bad-answer]" in str(info.value)


@pytest.mark.parametrize(
    "reply",
    [
        Reply(content='{"events": []}'),  # wrong shape
        Reply(content='{"records": "none"}'),
        Reply(raw=b"<html>proxy error</html>"),  # not a chat completion at all
        Reply(raw=b'{"choices": []}'),
        Reply(content='{"records": [{"type": "AGREE", "sou', finish_reason="length"),
    ],
)
def test_malformed_replies_are_one_line_errors(server: FakeLLM, tmp_path: Path, reply: Reply) -> None:
    server.default = reply
    ex = make(server, tmp_path)
    assert run(ex) == [] and ex.stats.errors == 1
    with pytest.raises(LLMResponseError) as info:
        run(make(server, tmp_path, strict=True))
    assert "\n" not in str(info.value)


def test_500_then_success_is_retried(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [
        Reply(status=500, raw=b'{"error": {"message": "overloaded"}}'),
        Reply(content=answer(GOOD)),
    ]
    ex = make(server, tmp_path)
    assert len(run(ex)) == 4
    assert (server.requests, ex.stats.retries, ex.stats.requests) == (2, 1, 2)


def test_429_honours_retry_after_and_retries_are_bounded(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Reply(status=429, raw=b"{}", headers={"Retry-After": "0"}), Reply(content=answer(GOOD))]
    assert len(run(make(server, tmp_path))) == 4
    server.default = Reply(status=503, raw=b'{"error": {"message": "model is loading"}}')
    ex = make(server, tmp_path, max_retries=2, cache=False)
    with pytest.raises(LLMHTTPError) as info:
        run(ex, text="Autre texte.")
    assert info.value.status == 503 and "model is loading" in str(info.value)
    assert ex.stats.requests == 3 and ex.stats.retries == 2 and ex.stats.errors == 1


def test_client_errors_are_not_retried(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(status=404, raw=b'{"error": {"message": "model test-model not found"}}')
    ex = make(server, tmp_path, json_mode=False)
    with pytest.raises(LLMHTTPError, match="HTTP 404 .*model test-model not found"):
        run(ex)
    assert server.requests == 1


def test_a_server_without_json_mode_is_asked_again_without_it(server: FakeLLM, tmp_path: Path) -> None:
    refusal = b'{"error": {"message": "response_format is not supported"}}'
    server.script = [Reply(status=400, raw=refusal), Reply(content=answer(GOOD))]
    assert len(run(make(server, tmp_path))) == 4
    assert "response_format" in server.bodies[0] and "response_format" not in server.bodies[1]


def test_slow_server_times_out_clearly_within_bounded_time(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content=answer(GOOD), delay=30.0)
    ex = make(server, tmp_path, timeout=0.3, max_retries=1)
    began = time.monotonic()
    with pytest.raises(LLMTimeout) as info:
        run(ex)
    assert time.monotonic() - began < 3.0
    assert "no answer within 0.3 s after 2 attempt(s)" in str(info.value) and "\n" not in str(info.value)
    assert server.requests == 2 and ex.stats.errors == 1


def test_a_trickling_body_cannot_hold_the_extractor(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content=answer(GOOD), trickle=0.05)  # each byte in time, the whole far too late
    began = time.monotonic()
    with pytest.raises(LLMTimeout):
        run(make(server, tmp_path, timeout=0.5, max_retries=0))
    assert time.monotonic() - began < 3.0


def test_connection_refused_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ex = LLMExtractor(f"http://127.0.0.1:{port}/v1", "m", cache_dir=tmp_path, max_retries=1, backoff=0.01)
    with pytest.raises(LLMUnavailable) as info:
        run(ex)
    message = str(info.value)
    assert "\n" not in message and "cannot connect" in message and f":{port}/v1" in message
    assert isinstance(info.value, LLMError)


def test_cache_means_no_second_request(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content=answer(GOOD))
    first = run(make(server, tmp_path))
    again = make(server, tmp_path)  # a new run over the same cache directory
    assert run(again) == first and server.requests == 1
    assert again.stats.cache_hits == 1 and again.stats.requests == 0
    run(again, published="2024-09-21")  # a different publication date is a different question
    run(make(server, tmp_path, model="other-model"))
    assert server.requests == 3
    run(make(server, tmp_path, cache=False))
    assert server.requests == 4


def test_document_interface_sends_mentions_as_hints(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content=answer(GOOD[3:]))
    at = TEXT.index("la Russie")
    mentions = [
        Mention("kz", at, at + 9, "la Russie", "RUS", "state"),
        Mention("kz", 0, 2, "Le", None, "ner"),
    ]
    doc = Document("a1", "kz", TEXT, TEXT, None, "fr", PUBLISHED)
    ex = make(server, tmp_path)
    result = ex.extract_document(doc, mentions)
    assert [e.type for e in result.events] == ["AID"] and result.mentions == tuple(mentions)
    assert result.events[0].source_text == ("la Russie",)  # from the mentions when the model gave none
    assert "- «la Russie» → RUS (state)" in server.user_message() and "«Le»" not in server.user_message()
    # without mentions given, the gazetteer (allymap.actors) supplies the hints
    assert [e.type for e in ex(doc)] == ["AID"] and "→ MLI" in server.user_message()
    make(server, tmp_path, hints=False)(doc)
    assert "(none)" in server.user_message()


def test_api_key_from_the_environment(
    server: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALLYMAP_LLM_API_KEY", "sk-local")
    run(make(server, tmp_path))
    run(make(server, tmp_path, api_key="sk-given"), text="Autre texte.")
    assert server.auth == ["Bearer sk-local", "Bearer sk-given"]


def test_registry_creates_it_and_rules_stay_the_default(server: FakeLLM, tmp_path: Path) -> None:
    server.default = Reply(content=answer(GOOD))
    ex = extractors.create("llm", base_url=server.url, model="m", cache_dir=tmp_path, lang="fr")
    assert isinstance(ex, LLMExtractor) and "llm" in extractors.names()
    assert len(run(ex)) == 4
    assert inspect.signature(api.extract).parameters["extractor"].default == "rules"


def test_settings_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLYMAP_LLM_URL", raising=False)
    with pytest.raises(LLMError, match="no LLM server"):
        extractors.create("llm")
    with pytest.raises(LLMError, match="must start with http"):
        LLMExtractor("127.0.0.1:8080/v1", "m")


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import allymap.llm as llm

    monkeypatch.setattr(llm, "find_spec", lambda name: None if name == "httpx" else object())
    with pytest.raises(LLMError, match=r"pip install 'allymap\[llm\]'"):
        extractors.create("llm", base_url="http://127.0.0.1:1/v1")


def test_cli_extract_with_the_llm_extractor(
    server: FakeLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`allymap extract --extractor llm`: read, clean, send each article, print EVENTS.md records."""
    from typer.testing import CliRunner

    from allymap.cli.main import app

    monkeypatch.setenv("ALLYMAP_LLM_CACHE", str(tmp_path / "cache"))
    article = tmp_path / "kz.txt"
    article.write_text(TEXT + "\n", encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"kz": {"published": PUBLISHED, "language": "fr"}}))
    server.script = [Reply(content=answer(GOOD))]
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(article),
            "--extractor",
            "llm",
            "--llm-url",
            server.url,
            "--llm-model",
            "test-model",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert records and all(list(r) == list(EVENT_FIELDS) for r in records)
    agree = next(r for r in records if r["type"] == "AGREE")
    assert agree["source"] == ["KAZ"] and agree["doc"] == "kz" and agree["date"] == "2024-09-19"
    assert server.requests == 1
