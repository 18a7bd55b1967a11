from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from practices.choices import EvidenceLevel
from practices.validators import validate_http_url


class OutcomeValue(blocks.StructValue):
    @property
    def evidence_label(self) -> str:
        return str(EvidenceLevel(self.get("evidence_level") or EvidenceLevel.DESCRIBED).label)


class OutcomeBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Outcome"))
    evidence_level = blocks.ChoiceBlock(
        choices=EvidenceLevel.choices, default=EvidenceLevel.DESCRIBED, label=_("Evidence level")
    )
    indicator = blocks.CharBlock(required=False, label=_("Indicator or figure"))

    class Meta:
        icon = "tick"
        label = _("Outcome")
        template = "components/outcome.html"
        value_class = OutcomeValue


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")


class InterviewBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"))
    questions = blocks.ListBlock(
        blocks.StructBlock(
            [("question", blocks.CharBlock(label=_("Question"))), ("answer", blocks.TextBlock(label=_("Answer")))]
        ),
        label=_("Questions and answers"),
    )

    class Meta:
        icon = "comment"
        label = _("Interview")


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.TextBlock(required=False, label=_("Description"))
    url = blocks.URLBlock(required=False, label=_("Address"), validators=[validate_http_url])

    class Meta:
        icon = "doc-full"
        label = _("Resource or tool")


def organisation_type_choices() -> list[tuple[str, str]]:
    """The organisation types of the vocabulary (default language), by slug: a partner a transfer needs."""
    from django.db import DatabaseError

    from practices.models.snippets import OrganisationType, default_locale_only

    try:
        return list(OrganisationType.objects.filter(**default_locale_only()).values_list("slug", "name"))
    except DatabaseError:  # before the first migration (checks, makemigrations) there is no table yet
        return []


class ConditionBlock(blocks.StructBlock):
    """A condition a transfer depends on: what it is, whether it is essential, and a note."""

    condition = blocks.CharBlock(max_length=255, label=_("Condition"))
    essential = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Essential"),
        help_text=_("Untick when the practice can work without it, if adapted."),
    )
    note = blocks.TextBlock(required=False, label=_("Note"), help_text=_("What it is needed for, or how to adapt."))

    class Meta:
        icon = "tick-inverse"


class PartnerConditionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=organisation_type_choices, label=_("Kind of partner"), help_text=_("An organisation type.")
    )
    essential = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("Essential"),
        help_text=_("Untick when the practice can work without it, if adapted."),
    )
    note = blocks.TextBlock(required=False, label=_("Note"), help_text=_("What the partner does in the practice."))

    class Meta:
        icon = "group"
        label = _("A partner of a kind")


PREREQUISITE_BLOCKS = [
    ("partner", PartnerConditionBlock()),
    ("legal_basis", ConditionBlock(label=_("A legal basis"), help_text=_("A law, regulation or mandate."))),
    ("budget_line", ConditionBlock(label=_("A budget line"), help_text=_("A fund or programme it is paid from."))),
    ("staff_skills", ConditionBlock(label=_("Staff skills"))),
    ("language_offer", ConditionBlock(label=_("A language offer"))),
]
PREREQUISITE_KINDS = {
    "partner": _("A partner of a kind"),
    "legal_basis": _("A legal basis"),
    "budget_line": _("A budget line"),
    "staff_skills": _("Staff skills"),
    "language_offer": _("A language offer"),
}
