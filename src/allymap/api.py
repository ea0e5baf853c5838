"""The library's face: one public function per CLI command, over the stage modules."""

from __future__ import annotations

# Each stage adds its public functions below as it lands (ingest, articles, actors, extract, evaluate, ...).
