from __future__ import annotations

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from importers.documents import Failure, expand_paths, group_practices, parse_files, read_files
from importers.loading import LoadError, load_record, vocabulary_from_database
from importers.parsers import PARSERS

PROGRESS_FROM = 5  # files; fewer finish before a bar would be useful


class Command(BaseCommand):
    help = (
        "Import practice pages from other good-practice databases (ILO, Cities of Migration, EQUAL, "
        "IQ Good Practice, or generic) as .txt or .html files into draft practices."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, folders or globs (.txt, .html, .htm)")
        parser.add_argument(
            "--source-kind", default="auto", choices=["auto", *PARSERS], help="format of the files (default: auto)"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
        parser.add_argument("--format", default="text", choices=["text", "json"], help="report format")
        parser.add_argument("--publish", action="store_true", help="publish instead of submitting for moderation")
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES],
            help="language of the source texts (default: %(default)s)",
        )

    def handle(self, *args, **options):
        locale = Locale.objects.filter(language_code=options["locale"]).first()
        if locale is None:
            raise CommandError(f"Locale '{options['locale']}' does not exist yet; run migrations first.")
        paths, failures = expand_paths(options["paths"])
        documents = []
        for item in read_files(paths):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                documents.append(item)
        records, parse_failures = parse_files(
            documents,
            kind=options["source_kind"],
            vocabulary=vocabulary_from_database(),
            language=options["locale"],
            progress=self._progress,
        )
        failures += parse_failures
        groups = group_practices(records)

        for failure in failures:
            self.stderr.write(f"{failure.name}: {failure.message}")

        if options["dry_run"]:
            self._report_dry_run(groups, options["format"])
        else:
            self._load(groups, locale, options, failures)
        if failures:
            sys.exit(1)

    def _report_dry_run(self, groups, output_format: str) -> None:
        if output_format == "json":
            self.stdout.write(json.dumps([g.record.to_json_dict() for g in groups], ensure_ascii=False, indent=2))
            return
        for group in groups:
            record = group.record
            self.stdout.write(self.style.MIGRATE_HEADING(record.title or "(no title)"))
            self.stdout.write(f"  files: {', '.join(group.files)}; confidence {record.confidence:.2f}")
            for match in group.matches:
                self.stdout.write(f"  merged: {match}")
            for warning in record.warnings:
                self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
        self.stdout.write(f"{len(groups)} practice(s) parsed, nothing written (--dry-run)")

    def _load(self, groups, locale, options, failures) -> None:
        counts = dict.fromkeys(("created", "updated", "merged", "unchanged", "conflict", "review"), 0)
        for group in groups:
            try:
                result = load_record(group.record, locale=locale, publish=options["publish"])
            except (LoadError, Exception) as error:  # one bad practice must not stop the others
                failures.append(Failure(", ".join(group.files), str(error)))
                self.stderr.write(f"{', '.join(group.files)}: not imported: {error}")
                continue
            counts[result.status] += 1
            style = self.style.WARNING if result.status in ("conflict", "review") else self.style.SUCCESS
            if options["format"] == "text":
                self.stdout.write(style(f"{result.status}: {result.message}"))
                for match in group.matches:
                    self.stdout.write(f"  {match}")
                for warning in [*group.record.warnings, *result.warnings]:
                    self.stdout.write(self.style.WARNING(f"  warning: {warning}"))
        if counts["conflict"]:
            self.stdout.write(self.style.WARNING(f"{counts['conflict']} conflict(s): editors' revisions were kept"))
        if counts["review"]:
            self.stdout.write(self.style.WARNING(f"{counts['review']} for review: nothing written, see the messages"))
        self.stdout.write(
            f"created {counts['created']}, updated {counts['updated']}, merged {counts['merged']}, "
            f"unchanged {counts['unchanged']}, failed {len(failures)}"
        )

    def _progress(self, number: int, total: int) -> None:
        if total < PROGRESS_FROM or not self.stderr.isatty():
            return
        width = 30
        done = int(width * number / total)
        self.stderr.write(f"\rparsing [{'#' * done}{'.' * (width - done)}] {number}/{total}", ending="")
        if number == total:
            self.stderr.write("")
