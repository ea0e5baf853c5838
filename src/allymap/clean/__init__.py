"""Cleaning: boilerplate removal with an offset map, language, publication date, title."""

from allymap.clean.cleaner import CleanContext, clean
from allymap.clean.language import detect_language

__all__ = ["CleanContext", "clean", "detect_language"]
