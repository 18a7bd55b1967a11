"""Translating pages from code the way an editor does it in wagtail-localize's translation editor.

wagtail-localize keeps a frozen copy of the source page (``TranslationSource``), splits its translatable
fields into strings (``StringSegment``) and stores one ``StringTranslation`` per string and language. The
target page is written from those strings by ``Translation.save_target``; synchronised fields (facts,
taxonomy links, places...) are copied from the source each time.

Code that brings its own translated text (the demo loader, an importer) must go through the same
objects; a page made with ``copy_for_translation`` alone is an orphan copy that the translation editor
cannot sync. :func:`translate_page` records the translated text as ``StringTranslation`` rows, so the
translation shows up in the editor as translated and later source updates sync into it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TranslationMismatchError(ValueError):
    """The translated text does not have the shape of the source (e.g. another number of paragraphs)."""


def _translated_strings(instance) -> dict[str, list[str]]:
    """The translatable strings of an instance, grouped by field path, in document order."""
    strings: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string.data)
    return strings


def record_translation_strings(source: TranslationSource, translated, locale: Locale, *, strict: bool = True) -> int:
    """Store the text of ``translated`` as translations of ``source``'s strings; returns how many were stored.

    ``translated`` is an instance of the source's model holding the translated text in the source's
    structure: each field path must have as many strings (paragraphs, list items, block texts) as the
    source (``strict``), otherwise that field is skipped. Strings left equal to the source are not
    recorded, so the editor shows them as still to do.
    """
    source_segments: dict[str, list[StringSegment]] = defaultdict(list)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"):
        source_segments[segment.context.path].append(segment)
    translated_strings = _translated_strings(translated)

    stored = 0
    for path, segments in source_segments.items():
        texts = translated_strings.get(path, [])
        if len(texts) != len(segments):
            if not strict:
                continue
            raise TranslationMismatchError(
                f"{source.object_repr}: '{path}' has {len(segments)} text part(s) in the source "
                f"but {len(texts)} in the {locale.language_code} translation"
            )
        for segment, text in zip(segments, texts, strict=True):
            if text == segment.string.data:
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
            stored += 1
    return stored


@transaction.atomic
def translate_page(
    page: Page,
    locale: Locale,
    write: Callable[[Page], None],
    *,
    strict: bool = True,
    keep_existing: bool = True,
    publish: bool = True,
) -> tuple[Page, bool]:
    """The translation of ``page`` into ``locale``, made through wagtail-localize if it is missing.

    ``write`` receives a copy of the source page and sets the translated text on it (title, rich text,
    block texts...); the text is recorded as translation strings (``strict``: it must have the source's
    shape). Returns ``(translated page, created)``; created: wagtail-localize manages it from now on. A new
    translation is published (``publish``) or left as a draft revision for the caller
    (``practices.writing.PracticeWriter.translate`` submits it to moderation).

    With ``keep_existing`` (the default) this is idempotent: when wagtail-localize already manages a
    translation for this locale, nothing changes (an editor may have edited it). A translation that exists
    without wagtail-localize (a plain ``copy_for_translation``) is adopted: its current text becomes the
    recorded translation and the page itself is left as it is. Without ``keep_existing`` the text is
    recorded for the existing translation too, and the caller writes it onto the page's next revision.
    """
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, created = Translation.objects.get_or_create(source=source, target_locale=locale)
    existing = page.get_translation_or_none(locale)
    if existing is not None and keep_existing:
        if created:
            record_translation_strings(source, existing.specific, locale, strict=False)
        return existing.specific, created

    translated = source.as_instance()
    write(translated)
    record_translation_strings(source, translated, locale, strict=strict)
    if existing is not None:
        return existing.specific, False
    # Saved as a draft and published here rather than with publish=True, which defers publishing to
    # transaction.on_commit: the page must be live as soon as this returns, inside or outside a transaction.
    translation.save_target(publish=False)
    target = translation.get_target_instance().specific
    if publish:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target, True


def sync_translations(page: Page, *, publish: bool = True) -> int:
    """Bring the source's current content into every translation of ``page`` (the editor's "Sync" button).

    Returns the number of translations updated.
    """
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return 0
    source.update_from_db()
    count = 0
    for translation in source.translations.filter(enabled=True):
        translation.save_target(publish=False)
        if publish:
            translation.get_target_instance().get_latest_revision().publish()
        count += 1
    return count
