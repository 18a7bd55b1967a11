"""The demo practices' transfer facts (``transfer:`` of each item in ``practices.yaml``), as one separate step.

Kept apart from ``build_practice`` so that it moves into the practice record and its writer in one piece.
The facts of the four founding cases are limited to what their sources say (setting, partners, group
size); the figures of the fictional practices are invented but plausible.
"""

from __future__ import annotations

from decimal import Decimal

from practices.demo.loader import DemoDataError
from practices.models import PracticePage

FIELDS = (
    "cost_amount",
    "cost_currency",
    "cost_period",
    "cost_covers",
    "funding_months",
    "staff_fte",
    "staff_roles",
    "participants",
    "participants_period",
    "population",
    "setting",
)
PREREQUISITE_KINDS = ("partner", "legal_basis", "budget_line", "staff_skills", "language_offer")


def apply_transfer_facts(page: PracticePage, facts: dict | None) -> bool:
    """Set the transfer facts of ``facts`` on ``page`` (not saved). Returns whether there were any."""
    if not facts:
        return False
    where = f"practice {page.slug}"
    unknown = set(facts) - set(FIELDS) - {"prerequisites"}
    if unknown:
        raise DemoDataError(f"{where}: unknown transfer facts {', '.join(sorted(unknown))}")
    for name in FIELDS:
        if name in facts and facts[name] is not None:
            value = facts[name]
            setattr(page, name, Decimal(str(value)) if name in ("cost_amount", "staff_fte") else value)
    prerequisites = []
    for item in facts.get("prerequisites") or []:
        kind = item.get("kind")
        if kind not in PREREQUISITE_KINDS:
            raise DemoDataError(f"{where}: unknown prerequisite kind {kind!r}")
        value = {"essential": bool(item.get("essential", True)), "note": item.get("note") or ""}
        value["kind" if kind == "partner" else "condition"] = item["condition"]
        prerequisites.append((kind, value))
    page.prerequisites = prerequisites
    return True


def complete_existing(page: PracticePage, facts: dict | None) -> bool:
    """Give a demo practice loaded before transfer facts existed its facts, unless an editor has a draft."""
    if not facts or page.has_transfer_facts or page.has_unpublished_changes:
        return False
    page = page.specific
    apply_transfer_facts(page, facts)
    page.save_revision().publish()
    return True
