"""The transferability check: "Would this work for us?", answered from a practice's own facts.

The questions are built from the practice's prerequisites and transfer facts; the answers come back as
what fits, what is missing and what to adapt, each with its reason. The criteria follow published
transferability frameworks of the field (see ``docs/transferability.md``). Nothing is stored: the
answers live in the query string, so a check can be printed, bookmarked and shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practices.models import PracticePage, TargetGroup
from practices.models.snippets import default_locale_only
from practices.transfer_facts import PLACE_SIZE_RANK, PlaceSize, Setting
from search.facets import term_labels

FITS, ADAPT, MISSING = "fits", "adapt", "missing"
ANSWERS = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")), ("unsure", gettext_lazy("Not sure"))]
SCALE_DOWN_LIMIT = Decimal("0.5")  # below half the resources, a smaller version is a different practice


@dataclass
class Finding:
    status: str  # fits, adapt or missing
    topic: str
    text: str


def _money(value) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True)


class CheckForm(forms.Form):
    """The questions for one practice; every field is optional (an unanswered question is left out)."""

    answered = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")

    def __init__(self, practice: PracticePage, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        blank = [("", _("(no answer)"))]
        self.fields["size"] = forms.ChoiceField(
            label=_("How many people live in your place?"), choices=blank + PlaceSize.choices, required=False
        )
        self.fields["setting"] = forms.ChoiceField(
            label=_("Your setting"), choices=blank + Setting.choices, required=False
        )
        self.fields["budget"] = forms.IntegerField(
            label=_("Your budget per year, in euros"),
            min_value=0,
            max_value=10**10,
            required=False,
            help_text=_("What you could spend on it each year, including co-funding."),
        )
        self.fields["staff"] = forms.DecimalField(
            label=_("Staff you could assign (full-time equivalents)"),
            min_value=0,
            max_value=1000,
            max_digits=6,
            decimal_places=2,
            required=False,
        )
        partners = [item for item in practice.prerequisite_items if item["kind"] == "partner"]
        if partners:
            self.fields["partners"] = forms.MultipleChoiceField(
                label=_("Which of these partners do you have?"),
                choices=list({item["condition"]: item["label"] for item in partners}.items()),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        groups = TargetGroup.objects.filter(**default_locale_only())
        labels = term_labels(TargetGroup, groups)
        self.fields["group"] = forms.ChoiceField(
            label=_("Whom do you want to reach?"),
            choices=blank + sorted(((g.slug, labels[g.pk]) for g in groups), key=lambda choice: choice[1].casefold()),
            required=False,
        )
        for number, item in self.conditions:
            self.fields[f"c{number}"] = forms.ChoiceField(
                label=_("%(kind)s: %(condition)s. Do you have it?")
                % {"kind": item["kind_label"], "condition": item["label"]},
                choices=ANSWERS,
                widget=forms.RadioSelect,
                required=False,
                help_text=item["note"],
            )

    @property
    def conditions(self) -> list[tuple[int, dict]]:
        """The prerequisites other than partners, numbered as they stand in the practice."""
        return [(n, item) for n, item in enumerate(self.practice.prerequisite_items) if item["kind"] != "partner"]


def evaluate(practice: PracticePage, answers: dict) -> list[Finding]:
    """What fits, what is missing and what to adapt, for the answers of a CheckForm."""
    findings: list[Finding] = []
    findings += _size(practice, answers.get("size"))
    findings += _setting(practice, answers.get("setting"))
    findings += _budget(practice, answers.get("budget"))
    findings += _staff(practice, answers.get("staff"))
    findings += _partners(practice, answers.get("partners") or [])
    for number, item in enumerate(practice.prerequisite_items):
        if item["kind"] != "partner":
            findings += _condition(item, answers.get(f"c{number}"))
    findings += _group(practice, answers.get("group"))
    return findings


def _size(practice: PracticePage, ours: str | None) -> list[Finding]:
    if not ours:
        return []
    topic = _("Size of place")
    theirs = practice.place_size
    if not theirs:
        return [Finding(ADAPT, topic, _("The practice records no size of place: compare your place with its story."))]
    difference = PLACE_SIZE_RANK[ours] - PLACE_SIZE_RANK[theirs]
    context = {"ours": PlaceSize(ours).label, "theirs": PlaceSize(theirs).label}
    if difference == 0:
        return [Finding(FITS, topic, _("Your place has the size of the practice's place: %(theirs)s.") % context)]
    if difference < 0:
        text = _(
            "Your place (%(ours)s) is smaller than the practice's (%(theirs)s): plan for fewer participants, and "
            "consider running it together with neighbouring municipalities or the district."
        )
    else:
        text = _(
            "Your place (%(ours)s) is larger than the practice's (%(theirs)s): plan for more participants, more "
            "staff, or several teams in different parts of the place."
        )
    return [Finding(ADAPT, topic, text % context)]


def _setting(practice: PracticePage, ours: str | None) -> list[Finding]:
    if not ours or not practice.setting:
        return []
    topic = _("Setting")
    context = {"ours": Setting(ours).label, "theirs": Setting(practice.setting).label}
    if ours == practice.setting:
        return [Finding(FITS, topic, _("The practice runs in the same setting: %(theirs)s.") % context)]
    text = _(
        "The practice runs in another setting (%(theirs)s; yours: %(ours)s). Check how participants and partners "
        "are reached there: distances, transport and outreach differ."
    )
    return [Finding(ADAPT, topic, text % context)]


def _budget(practice: PracticePage, budget: int | None) -> list[Finding]:
    if budget is None:
        return []
    topic = _("Budget")
    yearly = practice.yearly_cost_eur
    if yearly is None:
        return [Finding(ADAPT, topic, _("The practice records no yearly cost: ask its contacts what it costs."))]
    context = {"budget": _money(budget), "cost": _money(yearly), "share": round(Decimal(budget) / yearly * 100)}
    if budget >= yearly:
        return [
            Finding(FITS, topic, _("Your budget (€%(budget)s) covers its yearly cost of about €%(cost)s.") % context)
        ]
    funders = ", ".join(organisation.display_name for organisation in practice.funders)
    co_funding = _(" It was funded by: %(funders)s.") % {"funders": funders} if funders else ""
    if Decimal(budget) / yearly >= SCALE_DOWN_LIMIT:
        text = _("Your budget covers %(share)s%% of its yearly cost of about €%(cost)s: start smaller") % context
        if practice.participants and practice.participants_period == "per_year":
            reach = round(practice.participants * budget / yearly)
            text += _(", e.g. with about %(participants)s participants a year") % {"participants": reach}
        return [Finding(ADAPT, topic, text + "." + co_funding)]
    text = _("Your budget covers only %(share)s%% of its yearly cost of about €%(cost)s: find co-funding first.")
    return [Finding(MISSING, topic, text % context + co_funding)]


def _staff(practice: PracticePage, staff: Decimal | None) -> list[Finding]:
    if staff is None or practice.staff_fte is None:
        return []
    topic = _("Staff")
    context = {"ours": number_format(float(staff)), "theirs": number_format(practice.staff_fte_number)}
    roles = f" ({practice.staff_roles})" if practice.staff_roles else ""
    if staff >= practice.staff_fte:
        text = _("You can assign %(ours)s full-time equivalents; the practice works with %(theirs)s") % context
        return [Finding(FITS, topic, text + roles + ".")]
    if practice.staff_fte and staff / practice.staff_fte >= SCALE_DOWN_LIMIT:
        text = (
            _("The practice works with %(theirs)s full-time equivalents, you with %(ours)s: plan a smaller team")
            % context
        )
        return [Finding(ADAPT, topic, text + roles + ".")]
    text = _("The practice works with %(theirs)s full-time equivalents, you could assign %(ours)s") % context
    return [Finding(MISSING, topic, text + roles + ".")]


def _partners(practice: PracticePage, have: list[str]) -> list[Finding]:
    findings = []
    for item in practice.prerequisite_items:
        if item["kind"] != "partner":
            continue
        topic = _("Partner: %(kind)s") % {"kind": item["label"]}
        note = f" {item['note']}" if item["note"] else ""
        if item["condition"] in have:
            findings.append(Finding(FITS, topic, _("You have a partner of this kind.") + note))
        elif item["essential"]:
            findings.append(Finding(MISSING, topic, _("The practice relies on a partner of this kind.") + note))
        else:
            text = _("Helpful, not essential: without it, others have to take over its part.")
            findings.append(Finding(ADAPT, topic, text + note))
    return findings


def _condition(item: dict, answer: str | None) -> list[Finding]:
    if not answer:
        return []
    topic = f"{item['kind_label']}: {item['label']}"
    note = f" {item['note']}" if item["note"] else ""
    if answer == "yes":
        return [Finding(FITS, topic, _("You have it.") + note)]
    if answer == "unsure":
        return [Finding(ADAPT, topic, _("Find out before you start.") + note)]
    if item["essential"]:
        return [Finding(MISSING, topic, _("The practice depends on it.") + note)]
    return [Finding(ADAPT, topic, _("Helpful, not essential: plan how to do without it.") + note)]


def _group(practice: PracticePage, ours: str | None) -> list[Finding]:
    if not ours:
        return []
    topic = _("Target group")
    groups = list(practice.target_groups.all())
    labels = term_labels(TargetGroup, groups)
    if any(group.slug == ours for group in groups):
        return [Finding(FITS, topic, _("The practice was made for your target group."))]
    names = ", ".join(labels[group.pk] for group in groups) or _("no target group recorded")
    text = _("The practice was made for other groups (%(groups)s): adapt its offer and its outreach.")
    return [Finding(ADAPT, topic, text % {"groups": names})]


def verdict(findings: list[Finding]) -> tuple[str, str]:
    missing = sum(finding.status == MISSING for finding in findings)
    adapt = sum(finding.status == ADAPT for finding in findings)
    if missing:
        return MISSING, _("Not yet: %(count)s of the conditions are missing.") % {"count": missing}
    if adapt:
        return ADAPT, _("Possible, with adaptations: %(count)s points to adapt.") % {"count": adapt}
    return FITS, _("A good fit: everything you answered fits.")
