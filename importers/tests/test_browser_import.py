"""An editor's import in Chromium, with a queue that waits for a worker: the status page follows the task by
itself (importers/static/importers/progress.js) into the review and then into the results."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from importers.models import PendingImport
from importers.tasks import import_pending_import, parse_pending_import
from practices.models import PracticePage

from .conftest import FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_status_page_follows_the_task_into_the_review_and_the_results(live_server, site_tree, browser):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(live_server.url + "/admin/import/")
    files = [FIXTURES / "ilo_bridge_to_work.txt", FIXTURES / "com_bridge_mentors.txt"]
    page.set_input_files("input[name=files]", files)
    page.click("button.button[type=submit]:has-text('Read the files')")
    status = page.locator("#import-progress-text[role=status]")
    assert status.inner_text() == "Waiting for the background worker to start."
    assert page.locator("progress").count() == 1

    pending = PendingImport.objects.get()
    parse_pending_import.call(pending.pk)  # the worker, in this thread; the page notices by itself
    page.wait_for_selector("#import-confirm", timeout=10_000)
    assert page.locator("input[name=include]").count() == 2
    page.uncheck("input[name=include][value='ilo_bridge_to_work.txt']")
    page.click("#import-confirm button[type=submit]")
    page.wait_for_selector("progress")
    assert "Creating the drafts" in page.content()

    import_pending_import.call(pending.pk)
    page.wait_for_selector("text=Import results", timeout=10_000)
    page.get_by_role("link", name="Mentors who open doors").wait_for()
    assert list(PracticePage.objects.values_list("title", flat=True)) == ["Mentors who open doors"]
    assert page.evaluate("window.__violations") == []
    context.close()
