"""Practices side by side: the rows of the comparison table, built from the practice records."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from practices.models import PracticePage

MAX_COMPARED = 3


@dataclass
class Row:
    label: str
    cells: list[list[str]]  # per practice: the lines of its cell (empty: not recorded)


@dataclass
class Section:
    heading: str
    rows: list[Row] = field(default_factory=list)


def _number(value) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True) if value is not None else ""


def _cost(page: PracticePage) -> list[str]:
    if page.cost_amount is None:
        return []
    line = f"{_number(page.cost_amount)} {page.cost_currency}"
    if page.cost_period:
        line += f" {page.get_cost_period_display()}"
    lines = [line]
    if page.cost_covers:
        lines.append(page.cost_covers)
    return lines


def _yearly(page: PracticePage) -> list[str]:
    yearly = page.yearly_cost_eur
    return [_("about €%(amount)s") % {"amount": _number(yearly)}] if yearly is not None else []


def _staff(page: PracticePage) -> list[str]:
    lines = []
    if page.staff_fte is not None:
        lines.append(_("%(fte)s full-time equivalents") % {"fte": number_format(page.staff_fte_number)})
    if page.staff_roles:
        lines.append(page.staff_roles)
    return lines


def _participants(page: PracticePage) -> list[str]:
    if not page.participants:
        return []
    period = f" {page.get_participants_period_display()}" if page.participants_period else ""
    return [f"{_number(page.participants)}{period}"]


def _place_size(page: PracticePage) -> list[str]:
    if not page.place_size:
        return []
    return [page.get_place_size_display(), _("%(population)s inhabitants") % {"population": _number(page.population)}]


def _months(page: PracticePage) -> list[str]:
    if not page.funding_months:
        return []
    return [ngettext("%(months)s month", "%(months)s months", page.funding_months) % {"months": page.funding_months}]


def _names(items) -> list[str]:
    return [str(item) for item in items]


def build_sections(practices: list[PracticePage]) -> list[Section]:
    prefetch_related_objects(
        practices, "places", "themes", "target_groups", "programmes", "organisation_roles__organisation", "sources"
    )

    def row(label: str, cell) -> Row:
        return Row(label, [cell(page) for page in practices])

    key_facts = Section(
        _("Key facts"),
        [
            row(_("Place"), lambda p: _names(p.places.all())),
            row(_("Period"), lambda p: [p.period] if p.period else []),
            row(_("Status"), lambda p: [p.get_status_display()]),
            row(_("Implementing organisation"), lambda p: [o.display_name for o in p.implementing_organisations]),
            row(_("Funders"), lambda p: [o.display_name for o in p.funders]),
            row(_("Programme or network"), lambda p: [prog.display_name for prog in p.programmes.all()]),
            row(_("Target groups"), lambda p: [g.localized.name for g in p.target_groups.all()]),
            row(_("Themes"), lambda p: [t.localized.name for t in p.themes.all()]),
        ],
    )
    transfer = Section(
        _("Transfer facts"),
        [
            row(_("Cost"), _cost),
            row(_("Cost per year (estimate in euros)"), _yearly),
            row(_("Funding duration"), _months),
            row(_("Staff"), _staff),
            row(_("Participants reached"), _participants),
            row(_("Size of place"), _place_size),
            row(_("Setting"), lambda p: [p.get_setting_display()] if p.setting else []),
            row(
                _("Prerequisites"),
                lambda p: [
                    f"{item['kind_label']}: {item['label']}" + ("" if item["essential"] else f" ({_('helpful')})")
                    for item in p.prerequisite_items
                ],
            ),
            row(_("Replicated in"), lambda p: [r.city or r.country_name for r in p.replicated_in.all()]),
        ],
    )
    outcomes = Section(
        _("Outcomes and evidence"),
        [
            row(
                _("Outcomes"),
                lambda p: [
                    f"{block.value.evidence_label}: {block.value['text']}"
                    for block in p.outcomes
                    if block.block_type == "outcome"
                ],
            ),
            row(_("Best evidence level"), lambda p: [p.get_evidence_level_display()] if p.evidence_level else []),
            row(_("Sources"), lambda p: [s.title or s.get_kind_display() for s in p.sources.all()]),
            row(
                _("Last verified"),
                lambda p: [date_format(p.last_verified)] if p.last_verified else [_("Not verified yet.")],
            ),
        ],
    )
    return [key_facts, transfer, outcomes]
