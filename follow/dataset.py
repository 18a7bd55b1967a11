"""The whole collection as one dated, versioned file: a zip with the records, a licence and a dictionary."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from follow.exports import csv_lines, jsonl_lines
from follow.records import COLUMNS, DATASET_VERSION, all_public_ids, full_record, practices_in_order, row


def dataset_name(today: datetime.date) -> str:
    return f"praxis-dataset-v{DATASET_VERSION}-{today.isoformat()}.zip"


def licence_text(today: datetime.date) -> str:
    return (
        f"Praxis: good practices for the labour-market integration of migrants and refugees\n"
        f"Dataset version {DATASET_VERSION}, exported on {today.isoformat()}.\n\n"
        f"The practice records (facts, codes and the editors' own summaries and descriptions) are published\n"
        f"under {settings.PRAXIS_DATA_LICENCE_NAME}: {settings.PRAXIS_DATA_LICENCE_URL}\n\n"
        "Attribution: name Praxis and the address of each record you reuse (the 'url' field).\n"
        "Texts of the original sources are not part of this dataset; they belong to their publishers and\n"
        "are linked under 'source_urls'. Contacts appear with name and function only, and only where the\n"
        "person agreed to be published.\n"
    )


def data_dictionary(today: datetime.date) -> dict:
    """A Frictionless-style descriptor: the files, their columns and what each column means."""
    with translation.override("en"):
        fields = [
            {"name": column.name, "description": str(column.description), "type": "array" if column.is_list else "any"}
            for column in COLUMNS
        ]
    return {
        "name": "praxis-practices",
        "version": DATASET_VERSION,
        "created": today.isoformat(),
        "licenses": [{"name": settings.PRAXIS_DATA_LICENCE_NAME, "path": settings.PRAXIS_DATA_LICENCE_URL}],
        "resources": [
            {"name": "practices", "path": "practices.csv", "format": "csv", "schema": {"fields": fields}},
            {
                "name": "practice-records",
                "path": "practices.jsonl",
                "format": "jsonl",
                "description": "The full record of each practice, as /api/practices/<id>/ gives it.",
            },
        ],
    }


def write_dataset(directory: Path, today: datetime.date | None = None) -> tuple[Path, int]:
    """Write the dump into ``directory``; returns its path and the number of practices."""
    today = today or timezone.localdate()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / dataset_name(today)
    ids = all_public_ids()
    pages = list(practices_in_order(ids))
    partial = path.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LICENSE.txt", licence_text(today))
        archive.writestr("datapackage.json", json.dumps(data_dictionary(today), indent=2, ensure_ascii=False))
        archive.writestr("practices.csv", "".join(csv_lines(row(page) for page in pages)))
        buffer = io.StringIO()
        buffer.writelines(jsonl_lines(full_record(page) for page in pages))
        archive.writestr("practices.jsonl", buffer.getvalue())
    partial.replace(path)  # a reader never sees half a file
    return path, len(pages)
