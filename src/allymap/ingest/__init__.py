"""Ingestion: files, directories, JSONL(.gz), HTML and stdin become Article records."""

from allymap.ingest.readers import MAX_FILE_BYTES, read_inputs

__all__ = ["MAX_FILE_BYTES", "read_inputs"]
