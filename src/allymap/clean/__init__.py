"""Cleaning: boilerplate removal with an offset map, language, publication date, title."""

from allymap.clean.cleaner import CleanContext, clean
from allymap.clean.meta import detect_language, iso_date, normalize_lang

__all__ = ["CleanContext", "clean", "detect_language", "iso_date", "normalize_lang"]
