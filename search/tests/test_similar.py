import pytest

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
