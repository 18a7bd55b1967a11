"""The judged relevance set (search/relevance/judgements.yaml) on the demo practices: floors per group."""

import pytest
from django.core.management import call_command
from django.db import transaction

from search.relevance.evaluate import evaluate, load_judgements

FLOORED_GROUPS = ("labels", "inflection", "names", "cross")


@pytest.fixture(scope="module")
def scores(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield evaluate()
        transaction.set_rollback(True)


def test_the_judged_set_is_large_and_covers_both_languages():
    judged = load_judgements()
    assert len(judged) >= 40
    groups = {(item.group, item.lang) for item in judged}
    for group in ("single", "inflection", "labels", "acronyms", "names", "natural", "typos", "cross"):
        assert {(group, "en"), (group, "de")} <= groups, group
    assert sum(1 for item in judged if item.group == "typos") >= 10


@pytest.mark.django_db
def test_recall_floors(scores):
    _measured, groups = scores
    for score in groups:
        if score.group in FLOORED_GROUPS:
            assert score.recall >= 0.9, (score.group, score.lang, score.recall, score.misses)
        assert score.recall >= 0.6, (score.group, score.lang, score.recall, score.misses)


@pytest.mark.django_db
def test_typos_suggest_the_intended_word(scores):
    measured, _groups = scores
    typos = [item for item in measured if item.judged.suggest]
    assert sum(item.suggestion_ok for item in typos) >= 9 * len(typos) // 10
