from __future__ import annotations

import factory
import wagtail_factories
from wagtail.models import Locale

from practices.choices import Role, Status
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeContact,
    PracticeOrganisation,
    PracticePage,
    PracticePlace,
    PracticeSource,
    Programme,
    TargetGroup,
    Theme,
)


def term(model, slug: str):
    """A seeded vocabulary term in the default locale."""
    return model.objects.get(slug=slug, locale=Locale.get_default())


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    city = "Berlin"
    country = "DE"
    organisation_type = factory.LazyFunction(lambda: term(OrganisationType, "welfare-ngo"))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")


class PracticePageFactory(wagtail_factories.PageFactory):
    """A live practice with one place, a theme, a target group and an implementing organisation.

    Pass ``parent=site_tree.index``. Override children with ``places=[...]`` etc. after creation.
    """

    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "Helps newcomers find work through coaching and employer contacts."
    status = Status.RUNNING
    start_year = 2015
    challenge = "<p>Many newcomers had no contact with local employers.</p>"
    approach = "<p>Coaches met each participant weekly.</p>"

    @factory.post_generation
    def with_facts(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        PracticePlace.objects.create(page=obj, city="Leipzig", region="Saxony", country="DE")
        PracticeOrganisation.objects.create(page=obj, organisation=OrganisationFactory(), role=Role.IMPLEMENTING)
        obj.themes.add(term(Theme, "mentoring"))
        obj.target_groups.add(term(TargetGroup, "refugees"))
        obj.save()


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeContact

    name = factory.Sequence(lambda n: f"Contact Person {n}")
    function = "Project lead"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+49 30 0000 0000"
    publish = False


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeSource

    kind = "other"
    title = "A source"
    url = "https://example.org/source"
    raw_text = "The text as it was received."
