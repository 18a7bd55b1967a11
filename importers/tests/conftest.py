"""The importer tests need no Django: parsing is pure Python."""

from __future__ import annotations

import pathlib

import pytest

from importers.vocabulary import Vocabulary

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return Vocabulary.default()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Overrides the repository-wide cache fixture: the importer tests run without Django settings."""
    yield
