"""allymap: news turned into the alliance system it describes."""

__version__ = "0.1.0"
