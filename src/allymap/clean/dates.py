"""Publication dates found in the text: dated bylines such as "24/06/2024 // Cassie B."."""

from __future__ import annotations

import re
from datetime import date

# A short line that starts with a numeric date and goes on with a name or nothing: a byline.
_BYLINE = re.compile(
    r"^(?:(?:publié|published|mis à jour|updated|le|on)\s+(?:le\s+)?)?"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b(?P<rest>.{0,60})$",
    re.IGNORECASE,
)
_ISO_BYLINE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b(?P<rest>.{0,60})$")


def byline_date(line: str) -> str | None:
    """The ISO date of a dated byline line ("24/06/2024 // Cassie B."), or None for any other line."""
    match = _BYLINE.match(line) or _ISO_BYLINE.match(line)
    if not match:
        return None
    rest = match.group("rest")
    if rest and not re.match(r"^\s*(//|/|\||-|–|—|,|·|par\b|by\b|à\b|at\b|\d{1,2}[:h]\d{2})", rest):
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        return None
