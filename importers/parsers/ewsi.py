"""European Website on Integration (EWSI) integration practices, in the current and the older layout.

Layout: site chrome and breadcrumb "Home > Integration practices > TITLE", the title, "Integration
practice | DATE" (the publication date, never the start), the narrative, then a "Details" block of labelled
fields (Location, Geographical Area, Start date, End date, Type of practice, Funding, Organisation,
Contact details) as a definition list, a table or "Label: value" lines; e-mails are often hidden
("[email protected]") or written "name [at] domain [dot] org". Then "Related content" of other pages.
"""

from __future__ import annotations

import re

from importers.parsers.labelled import parse_labelled
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

KIND = "ewsi"
PUBLISHER = "European Commission, European Website on Integration (EWSI)"
_MARKERS = (
    (r"European\s+Web\s?site\s+on\s+Integration|Europäische\s+Website\s+für\s+Integration", 0.4),
    (r"^\s*(?:Home\s*>\s*)?Integration\s+practices?\b|Integrationspraxis|Integrationspraktiken", 0.3),
    (r"\bEWSI\b|migrant-integration\.ec\.europa\.eu", 0.3),
    (r"^\s*(?:Geographical\s+Area|Geografischer\s+Bereich|Type\s+of\s+practice|Policy\s+area)\b", 0.2),
)


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.I | re.M)))


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    return parse_labelled(text, kind=KIND, publisher=PUBLISHER, detection=detect(text), vocabulary=vocabulary)
