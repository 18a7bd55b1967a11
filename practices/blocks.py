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
