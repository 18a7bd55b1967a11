"""A recording cluster for contract tests: the clients' own transport layer answers from scripted routes.

The ``elasticsearch`` client gets a ``node_class`` and ``opensearch-py`` a ``connection_class`` whose
``perform_request`` records the method, path and decoded body (NDJSON lines for bulk requests) and
answers with the first matching route: nothing above the HTTP layer is replaced.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from opensearchpy import Connection

from search.backends.elasticsearch import ClusterClient

RESPONSES = Path(__file__).parent / "cluster_responses"


def recorded(name: str, **ids: int) -> dict:
    """A response fixture with ``"__name__"`` placeholders replaced by page ids."""
    text = (RESPONSES / name).read_text()
    for key, value in ids.items():
        text = text.replace(f'"__{key}__"', str(value))
    return json.loads(text)


class FakeCluster:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, object]] = []
        self.routes: list[tuple[str, re.Pattern, object]] = []

    def on(self, method: str, path: str, response) -> FakeCluster:
        """Answer ``method path`` (a regular expression) with a dict, a list of dicts (one per call) or a
        callable of the request body."""
        self.routes.append((method, re.compile(path), response))
        return self

    def searches(self) -> list[dict]:
        return [body for method, path, body in self.requests if path.split("?")[0].endswith("/_search")]

    def handle(self, method: str, target: str, raw: bytes | None) -> tuple[int, dict]:
        path = target.split("?")[0]
        if raw and path.endswith("/_bulk"):
            body: object = [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
        else:
            body = json.loads(raw) if raw else None
        self.requests.append((method, target, body))
        for wanted, pattern, response in self.routes:
            if wanted == method and pattern.fullmatch(path):
                if callable(response):
                    return 200, response(body)
                if isinstance(response, list):
                    return 200, response.pop(0)
                return 200, response
        if path.endswith("/_bulk"):
            actions = [line for line in body if set(line) & {"index", "delete", "create", "update"}]
            items = [{next(iter(a)): {"_id": next(iter(a.values())).get("_id"), "status": 200}} for a in actions]
            return 200, {"took": 1, "errors": False, "items": items}
        return 200, {"acknowledged": True}

    def elasticsearch(self) -> ClusterClient:
        cluster = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
                status, payload = cluster.handle(method, target, body)
                headers = HttpHeaders(
                    {
                        "content-type": "application/vnd.elasticsearch+json;compatible-with=9",
                        "x-elastic-product": "Elasticsearch",
                    }
                )
                meta = ApiResponseMeta(status, "1.1", headers, 0.0, self.config)
                return NodeApiResponse(meta, json.dumps(payload).encode())

        return ClusterClient.elasticsearch("http://cluster.test:9200", node_class=Node)

    def opensearch(self) -> ClusterClient:
        cluster = self

        class RecordingConnection(Connection):
            def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(), headers=None):
                raw = body.encode() if isinstance(body, str) else body
                status, payload = cluster.handle(method, url, raw)
                return status, {"content-type": "application/json"}, json.dumps(payload)

        return ClusterClient.opensearch("http://cluster.test:9200", connection_class=RecordingConnection)
