"""Background work: the digests, run by the task worker (or ``manage.py send_digests`` from cron)."""

from __future__ import annotations

from django_tasks import task

from follow.alerts import send_digests


@task()
def send_digests_task() -> dict[str, int]:
    return send_digests()
