"""Every interface string of the transfer tools has a German translation in the catalogue."""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
SOURCES = [
    *sorted((ROOT / "transfer").glob("*.py")),
    ROOT / "practices" / "transfer_facts.py",
    ROOT / "practices" / "blocks.py",
    ROOT / "search" / "geo.py",
]
TEMPLATES = [
    *sorted((ROOT / "templates" / "transfer").glob("*.html")),
    *(
        ROOT / "templates" / "components" / name
        for name in ("transfer_facts.html", "prerequisites.html", "near_filter.html")
    ),
]
KEYWORDS = ["_", "gettext", "gettext_lazy", "ngettext:1,2", "ngettext_lazy:1,2", "pgettext:1c,2", "npgettext:1c,2,3"]


def extracted(tmp_path: Path) -> polib.POFile:
    files = [str(path) for path in SOURCES]
    for template in TEMPLATES:  # the way makemessages reads templates
        target = tmp_path / f"{template.name}.py"
        target.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)), encoding="utf-8")
        files.append(str(target))
    output = tmp_path / "transfer.pot"
    command = ["xgettext", "--language=Python", "--from-code=UTF-8", "--output", str(output)]
    subprocess.run(command + [f"--keyword={k}" for k in KEYWORDS] + files, check=True)  # noqa: S603
    return polib.pofile(str(output))


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (gettext) is not installed")
def test_german_catalogue_has_every_transfer_string(tmp_path):
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(ROOT / "locale/de/LC_MESSAGES/django.po"))}
    strings = extracted(tmp_path)
    assert len(strings) > 100  # the extraction found the strings (not an empty run)
    missing = [entry.msgid for entry in strings if entry.msgid not in catalogue]
    assert missing == []
    untranslated = [
        entry.msgid
        for entry in strings
        if not (catalogue[entry.msgid].msgstr or any(catalogue[entry.msgid].msgstr_plural.values()))
    ]
    assert untranslated == []
