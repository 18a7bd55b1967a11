"""Load the controlled vocabularies from ``practices/data/vocabularies.yaml`` into the taxonomy snippets."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from practices.vocabularies import MODELS, VOCABULARIES_FILE, Term, load_vocabularies


def content_languages() -> list[str]:
    return [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]


def sync_vocabularies(path: Path = VOCABULARIES_FILE, *, update: bool = False) -> Counter:
    """Create missing terms and their labels in every content language. Idempotent.

    A label an editor changed is kept unless ``update``; a label that only repeated the English one
    (the file had none for that language yet) is replaced once the file has one.
    """
    vocabularies = load_vocabularies(path)
    counts: Counter = Counter()
    default_code = settings.LANGUAGE_CODE
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in content_languages()}
    default = locales[default_code]
    with transaction.atomic():
        for vocabulary, model_name in MODELS.items():
            model = apps.get_model("practices", model_name)
            for term in vocabularies[vocabulary]:
                source = model.objects.filter(slug=term.slug, locale=default).first()
                if source is None:
                    source = model(translation_key=uuid.uuid4(), locale=default, slug=term.slug)
                    _fill(source, term, default_code, model_name)
                    source.save()
                    counts["created"] += 1
                elif update and _fill(source, term, default_code, model_name):
                    source.save()
                    counts["updated"] += 1
                for code, locale in locales.items():
                    if code == default_code:
                        continue
                    translation = model.objects.filter(translation_key=source.translation_key, locale=locale).first()
                    adopted = False
                    if translation is None:
                        translation = model.objects.filter(slug=term.slug, locale=locale).first()
                        if translation is not None:  # an older copy without the link: adopt it
                            translation.translation_key, adopted = source.translation_key, True
                    if translation is None:
                        translation = model(translation_key=source.translation_key, locale=locale, slug=term.slug)
                        _fill(translation, term, code, model_name)
                        translation.save()
                        counts["translated"] += 1
                        continue
                    stale = translation.name == term.en and term.label(code) != term.en
                    if (update or stale) and _fill(translation, term, code, model_name, label_only=not update):
                        translation.save()
                        counts["updated"] += 1
                    elif adopted:
                        translation.save()
    return counts


def _fill(item, term: Term, language: str, model_name: str, *, label_only: bool = False) -> bool:
    """Set the item's fields from the term; True when something changed."""
    values = {"name": term.label(language)}
    if not label_only:
        values["synonyms"] = "\n".join(term.synonyms)
        if term.description:
            values["description"] = term.description.get(language) or term.description.get("en", "")
        if model_name == "TargetGroup":
            values["category"] = term.category
    changed = False
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed = True
    return changed


class Command(BaseCommand):
    help = "Load the vocabularies (themes, target groups, transfer audiences, organisation types). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=VOCABULARIES_FILE, help="YAML file (default: %(default)s)")
        parser.add_argument(
            "--update", action="store_true", help="Reset labels, synonyms and categories to the file's values"
        )

    def handle(self, *args, **options):
        try:
            counts = sync_vocabularies(options["file"], update=options["update"])
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot load {options['file']}: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Vocabularies: {counts['created']} terms created, {counts['translated']} translations created, "
                f"{counts['updated']} updated."
            )
        )
