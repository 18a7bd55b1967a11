import pytest

from search.tests.conftest import build_corpus


@pytest.fixture
def corpus(site_tree):
    """The search tests' five published practices (Bridge to Work, Mentors for Women, ...)."""
    return build_corpus(site_tree.index)
