"""Programmes and networks a practice belongs to (EQUAL, Network IQ and its Land networks, MEET, ESF)."""

from __future__ import annotations

import re

from importers.extract.places import _region_index, find_regions

# canonical name -> pattern (case-sensitive where an acronym could be an ordinary word).
PROGRAMMES: tuple[tuple[str, str], ...] = (
    ("EQUAL", r"\bEQUAL\b|\bEqual\s+(?:programme|program|initiative|project|Development)|thanks\s+to\s+Equal\b"
     r"|\b(?:EQUAL\s+)?Development\s+Partnership\b|\b[A-Z][\w]+\s+DP\b|\bthe\s+DP\b"),
    ("Network IQ", r"Integration\s+(?:through|durch)\s+Qualifi\w+|\bIQ[- ]?(?:-?network|-?Netzwerk|\s+Network)"
     r"|\b(?:Network|Netzwerk|Förderprogramms?)\s+(?:„|\")?IQ\b|\bIQ\s+Landesnetzwerk|\bIQ\s+GOOD\s+PRACTICE|netzwerk-iq\.de"),
    ("MEET", r"\bMEET\b|Migrants\s+Employment\s+Empowerment\s+Training|meetequal"),
    ("European Social Fund (ESF)", r"European\s+Social\s+Fund|Europäische[nr]?\s+Sozialfonds|\bESF\b"),
)  # fmt: skip
_LAND_NETWORK = re.compile(
    r"\b(?:(?:Network\s+IQ|IQ[- ]Network|IQ\s+Netzwerk|Netzwerk\s+IQ)\s+(?:in\s+)?|IQ\s+Landesnetzwerk\s+)"
    r"([A-ZÄÖÜ][\wäöüß-]+(?:[- ][A-ZÄÖÜ][\wäöüß-]+)?)"
)


def find_programmes(text: str) -> list[str]:
    found = [name for name, pattern in PROGRAMMES if re.search(pattern, text)]
    for m in _LAND_NETWORK.finditer(text):
        regions = find_regions(m.group(1), "DE")
        if regions and m.group(1).split("-")[0].split(" ")[0].lower() in {k.split(" ")[0] for k in _region_index("DE")}:
            name = f"IQ Network {regions[0]}"
            if name not in found:
                found.append(name)
    return found
