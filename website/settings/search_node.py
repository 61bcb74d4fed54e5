"""Which of Wagtail's node backends to use for SEARCH_URL: SEARCH_ENGINE names it, otherwise the
node's own GET / tells (OpenSearch and Elasticsearch need different clients)."""

from __future__ import annotations

from search.node_info import node_urls, read_node_info

# opensearch-py 3 speaks to OpenSearch 2 and 3 servers; modelsearch's opensearch3 backend is the
# one written for that client, so both server versions use it.
BACKENDS = {
    "opensearch2": "search.wagtail_backends.OpenSearch3Backend",
    "opensearch3": "search.wagtail_backends.OpenSearch3Backend",
    "elasticsearch8": "search.wagtail_backends.Elasticsearch8Backend",
    "elasticsearch9": "search.wagtail_backends.Elasticsearch9Backend",
}


def detect_engine(url: str, cafile: str | None, verify: bool) -> str:
    try:
        return read_node_info(url, 2.0, cafile, verify).engine
    except (OSError, ValueError):
        return "opensearch2"  # the node is down: the breaker keeps it out of the way until it is back


def wagtail_backend(
    url: str,
    engine: str | None,
    index_prefix: str,
    timeout: float,
    cafile: str | None,
    verify: bool,
    shards: int = 1,
    replicas: int | None = None,
) -> dict:
    """``replicas`` None: one replica on a cluster of two data nodes or more, none on one."""
    engine = engine or detect_engine(url, cafile, verify)
    options = {"max_retries": len(node_urls(url)) - 1, "retry_on_timeout": False, "verify_certs": verify}
    if cafile:
        options["ca_certs"] = cafile
    return {
        "BACKEND": BACKENDS[engine],
        "URLS": node_urls(url),
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": {
            "settings": {
                "index": {
                    "number_of_shards": shards,
                    **({"auto_expand_replicas": "0-1"} if replicas is None else {"number_of_replicas": replicas}),
                }
            }
        },
        "OPTIONS": options,
    }
