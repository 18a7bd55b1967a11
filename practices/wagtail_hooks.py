"""Admin for the practice record: snippet viewsets grouped in one menu, and a stale-practices panel."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import (
    Organisation,
    OrganisationType,
    PracticePage,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.validators import country_name


def _organisation_type(organisation: Organisation) -> str:
    return organisation.organisation_type.localized.name if organisation.organisation_type_id else ""


def _organisation_place(organisation: Organisation) -> str:
    return ", ".join(part for part in (organisation.city, country_name(organisation.country)) if part)


class OrganisationChooseView(ChooseView):
    """Names alone are ambiguous ("City of ..."): the chooser also shows where and what an organisation is."""

    @property
    def columns(self):
        return [
            *super().columns,
            Column("place", label=_("City"), accessor=_organisation_place),
            Column("type", label=_("Type"), accessor=_organisation_type),
        ]


class OrganisationChooseResultsView(ChooseResultsView):
    columns = OrganisationChooseView.columns


class OrganisationCreationForm(WagtailAdminModelForm):
    """The chooser's "Create" tab, built as Wagtail's admin forms are (its widgets; https for bare web addresses)."""

    class Meta(WagtailAdminModelForm.Meta):
        model = Organisation
        fields = ["name", "short_name", "organisation_type", "website", "city", "country"]


class OrganisationChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OrganisationChooseView
    choose_results_view_class = OrganisationChooseResultsView
    # A "Create" tab in the chooser: editors add a missing organisation without leaving the practice.
    creation_form_class = OrganisationCreationForm
    create_action_label = _("Create organisation")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    chooser_viewset_class = OrganisationChooserViewSet
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "organisation_type", "city", "country"]
    list_filter = ["organisation_type", "country"]
    search_fields = ["name", "short_name", "city"]
    ordering = ["name"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "site"
    menu_label = _("Programmes and networks")
    list_display = ["name", "short_name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class VocabularyViewSet(SnippetViewSet):
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "slug", "synonyms"]
    # A few dozen terms per locale: the ORM's icontains is exact and needs no full-text index of these models.
    search_backend_name = None


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    menu_label = _("Themes")


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    menu_label = _("Target groups")
    list_display = ["name", "slug", "category", "locale"]
    list_filter = ["locale", "category"]


class TransferAudienceViewSet(VocabularyViewSet):
    model = TransferAudience
    menu_label = _("Transfer audiences")


class OrganisationTypeViewSet(VocabularyViewSet):
    model = OrganisationType
    menu_label = _("Organisation types")


class PracticeRecordsGroup(SnippetViewSetGroup):
    menu_label = _("Practice records")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        OrganisationViewSet,
        ProgrammeViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
        TransferAudienceViewSet,
        OrganisationTypeViewSet,
    )


register_snippet(PracticeRecordsGroup)


def stale_practices():
    cutoff = datetime.date.today() - datetime.timedelta(days=settings.PRAXIS_STALE_AFTER_DAYS)
    return (
        PracticePage.objects.live()
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        .order_by("last_verified", "title")
    )


class StalePracticesPanel(Component):
    name = "stale_practices"
    order = 150

    def render_html(self, parent_context=None) -> str:
        practices = stale_practices()
        return render_to_string(
            "practices/admin/stale_practices_panel.html",
            {"practices": practices[:10], "count": practices.count()},
        )


@hooks.register("construct_homepage_panels")
def add_stale_practices_panel(request, panels) -> None:
    panels.append(StalePracticesPanel())
