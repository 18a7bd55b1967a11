from __future__ import annotations

from django.core.management.base import BaseCommand

from follow.alerts import send_digests
from follow.tasks import send_digests_task


class Command(BaseCommand):
    help = "Send the weekly and monthly digests of new practices to confirmed subscribers whose time has come."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Hand the work to the task backend instead")

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            result = send_digests_task.enqueue()
            self.stdout.write(self.style.SUCCESS(f"Enqueued as task {result.id}"))
            return
        counts = send_digests()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['sent']} digests sent, {counts['nothing_new']} with nothing new, "
                f"{counts['expired']} unconfirmed subscriptions removed"
            )
        )
