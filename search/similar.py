"""Similar practices: shared themes, target groups and transfer audiences, and shared words.

Computed in the background after a practice is published (``search.tasks.refresh_similar``: for it and
for the practices it resembles most) and for all practices by ``refresh_search``; a practice page reads
its four stored neighbours with one query, so no request scans the collection.
"""

from __future__ import annotations

from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, QuerySet

from practices.models import PracticePage
from practices.visibility import public
from search.analysis import WORD
from search.facet_index import facet_index
from search.models import SimilarPractice
from search.ranking import ranked_ids

SIMILAR_COUNT = 4
TEXT_HITS = 20
TERM_WEIGHTS = {"themes": 3.0, "target_groups": 2.0, "transfer_audiences": 1.5}
TEXT_WEIGHT = 2.0
DISTINCTIVE_WORDS = 6
COMPUTED_MARK = "similar-computed:{}"


def _distinctive_words(page: PracticePage) -> str:
    """A few longer words of the title, short name and summary: enough for the backend to rank by them."""
    words = WORD.findall(f"{page.short_name} {page.title} {page.summary}".lower())
    longest = sorted(dict.fromkeys(w for w in words if len(w) > 4), key=len, reverse=True)
    return " ".join(longest[:DISTINCTIVE_WORDS])


def _candidates(page: PracticePage) -> set[int]:
    """The practices shown in the page's language (the cluster's index of it, or the facet index)."""
    from search.engine import answered_by_cluster

    if answered_by_cluster():
        from search.cluster import shown_ids

        return shown_ids(page.locale.language_code)
    index = facet_index()
    return set(index.ordered(index.candidates(page.locale_id), "title"))


def compute_similar(page: PracticePage) -> list[tuple[int, float]]:
    """Up to ``SIMILAR_COUNT`` (id, score) pairs of live practices in the page's language, best first."""
    candidate_ids = _candidates(page)
    candidate_ids -= set(PracticePage.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True))
    scores: Counter = Counter()
    for field_name, weight in TERM_WEIGHTS.items():
        through = PracticePage._meta.get_field(field_name).remote_field.through
        column = f"{PracticePage._meta.get_field(field_name).related_model._meta.model_name}_id"
        term_ids = through.objects.filter(practicepage_id=page.pk).values(column)
        rows = (
            through.objects.filter(**{f"{column}__in": term_ids})
            .exclude(practicepage_id=page.pk)
            .values("practicepage_id")
            .annotate(shared=Count("pk"))
        )
        for row in rows:
            if row["practicepage_id"] in candidate_ids:
                scores[row["practicepage_id"]] += weight * row["shared"]
    words = _distinctive_words(page)
    if words:
        ranked = ranked_ids(words, language=page.locale.language_code, operator="or")
        hits = [pk for pk in ranked if pk in candidate_ids]
        for rank, pk in enumerate(hits[:TEXT_HITS]):
            scores[pk] += TEXT_WEIGHT * (1 - rank / TEXT_HITS)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:SIMILAR_COUNT]


def store_similar(page: PracticePage) -> list[int]:
    pairs = compute_similar(page)
    with transaction.atomic():
        SimilarPractice.objects.filter(page=page).delete()
        SimilarPractice.objects.bulk_create(
            SimilarPractice(page=page, similar_id=pk, score=score, position=position)
            for position, (pk, score) in enumerate(pairs)
        )
    cache.set(COMPUTED_MARK.format(page.pk), True, timeout=None)
    return [pk for pk, _ in pairs]


def similar_practices(page: PracticePage) -> QuerySet:
    """The stored similar practices that are still live and public (computed once if never computed)."""
    if not cache.get(COMPUTED_MARK.format(page.pk)) and not SimilarPractice.objects.filter(page=page).exists():
        store_similar(page)
    return (
        public(PracticePage.objects.live())
        .filter(similarpractice_links__page=page)
        .order_by("similarpractice_links__position")
        .prefetch_related("places", "themes")
    )


def refresh_after_publish(page: PracticePage) -> None:
    """The published practice's neighbours, and theirs (the new practice may now belong there)."""
    for pk in store_similar(page):
        store_similar(PracticePage.objects.get(pk=pk))


def refresh_all(pages: QuerySet | None = None) -> int:
    pages = pages if pages is not None else PracticePage.objects.live().filter(alias_of__isnull=True)
    count = 0
    for page in pages.select_related("locale").order_by("pk").iterator():
        store_similar(page)
        count += 1
    return count
