"""Every interface text of the follow app has a German translation in the catalogue."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.skipif(not shutil.which("xgettext"), reason="xgettext (GNU gettext) is not installed")
SOURCES = ("follow", "templates/follow", "templates/components/follow_search.html")


def test_every_follow_text_is_in_the_german_catalogue(tmp_path):
    base = Path(settings.BASE_DIR)
    for source in SOURCES:
        target = tmp_path / source
        if (base / source).is_dir():
            shutil.copytree(base / source, target, ignore=shutil.ignore_patterns("tests", "__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(base / source, target)
    (tmp_path / "locale").mkdir()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        call_command("makemessages", locale=["de"], verbosity=0, no_location=True)
    finally:
        os.chdir(cwd)
    extracted = polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    catalogue = polib.pofile(str(base / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in catalogue.translated_entries()}
    assert len(extracted) > 150
    assert [entry.msgid for entry in extracted if entry.msgid not in translated] == []
