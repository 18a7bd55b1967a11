import pytest

from practices.models import PracticePage
from search.models import SimilarPractice
from search.similar import similar_practices

pytestmark = pytest.mark.django_db


def test_similar_practices_are_stored_on_publish_and_shown(client, shared_corpus):
    bridge = shared_corpus["bridge"]
    stored = list(SimilarPractice.objects.filter(page=bridge).values_list("similar__title", flat=True))
    assert 1 <= len(stored) <= 4 and "Bridge to Work" not in stored
    # "German at Work" shares the employer-engagement theme.
    assert "German at Work" in stored
    html = client.get(bridge.url).content.decode()
    section = html[html.index('id="similar-practices-heading"') :]
    assert section.count('<article class="practice-card') == len(stored)


def test_unpublished_practices_drop_out_of_similar(shared_corpus):
    bridge, german = shared_corpus["bridge"], shared_corpus["language"]
    assert german in list(similar_practices(bridge))
    german.unpublish()
    assert german not in list(similar_practices(bridge))


def test_reading_similar_practices_does_not_recompute(shared_corpus, django_assert_max_num_queries):
    bridge = shared_corpus["bridge"]
    # One existence check, the practices, their places and themes (computing takes a dozen more).
    with django_assert_max_num_queries(5):
        list(similar_practices(bridge))


@pytest.mark.parametrize("seed", [3, 11])
def test_bulk_similar_practices_equal_those_computed_one_at_a_time(site_tree, seed):
    """``refresh_all`` scores blocks of practices together; each practice alone must get the same neighbours."""
    import random

    from practices.models import PracticePage
    from search.bench.data import create_practices
    from search.similar import BLOCK, compute_similar, refresh_all

    create_practices(BLOCK + 17, seed=seed)  # more than one block
    pages = list(PracticePage.objects.live())
    # a few translations and an unpublished practice: other versions and drafts are never neighbours
    rng = random.Random(seed)
    hidden = rng.choice(pages)
    hidden.unpublish()
    assert refresh_all() == len(pages) - 1
    stored = {}
    for page_id, similar_id, score in SimilarPractice.objects.order_by("page", "position").values_list(
        "page_id", "similar_id", "score"
    ):
        stored.setdefault(page_id, []).append((similar_id, score))
    for page in rng.sample([p for p in pages if p.pk != hidden.pk], 25):
        alone = compute_similar(page)
        assert alone == stored.get(page.pk, [])
        assert alone and all(pk not in (page.pk, hidden.pk) for pk, _ in alone)
        assert [score for _, score in alone] == sorted((score for _, score in alone), reverse=True)


def test_similar_practices_share_terms_and_rare_words(site_tree):
    from practices.models import PracticePage
    from search.similar import compute_similar
    from search.tests.factories import make_practice

    base = make_practice(
        site_tree.index, "Welding apprenticeships", themes=("mentoring",), summary="Shipyards train welders."
    )
    same_terms = make_practice(site_tree.index, "Other mentoring", themes=("mentoring",), summary="Helps people.")
    same_words = make_practice(
        site_tree.index, "Shipyards hire", themes=("mentoring",), summary="Shipyards need welders badly."
    )
    unrelated = make_practice(site_tree.index, "Unrelated", themes=(), target_groups=(), summary="Nothing alike.")
    similar = [pk for pk, _ in compute_similar(PracticePage.objects.get(pk=base.pk))]
    # both share the theme and target group; the shared rare words put one first
    assert similar[0] == same_words.pk and same_terms.pk in similar and unrelated.pk not in similar


def test_refresh_search_prints_progress_and_counts(site_tree):
    import io

    from django.core.management import call_command

    from search.bench.data import create_practices

    create_practices(6)
    out = io.StringIO()
    call_command("refresh_search", "--skip-wagtail-index", stdout=out)
    text = out.getvalue()
    assert "search documents: 6/6 (100 %)" in text and "similar practices: 6/6 (100 %)" in text
    assert "Similar practices computed for 6 practices." in text
    assert SimilarPractice.objects.filter(page__in=PracticePage.objects.all()).exists()
