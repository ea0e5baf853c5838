"""HTML input: main content and metadata through trafilatura."""

from __future__ import annotations

from typing import Any

from allymap.errors import InputError
from allymap.ids import article_id
from allymap.records import Article


def html_article(html: str, doc: str, origin: str, meta: dict[str, Any]) -> Article:
    """The article of an HTML page; InputError when no main content can be found (broken HTML)."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        raise InputError(f"broken HTML ({type(exc).__name__})", origin) from None
    if extracted is None:
        raise InputError("broken HTML: no main content found", origin)
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = (data.get("text") or "").strip()
    if len(text) < 20:
        raise InputError("broken HTML: no main content found", origin)
    title = meta.get("title") or data.get("title")
    return Article(
        id=article_id(text),
        doc=doc,
        text=text,
        title=title,
        url=meta.get("url") or data.get("url"),
        domain=meta.get("domain") or data.get("hostname"),
        published=meta.get("published") or data.get("date"),
        lang=meta.get("language") or data.get("language"),
        origin=origin,
    )
