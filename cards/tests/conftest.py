import pytest

from cards.tests.factories import card_practice, translate


@pytest.fixture
def practice(site_tree):
    return card_practice(site_tree.index)


@pytest.fixture
def practice_de(site_tree, practice):
    return translate(
        practice, site_tree.index_de, title="Brücke in Arbeit Leipzig", summary="Begleitet Neuzugewanderte in Arbeit."
    )
