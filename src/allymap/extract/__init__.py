"""Event extraction: one rule engine reading `lang/<iso>/` data, registered as the "rules" extractor."""

from allymap.extract.langdata import LangData, Trigger, load_lang
from allymap.extract.rules import Extraction, RuleExtractor, rules_extractor

__all__ = ["Extraction", "LangData", "RuleExtractor", "Trigger", "load_lang", "rules_extractor"]
