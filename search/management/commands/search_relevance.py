"""``make relevance``: recall@20 and MRR of the judged queries (search/relevance/judgements.yaml) per group
and language."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from practices.models import PracticePage
from search.relevance.evaluate import evaluate, table


class Command(BaseCommand):
    help = "Evaluate the practice search against the judged relevance set (loads the demo practices if missing)."

    def add_arguments(self, parser):
        parser.add_argument("--verbose-misses", action="store_true", help="List the results of each imperfect query")

    def handle(self, **options):
        call_command("migrate", verbosity=0, interactive=False)
        if not PracticePage.objects.exists():
            call_command("load_vocabularies", verbosity=0)
            call_command("load_demo", verbosity=0)
            call_command("refresh_search", verbosity=0)
        measured, scores = evaluate()
        self.stdout.write(table(scores))
        typos = [item for item in measured if item.judged.suggest]
        suggested = sum(item.suggestion_ok for item in typos)
        self.stdout.write(f"\nTypos with the intended word suggested: {suggested} of {len(typos)}")
        if options["verbose_misses"]:
            for item in measured:
                if item.recall < 1 or (item.judged.suggest and not item.suggestion_ok):
                    missing = [slug for slug in item.judged.expected if slug not in item.found[:20]]
                    judged = item.judged
                    self.stdout.write(f"  {judged.lang} {judged.q!r} suggested={item.suggested!r} missing={missing}")
