"""Ingestion: files, directories, JSONL(.gz), HTML and stdin become Article records."""

from allymap.ingest.formats import decode_bytes, guess_title
from allymap.ingest.readers import ReadOptions, read_inputs

__all__ = ["ReadOptions", "decode_bytes", "guess_title", "read_inputs"]
