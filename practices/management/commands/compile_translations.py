from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS and the project apps to .mo (no GNU gettext needed)."

    def handle(self, *args, **options):
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [Path(settings.BASE_DIR) / app / "locale" for app in ("practices", "search", "importers", "cards")]
        compiled = 0
        for root in roots:
            if not root.is_dir():
                continue
            for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        self.stdout.write(self.style.SUCCESS(f"Compiled {compiled} translation catalogue(s)."))
