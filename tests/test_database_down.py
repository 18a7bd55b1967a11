"""With the database down every route answers 503 with Retry-After and a short page (JSON on JSON routes).

Django runs in a subprocess whose database is a refused port: a real failure to connect, no mocks.
"""

import json

import pytest

from tests.test_health_and_settings import run_django

PATHS = [
    ("/en/practices/", "html"),
    ("/en/", "html"),
    ("/de/practices/some-practice/", "html"),
    ("/embed/practices/some-practice/", "html"),
    ("/api/search/?q=work", "json"),
    ("/api/practices/1/card/", "json"),
    ("/api/practices/", "json"),
    ("/oembed/?url=http://testserver/en/practices/some-practice/", "json"),
]


@pytest.fixture(scope="module")
def answers():
    code = (
        "import django, json, os; django.setup();"
        "from django.test import Client;"
        "client = Client(raise_request_exception=False);"
        "out = {};"
        "paths = json.loads(os.environ['ARGS']);"
        "[out.__setitem__(p, (lambda r: [r.status_code, r.get('Retry-After'), r.get('Content-Type'),"
        " r.content.decode()])(client.get(p))) for p in paths];"
        "print(json.dumps(out))"
    )
    result = run_django(
        code,
        DJANGO_SETTINGS_MODULE="kb.settings.test",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",  # nothing listens on port 9: refused at once
        ARGS=json.dumps([path for path, _kind in PATHS]),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("path", "kind"), PATHS)
def test_routes_answer_503_while_the_database_is_down(answers, path, kind):
    status, retry_after, content_type, body = answers[path]
    assert status == 503, body[:500]
    assert retry_after == "30"
    assert "Traceback" not in body and "OperationalError" not in body
    if kind == "json":
        assert content_type == "application/json"
        assert json.loads(body) == {"error": "The service is temporarily unavailable."}
    else:
        assert content_type.startswith("text/html")
        assert ("Temporarily unavailable" in body or "Vorübergehend nicht erreichbar" in body) and len(body) < 2000
