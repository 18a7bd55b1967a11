"""The controlled vocabularies and region names the knowledge base starts with, read from data files.

``practices/data/vocabularies.yaml`` holds each term's stable ``slug``, its label per language and the
synonyms importers match; ``manage.py load_vocabularies`` writes it into the taxonomy snippets (idempotent,
run by ``make setup`` and the test fixtures). ``practices/data/regions.yaml`` names first-level regions per
language. Both are data: a third language adds labels here, not code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.translation import get_language

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARIES_FILE = DATA_DIR / "vocabularies.yaml"
REGIONS_FILE = DATA_DIR / "regions.yaml"

# vocabulary name in the data file -> model name in practices.models
MODELS = {
    "target_groups": "TargetGroup",
    "themes": "Theme",
    "organisation_types": "OrganisationType",
    "transfer_audiences": "TransferAudience",
}


@dataclass(frozen=True)
class Term:
    slug: str
    labels: dict[str, str]
    synonyms: tuple[str, ...] = ()
    category: str = ""
    description: dict[str, str] = field(default_factory=dict)

    @property
    def en(self) -> str:
        return self.labels["en"]

    @property
    def de(self) -> str:
        return self.labels.get("de", self.en)

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.en


@functools.cache
def load_vocabularies(path: Path = VOCABULARIES_FILE) -> dict[str, tuple[Term, ...]]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    unknown = set(data) - set(MODELS)
    if unknown:
        raise ValueError(f"{path.name}: unknown vocabularies {sorted(unknown)}; known: {sorted(MODELS)}")
    vocabularies = {}
    for name in MODELS:
        terms = []
        for entry in data.get(name) or ():
            labels = {str(code): str(label) for code, label in (entry.get("labels") or {}).items()}
            if "en" not in labels:
                raise ValueError(f"{path.name}: term {entry.get('slug')!r} in {name} has no English label")
            terms.append(
                Term(
                    slug=str(entry["slug"]),
                    labels=labels,
                    synonyms=tuple(str(word) for word in entry.get("synonyms") or ()),
                    category=str(entry.get("category") or ""),
                    description={str(k): str(v) for k, v in (entry.get("description") or {}).items()},
                )
            )
        vocabularies[name] = tuple(terms)
    return vocabularies


class _Vocabularies(dict):
    """``VOCABULARIES[name]``: read from the data file on first use (importers and tests use this name)."""

    def _data(self) -> dict[str, tuple[Term, ...]]:
        return load_vocabularies()

    def __getitem__(self, key: str) -> tuple[Term, ...]:
        return self._data()[key]

    def __iter__(self):
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def items(self):  # type: ignore[override]
        return self._data().items()

    def keys(self):  # type: ignore[override]
        return self._data().keys()

    def values(self):  # type: ignore[override]
        return self._data().values()


VOCABULARIES: dict[str, tuple[Term, ...]] = _Vocabularies()


@functools.cache
def _regions(path: Path = REGIONS_FILE) -> dict[str, dict[str, str]]:
    """English region name -> {language: name}; the country is only there to keep the file readable."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    names: dict[str, dict[str, str]] = {}
    for regions in data.values():
        for english, labels in (regions or {}).items():
            names[str(english)] = {str(code): str(label) for code, label in (labels or {}).items()}
    return names


def region_name(name: str, language: str | None = None) -> str:
    """A region recorded in English ("Bavaria"), named in ``language`` or the active one ("Bayern")."""
    if not name:
        return name
    language = (language or get_language() or "en").split("-")[0]
    return _regions().get(name, {}).get(language, name)
