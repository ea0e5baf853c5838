"""The whole pipeline over a stream of inputs: read → clean → mentions → events → store, in batches."""

from allymap.pipeline.ingest import IngestReport, Processed, ingest, process_article

__all__ = ["IngestReport", "Processed", "ingest", "process_article"]
