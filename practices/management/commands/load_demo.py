from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.demo.loader import DEMO_FILE, DemoDataError, load_demo


class Command(BaseCommand):
    help = "Create the site structure and load the demo practices. Idempotent: existing pages are kept."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="YAML file to load (default: %(default)s)")

    def handle(self, *args, **options):
        try:
            report = load_demo(options["file"], log=self.stdout.write)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: created {report.created}, kept {report.kept} existing, "
                f"translations created {report.translated}, organisations created {report.organisations}."
            )
        )
