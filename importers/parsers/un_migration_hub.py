"""UN Migration Network Hub, Repository of Practices.

Layout: the title, then labelled fields (Countries, Region, Timeframe or Start/End date, Submitted by,
Implementing partners, GCM Objectives), narrative sections (Summary or Description, Background, Key
Partners and Stakeholders, Implementation, Results, Lessons learned), "Main contact: ...", and a list of
related practices that are not this one.
"""

from __future__ import annotations

import re

from importers.parsers.labelled import parse_labelled
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

KIND = "un_migration_hub"
PUBLISHER = "United Nations Network on Migration, Migration Network Hub"
_MARKERS = (
    (r"Migration\s+Network\s+Hub", 0.4),
    (r"Repository\s+of\s+Practices", 0.3),
    (r"GCM\s+Objectives?|Global\s+Compact\s+for\s+(?:Safe,\s+Orderly\s+and\s+Regular\s+)?Migration", 0.3),
    (r"United\s+Nations\s+Network\s+on\s+Migration", 0.2),
    (r"^\s*Submitted\s+by\b", 0.1),
    (r"^\s*Time\s?frame\b", 0.1),
)


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.I | re.M)))


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    return parse_labelled(text, kind=KIND, publisher=PUBLISHER, detection=detect(text), vocabulary=vocabulary)
