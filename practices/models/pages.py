from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from practices.blocks import PREREQUISITE_BLOCKS, InterviewBlock, OutcomeBlock, QuoteBlock, ResourceBlock
from practices.choices import EVIDENCE_RANK, EvidenceLevel, Role, Status
from practices.models.snippets import Programme, TargetGroup, Theme, TransferAudience, default_locale_only
from practices.transfer_facts import (
    CURRENCY_CHOICES,
    CostPeriod,
    PlaceSize,
    ReachPeriod,
    Setting,
    cost_band,
    gazetteer_population,
    place_size,
    prerequisite_list,
    yearly_cost_eur,
)
from practices.validators import validate_year
from practices.visibility import NoRestrictionShortcut, public

_STATUS_LABELS = dict(Status.choices)
STORY_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class RequestHostInDevelopment:
    """In development (DEBUG), absolute URLs follow the address the site is served at (runserver on any port).

    In production they come from the configured site (``WAGTAILADMIN_BASE_URL``, see ``ensure_site_address``).
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or request is None or not settings.DEBUG:
            return parts
        site_id, _root_url, page_path = parts
        return site_id, f"{request.scheme}://{request.get_host()}", page_path


class RoutesToItsChildType:
    """Route to a child page in one query: the child is read as the one type ``subpage_types`` allows.

    Wagtail's ``Page.route`` reads the child as a plain page and then again as its specific type: two
    queries per level of the URL. A child of another type (made outside the admin) still routes, through
    Wagtail's way.
    """

    def route(self, request, path_components):
        child_models = self.allowed_subpage_models()
        if path_components and len(child_models) == 1:
            child = child_models[0].objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self  # as Page.route: the breadcrumb's get_parent needs no query
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class HomePage(RequestHostInDevelopment, NoRestrictionShortcut, RoutesToItsChildType, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.PracticeIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        practices = public(PracticePage.objects.live()).filter(locale=self.locale)
        context["practice_index"] = PracticeIndexPage.objects.live().filter(locale=self.locale).first()
        context["latest_practices"] = practices.order_by("-first_published_at").prefetch_related("places", "themes")[:6]
        # practice_count and theme_counts come from the search (``search.wagtail_hooks``): the same numbers
        # as the practice index.
        return context


class PracticeIndexPage(RequestHostInDevelopment, NoRestrictionShortcut, RoutesToItsChildType, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.PracticePage"]
    parent_page_types = ["practices.HomePage"]
    max_count_per_parent = 1
    page_size = 20

    class Meta:
        verbose_name = _("practice index")

    # The search app builds on this one: it adds the search to the served page's context
    # (``search.wagtail_hooks``), so this model imports nothing from it.

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            # /de/practices/<slug>/ of a practice not translated into German: lead to the language it exists in.
            if len(path_components) != 1:
                raise
            practice = self.untranslated_practice(path_components[0])
            if practice is None:
                raise
            return RouteResult(self, kwargs={"untranslated_practice": practice})

    def untranslated_practice(self, slug: str) -> PracticePage | None:
        candidates = (
            public(PracticePage.objects.live())
            .filter(slug=slug)
            .exclude(locale=self.locale)
            .select_related("locale")
            .order_by("pk")
        )
        default = settings.LANGUAGE_CODE
        return min(candidates, key=lambda page: page.locale.language_code != default, default=None)

    def serve(self, request, *args, **kwargs):
        practice = kwargs.pop("untranslated_practice", None)
        if practice is not None:
            url = practice.get_url(request)
            return HttpResponseRedirect(f"{url}?{urlencode({'from': self.locale.language_code})}")
        response = super().serve(request, *args, **kwargs)
        if request.GET:  # searches and filtered listings stay out of search engines
            response["X-Robots-Tag"] = "noindex, follow"
        return response


class PracticePageForm(WagtailAdminPageForm):
    def is_valid(self) -> bool:
        valid = super().is_valid()  # validates the inline formsets too
        return self._no_duplicate_roles() and valid

    def _no_duplicate_roles(self) -> bool:
        """An organisation is listed once per role; the second row says which row it repeats."""
        formset = self.formsets.get("organisation_roles")
        if formset is None:
            return True
        valid = True
        seen: dict[tuple[int, str], int] = {}
        for number, form in enumerate(formset.forms, start=1):
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            organisation, role = form.cleaned_data.get("organisation"), form.cleaned_data.get("role")
            if organisation is None or not role:
                continue
            key = (organisation.pk, role)
            if key in seen:
                form.add_error(
                    "role",
                    _("%(organisation)s is already listed as “%(role)s” (row %(row)s). Remove one of the two.")
                    % {
                        "organisation": organisation,
                        "role": Role(role).label,
                        "row": seen[key],
                    },
                )
                valid = False
            else:
                seen[key] = number
        return valid


class PracticePage(RequestHostInDevelopment, NoRestrictionShortcut, Page):
    """A good practice, stored as a structured record."""

    short_name = models.CharField(_("short name or acronym"), max_length=80, blank=True)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One paragraph that fits a card (at most 600 characters).")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True, validators=[validate_year])
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True, validators=[validate_year])
    last_verified = models.DateField(_("last verified"), null=True, blank=True)

    challenge = RichTextField(_("starting position and challenge"), blank=True, features=STORY_FEATURES)
    approach = RichTextField(_("approach and implementation"), blank=True, features=STORY_FEATURES)
    results = RichTextField(_("results"), blank=True, features=STORY_FEATURES)
    lessons = RichTextField(_("lessons learned"), blank=True, features=STORY_FEATURES)
    voices = StreamField(
        [("quote", QuoteBlock()), ("interview", InterviewBlock())],
        verbose_name=_("quotes and interviews"),
        blank=True,
        use_json_field=True,
    )
    outcomes = StreamField([("outcome", OutcomeBlock())], verbose_name=_("outcomes"), blank=True)
    evidence_level = models.CharField(
        _("best evidence level"),
        max_length=30,
        choices=EvidenceLevel.choices,
        blank=True,
        editable=False,
        help_text=_("The strongest evidence level among the outcomes; kept up to date on save."),
    )
    transfer_conditions = RichTextField(_("conditions for transfer"), blank=True, features=STORY_FEATURES)
    resources = StreamField([("resource", ResourceBlock())], verbose_name=_("resources and tools"), blank=True)

    # Transfer facts: typed, so that a practitioner can filter and compare by them (practices.transfer_facts).
    cost_amount = models.DecimalField(
        _("cost"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("What the practice costs, as a whole number, e.g. 120000. Leave empty when unknown."),
    )
    cost_currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default="EUR")
    cost_period = models.CharField(
        _("cost is"), max_length=20, choices=CostPeriod.choices, blank=True, help_text=_("What the amount refers to.")
    )
    cost_covers = models.CharField(
        _("what the cost covers"),
        max_length=255,
        blank=True,
        help_text=_("E.g. staff, rooms and course fees; not the participants' allowances."),
    )
    funding_months = models.PositiveSmallIntegerField(
        _("funding duration (months)"),
        null=True,
        blank=True,
        help_text=_("How long the funding runs or ran, in months (36 for three years)."),
    )
    staff_fte = models.DecimalField(
        _("staff (full-time equivalents)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Paid staff in full-time equivalents, e.g. 2.5 or 0.75."),
    )
    staff_roles = models.CharField(
        _("staff roles"),
        max_length=255,
        blank=True,
        help_text=_("Who does the work, e.g. two job coaches, one coordinator (half-time)."),
    )
    participants = models.PositiveIntegerField(
        _("participants reached"), null=True, blank=True, help_text=_("How many people the practice reached.")
    )
    participants_period = models.CharField(
        _("participants counted"), max_length=20, choices=ReachPeriod.choices, blank=True
    )
    population = models.PositiveIntegerField(
        _("population of the place"),
        null=True,
        blank=True,
        help_text=_(
            "Inhabitants of the place where the practice runs; gives its size band. Filled from the GeoNames "
            "gazetteer for the first place's city when empty (places of 15,000 and more); correct it for "
            "districts, rural areas or regions."
        ),
    )
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices, blank=True)
    prerequisites = StreamField(
        PREREQUISITE_BLOCKS,
        verbose_name=_("prerequisites"),
        blank=True,
        help_text=_("What a place needs to run the practice: partners, legal basis, budget line, skills, language."),
    )

    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="practices", limit_choices_to=default_locale_only
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="practices",
        limit_choices_to=default_locale_only,
    )
    transfer_audiences = ParentalManyToManyField(
        TransferAudience,
        verbose_name=_("addressees for transfer"),
        blank=True,
        related_name="practices",
        limit_choices_to=default_locale_only,
    )
    programmes = ParentalManyToManyField(
        Programme, verbose_name=_("programmes and networks"), blank=True, related_name="practices"
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name", boost=3),
        index.AutocompleteField("short_name"),
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.RelatedFields("places", [index.SearchField("city"), index.SearchField("region")]),
        index.RelatedFields("organisation_roles", [index.RelatedFields("organisation", [index.SearchField("name")])]),
        index.FilterField("status"),
        index.FilterField("start_year"),
        index.FilterField("evidence_level"),
        index.FilterField("setting"),
        index.FilterField("population"),
        # For Elasticsearch/OpenSearch: the facets filter and count in the ORM, but these let a cluster
        # narrow a query by the same values.
        index.FilterField("themes"),
        index.FilterField("target_groups"),
        index.FilterField("transfer_audiences"),
        index.FilterField("programmes"),
    ]

    @classmethod
    def get_indexed_objects(cls):
        # modelsearch prefetches "organisation_roles" but reads each role's organisation with its own query.
        from practices.models.related import PracticeOrganisation

        roles = Prefetch("organisation_roles", queryset=PracticeOrganisation.objects.select_related("organisation"))
        return super().get_indexed_objects().prefetch_related(None).prefetch_related("places", roles)

    # Prose is translated; facts are the same in every language.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("summary"),
        TranslatableField("challenge"),
        TranslatableField("approach"),
        TranslatableField("results"),
        TranslatableField("lessons"),
        TranslatableField("voices"),
        TranslatableField("outcomes"),
        TranslatableField("transfer_conditions"),
        TranslatableField("resources"),
        TranslatableField("cost_covers"),
        TranslatableField("staff_roles"),
        TranslatableField("prerequisites"),
        SynchronizedField("cost_amount"),
        SynchronizedField("cost_currency"),
        SynchronizedField("cost_period"),
        SynchronizedField("funding_months"),
        SynchronizedField("staff_fte"),
        SynchronizedField("participants"),
        SynchronizedField("participants_period"),
        SynchronizedField("population"),
        SynchronizedField("setting"),
        SynchronizedField("short_name"),
        SynchronizedField("status"),
        SynchronizedField("start_year"),
        SynchronizedField("end_year"),
        SynchronizedField("last_verified"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        SynchronizedField("transfer_audiences"),
        SynchronizedField("programmes"),
        SynchronizedField("places"),
        SynchronizedField("replicated_in"),
        SynchronizedField("organisation_roles"),
        SynchronizedField("awards"),
        SynchronizedField("contacts"),
        SynchronizedField("sources"),
    ]

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=_("What the practice does and where, e.g. “Mentoring for refugee engineers in Augsburg”."),
        ),
        FieldPanel("short_name"),
        FieldPanel("summary"),
        FieldPanel(
            "challenge",
            help_text=_(
                "The situation before the practice: who was affected, what stood in their way, with a figure if one "
                "exists. Two or three paragraphs; no solution yet."
            ),
        ),
        FieldPanel(
            "approach",
            help_text=_(
                "What was done, by whom, for whom and how often: steps, roles, duration, group size, costs. Enough "
                "that someone in another city could start."
            ),
        ),
        FieldPanel(
            "results",
            help_text=_(
                "What changed, with numbers and their source (participants, placements, recognitions). Record each "
                "measured result under Facts → Outcomes with its evidence level."
            ),
        ),
        FieldPanel(
            "lessons",
            help_text=_(
                "What the team would tell someone starting tomorrow: conditions that mattered, what they would do "
                "differently, pitfalls. Short bullet points work well."
            ),
        ),
        FieldPanel("voices", help_text=_("Quotes or interviews with participants, staff or employers, with consent.")),
    ]
    facts_panels = [
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Period")),
        InlinePanel("places", min_num=1, label=_("Places"), heading=_("Places")),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("outcomes"),
        InlinePanel("awards", label=_("Awards")),
        FieldPanel("last_verified"),
    ]
    organisation_panels = [
        InlinePanel("organisation_roles", label=_("Organisations"), heading=_("Organisations and their roles")),
        InlinePanel("contacts", label=_("Contacts"), heading=_("Contacts")),
    ]
    transfer_panels = [
        FieldPanel("transfer_audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost_amount"), FieldPanel("cost_currency"), FieldPanel("cost_period")]),
                FieldPanel("cost_covers"),
                FieldPanel("funding_months"),
            ],
            heading=_("Cost and funding"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("staff_fte"), FieldPanel("staff_roles")]),
                FieldRowPanel([FieldPanel("participants"), FieldPanel("participants_period")]),
            ],
            heading=_("Staff and reach"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("population"), FieldPanel("setting")])], heading=_("Size of place and setting")
        ),
        FieldPanel("prerequisites"),
        FieldPanel("transfer_conditions"),
        InlinePanel("replicated_in", label=_("Replicated in"), heading=_("Replicated in")),
        FieldPanel("resources"),
    ]
    source_panels = [InlinePanel("sources", min_num=0, label=_("Sources"), heading=_("Sources"))]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Story")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(organisation_panels, heading=_("Organisations")),
            ObjectList(transfer_panels, heading=_("Transfer")),
            ObjectList(source_panels, heading=_("Sources")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = PracticePageForm

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def clean(self) -> None:
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    def save(self, *args, **kwargs):
        self.evidence_level = self.best_evidence_level()
        if self.population is None:
            self.population = self.gazetteer_population()
        return super().save(*args, **kwargs)

    # Child relations the served page reads several times (key facts, JSON-LD, map, print): read once,
    # with their organisations, instead of one query per use and per organisation.
    SERVED_RELATIONS = {"organisation_roles": ("organisation",), "places": (), "sources": (), "themes": ()}

    def serve(self, request, *args, **kwargs):
        self.load_served_relations()
        return super().serve(request, *args, **kwargs)

    def load_served_relations(self) -> None:
        """Hold ``SERVED_RELATIONS`` in memory, as a preview does (relations already held stay as they are)."""
        if self.pk is None:
            return
        held = getattr(self, "_cluster_related_objects", None)
        if held is None:
            held = self._cluster_related_objects = {}
        for name, related in self.SERVED_RELATIONS.items():
            if name not in held:
                held[name] = list(getattr(self, name).select_related(*related))

    def gazetteer_population(self) -> int | None:
        place = next((place for place in self.places.all() if place.city), None)
        return gazetteer_population(place.city, place.country) if place else None

    def best_evidence_level(self) -> str:
        levels = [block.value["evidence_level"] for block in self.outcomes if block.block_type == "outcome"]
        return max(levels, key=lambda level: EVIDENCE_RANK.get(level, -1)) if levels else ""

    # What the templates read -------------------------------------------------------------------

    def organisations_with_role(self, *roles: str) -> list:
        return [link.organisation for link in self.organisation_roles.all() if link.role in roles]

    @property
    def implementing_organisations(self) -> list:
        return self.organisations_with_role(Role.IMPLEMENTING, Role.COORDINATOR)

    @property
    def partners(self) -> list:
        return [link for link in self.organisation_roles.all() if link.role in (Role.PARTNER, Role.NETWORK)]

    @property
    def funders(self) -> list:
        return self.organisations_with_role(Role.FUNDER)

    @cached_property
    def published_contacts(self) -> list:
        return [contact for contact in self.contacts.all() if contact.publish]

    @property
    def status_label(self) -> str:
        """``get_status_display()`` without its per-call hashing of the choices (a page of cards asks 20 times)."""
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def period(self) -> str:
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}" if self.end_year != self.start_year else str(self.start_year)
        if self.start_year:
            return _("since %(year)s") % {"year": self.start_year}
        return ""

    @property
    def place_size(self) -> str:
        return place_size(self.population)

    def get_place_size_display(self) -> str:
        return str(PlaceSize(self.place_size).label) if self.place_size else ""

    @property
    def yearly_cost_eur(self):
        return yearly_cost_eur(
            self.cost_amount,
            self.cost_currency,
            self.cost_period,
            funding_months=self.funding_months,
            participants=self.participants,
            reach_period=self.participants_period,
        )

    @property
    def staff_fte_number(self) -> float | None:
        """Staff as a plain number (2.5, not 2.50), localised by the templates."""
        return float(self.staff_fte) if self.staff_fte is not None else None

    @property
    def cost_band(self) -> str:
        return cost_band(self.yearly_cost_eur)

    @cached_property
    def prerequisite_items(self) -> list[dict]:
        return prerequisite_list(self.prerequisites)

    @property
    def has_transfer_facts(self) -> bool:
        return any(
            value not in (None, "")
            for value in (self.cost_amount, self.funding_months, self.staff_fte, self.participants, self.population)
        ) or bool(self.setting or self.prerequisites)

    @property
    def is_stale(self) -> bool:
        if not self.last_verified:
            return True
        age = datetime.date.today() - self.last_verified
        return age.days > settings.PRAXIS_STALE_AFTER_DAYS
