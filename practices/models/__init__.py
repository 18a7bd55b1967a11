"""The practice record.

Taxonomies (target groups, themes, transfer audiences, organisation types) are translatable snippets.
wagtail-localize does not sync many-to-many snippet links per locale (wagtail-localize #820, #534), so a
practice in any locale links to the *source-locale* term (the default language) and templates show
``term.localized``: the label of the active locale. Filters and facets use the term's ``slug``, which
is the same in every locale, so German and English searches filter by the same values.
"""

from .changes import ContentChange, ContentVersion
from .pages import HomePage, PracticeIndexPage, PracticePage
from .related import (
    PracticeAward,
    PracticeContact,
    PracticeOrganisation,
    PracticePlace,
    PracticeSource,
    ReplicationPlace,
)
from .snippets import (
    Organisation,
    OrganisationType,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)

__all__ = [
    "ContentChange",
    "ContentVersion",
    "HomePage",
    "Organisation",
    "OrganisationType",
    "PracticeAward",
    "PracticeContact",
    "PracticeIndexPage",
    "PracticeOrganisation",
    "PracticePage",
    "PracticePlace",
    "PracticeSource",
    "Programme",
    "ReplicationPlace",
    "TargetGroup",
    "Theme",
    "TransferAudience",
]
