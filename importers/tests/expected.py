"""Which parts of a record the expected JSON files pin down, and how they are compared.

A key ``field`` is compared for equality; ``field__includes`` lists values the field must contain
(vocabulary matches may grow with the vocabulary, so they are pinned as a lower bound).
"""

from __future__ import annotations

from typing import Any

from practices.records import PracticeRecord

EXACT = ("title", "short_name", "short_name_expansion", "source_kind", "language", "start_year", "funders",
         "programmes", "transfer_audiences", "replicated_in", "awards", "lessons", "warnings")  # fmt: skip
INCLUDES = ("target_groups", "themes")


def summarise(record: PracticeRecord) -> dict[str, Any]:
    data = record.to_json_dict()
    result: dict[str, Any] = {key: data[key] for key in EXACT}
    for key in INCLUDES:
        result[f"{key}__includes"] = data[key]
    result["places"] = data["places"]
    result["organisations"] = [{"name": o["name"], "role": o["role"]} for o in data["organisations"]]
    result["contacts"] = [{k: c[k] for k in ("name", "organisation", "email", "phone")} for c in data["contacts"]]
    source = data["sources"][0]
    result["source"] = {k: source[k] for k in ("kind", "date", "last_updated", "contributed_by")}
    return result


def compare(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    problems = []
    for key, want in expected.items():
        if key.endswith("__includes"):
            got = actual.get(key, [])
            missing = [w for w in want if w not in got]
            if missing:
                problems.append(f"{key[:-10]}: missing {missing}, got {got}")
        elif actual.get(key) != want:
            problems.append(f"{key}: expected {want!r}, got {actual.get(key)!r}")
    return problems
