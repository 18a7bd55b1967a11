from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from follow.dataset import write_dataset


class Command(BaseCommand):
    help = (
        "Write the whole collection of live, public practices as a dated, versioned zip "
        "(CSV, JSON Lines, licence, data dictionary)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="media/datasets", help="Folder for the file (created if missing)")

    def handle(self, *args, output_dir: str, **options):
        path, count = write_dataset(Path(output_dir))
        self.stdout.write(self.style.SUCCESS(f"{count} practices written to {path}"))
