"""The `allymap` command: a thin typer app; each command module registers its commands here."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="allymap",
    help="News in any language turned into the alliance system it describes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app)`; add a module's name here when you add one.
COMMAND_MODULES: tuple[str, ...] = (
    "ingest_cmd",
    "actors_cmd",
    "extract_cmd",
    "eval_cmd",
    "demo_cmd",
    "graph_cmd",
    "languages_cmd",
    "serve_cmd",
)


@app.callback()
def main() -> None:
    """allymap: read news, extract who does what to whom, and map the alliances it describes."""


def _load() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"allymap.cli.{name}")
        module.register(app)


_load()

if __name__ == "__main__":
    app()
