"""The node's client: opensearch-py for OpenSearch, elasticsearch-py for Elasticsearch.

Elasticsearch's client refuses to talk to OpenSearch (its product check), so the kind of node
is read from its own ``GET /`` first. Both engines take the same JSON bodies; only a few call
signatures differ, and those differences stay in this module.
"""

from __future__ import annotations

import os
from functools import lru_cache

from search.conf import search_settings
from search.node_info import NodeInfo, node_urls, read_node_info, split_credentials


def _client_errors():
    from elastic_transport import ConnectionError as ElasticConnectionError
    from elastic_transport import ConnectionTimeout as ElasticTimeout
    from elasticsearch import ApiError, NotFoundError, TransportError
    from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
    from opensearchpy.exceptions import ConnectionTimeout as OpenSearchTimeout
    from opensearchpy.exceptions import NotFoundError as OpenSearchNotFound
    from opensearchpy.exceptions import OpenSearchException

    return (
        (NotFoundError, OpenSearchNotFound),
        (ApiError, TransportError, OpenSearchException),
        (ElasticTimeout, OpenSearchTimeout),
        (ElasticConnectionError, OpenSearchConnectionError),
    )


NOT_FOUND, CLIENT_ERRORS, TIMEOUTS, CONNECTION_ERRORS = _client_errors()


class NodeUnavailable(Exception):
    """The node refused, timed out or answered with an error we cannot act on."""


class NodeRefused(NodeUnavailable):
    """No node could be reached: refused, reset or unresolvable."""


class NodeTimeout(NodeUnavailable):
    """A node took longer than the request's timeout to answer."""


class NodeError(NodeUnavailable):
    """A node answered, with an error."""


def unavailable(exc: Exception) -> NodeUnavailable:
    """The client's error as what it says about the node (timeouts first: OpenSearch's client
    counts a timeout as a kind of connection error)."""
    if isinstance(exc, TIMEOUTS):
        return NodeTimeout(str(exc))
    if isinstance(exc, CONNECTION_ERRORS):
        return NodeRefused(str(exc))
    return NodeError(str(exc))


def detect(url: str) -> NodeInfo:
    try:
        return read_node_info(url, search_settings.TIMEOUT, search_settings.CA_CERTS, search_settings.VERIFY_CERTS)
    except TimeoutError as exc:
        raise NodeTimeout(f"the search node did not answer: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise NodeRefused(f"cannot reach the search node: {exc}") from exc


def opensearch_serializer():
    """opensearch-py's JSON serializer with orjson doing the work: a search's answer is some
    17 kB of JSON (a page of hits and nine facets' counts), which the standard library's decoder
    reads in three times orjson's time. Anything orjson cannot write (an integer past 64 bits) is
    written by the standard library, as before."""
    import orjson
    from opensearchpy.serializer import JSONSerializer

    class OrjsonSerializer(JSONSerializer):
        def loads(self, s):
            try:
                return orjson.loads(s)
            except orjson.JSONDecodeError:
                return super().loads(s)  # raises the client's own SerializationError

        def dumps(self, data):
            if isinstance(data, str):
                return data
            try:
                return orjson.dumps(data, default=self.default, option=orjson.OPT_NON_STR_KEYS).decode()
            except orjson.JSONEncodeError:
                return super().dumps(data)

    return OrjsonSerializer()


class NodeClient:
    def __init__(self, url: str, info: NodeInfo, timeout: float) -> None:
        self.info = info
        nodes = [split_credentials(one) for one in node_urls(url)]
        hosts = [plain for plain, _auth in nodes]
        auth = next((auth for _plain, auth in nodes if auth), None)
        # The client spreads requests over the nodes; one that refuses or drops the connection
        # (down, restarting) sends the request to the next node, or once more to a lone node on a
        # new connection. A timeout is not retried: the breaker decides what a slow node gets.
        options = {"request_timeout": timeout, "max_retries": max(1, len(hosts)), "retry_on_timeout": False}
        if any(plain.startswith("https") for plain in hosts):
            options["verify_certs"] = search_settings.VERIFY_CERTS
            if search_settings.CA_CERTS:
                options["ca_certs"] = search_settings.CA_CERTS
        if info.distribution == "opensearch":
            from opensearchpy import OpenSearch

            options["timeout"] = options.pop("request_timeout")
            self.raw = OpenSearch(hosts=hosts, http_auth=auth, serializer=opensearch_serializer(), **options)
        else:
            from elasticsearch import Elasticsearch, OrjsonSerializer

            self.raw = Elasticsearch(hosts=hosts, basic_auth=auth, serializer=OrjsonSerializer(), **options)

    @property
    def is_opensearch(self) -> bool:
        return self.info.distribution == "opensearch"

    @property
    def highlight_limit(self) -> str:
        """The highlight option capping how many characters of a field are analysed."""
        return "max_analyzer_offset" if self.is_opensearch else "max_analyzed_offset"

    def search(self, index: str, body: dict, timeout: float | None = None) -> dict:
        if timeout is None:
            return dict(self.raw.search(index=index, body=body))
        if self.is_opensearch:
            return dict(self.raw.search(index=index, body=body, request_timeout=timeout))
        return dict(self.raw.options(request_timeout=timeout).search(index=index, body=body))

    def youngest_uptime(self, timeout: float) -> float:
        """Seconds since the most recently started node of the cluster started."""
        only = "nodes.*.jvm.uptime_in_millis"
        if self.is_opensearch:
            answer = self.raw.nodes.stats(metric="jvm", filter_path=only, request_timeout=timeout)
        else:
            answer = self.raw.options(request_timeout=timeout).nodes.stats(metric="jvm", filter_path=only)
        uptimes = [node["jvm"]["uptime_in_millis"] for node in dict(answer).get("nodes", {}).values()]
        return min(uptimes) / 1000 if uptimes else 0.0

    def bulk(self, operations: list[dict], refresh: bool = False) -> dict:
        if self.is_opensearch:
            return dict(self.raw.bulk(body=operations, refresh=refresh))
        return dict(self.raw.bulk(operations=operations, refresh=refresh))

    def create_index(self, name: str, body: dict) -> None:
        if self.is_opensearch:
            self.raw.indices.create(index=name, body=body)
        else:
            self.raw.indices.create(index=name, **body)

    def delete_index(self, name: str) -> None:
        self.raw.indices.delete(index=name, ignore_unavailable=True)

    def alias_targets(self, alias: str) -> list[str]:
        try:
            return sorted(self.raw.indices.get_alias(name=alias).keys())
        except NOT_FOUND:
            return []

    def indices(self, pattern: str) -> list[str]:
        return sorted(self.raw.indices.get(index=pattern, allow_no_indices=True, expand_wildcards="open").keys())

    def swap_alias(self, alias: str, new_index: str, old_indices: list[str]) -> None:
        actions = [{"remove": {"index": old, "alias": alias}} for old in old_indices]
        actions.append({"add": {"index": new_index, "alias": alias}})
        if self.is_opensearch:
            self.raw.indices.update_aliases(body={"actions": actions})
        else:
            self.raw.indices.update_aliases(actions=actions)

    def mapping_version(self, alias: str) -> int:
        """The mapping version the index was built with (0: before versions were recorded)."""
        mappings = dict(self.raw.indices.get_mapping(index=alias))
        meta = next(iter(mappings.values()), {}).get("mappings", {}).get("_meta", {})
        return int(meta.get("minga_mapping", 0))

    def health(self, index: str | None = None, wait_for: str | None = None, timeout: float = 30) -> dict:
        """The cluster's health (of ``index`` only, if given), after waiting up to ``timeout``
        seconds for ``wait_for`` ("yellow" or "green")."""
        options = {"index": index} if index else {}
        if wait_for:
            options |= {"wait_for_status": wait_for, "timeout": f"{int(timeout)}s"}
        if self.is_opensearch:
            return dict(self.raw.cluster.health(**options, request_timeout=timeout + 5))
        return dict(self.raw.options(request_timeout=timeout + 5).cluster.health(**options))

    def refresh(self, index: str) -> None:
        self.raw.indices.refresh(index=index)

    def merge_segments(self, index: str, timeout: float) -> None:
        if self.is_opensearch:
            self.raw.indices.forcemerge(index=index, max_num_segments=1, request_timeout=timeout)
        else:
            self.raw.options(request_timeout=timeout).indices.forcemerge(index=index, max_num_segments=1)


@lru_cache(maxsize=4)
def node_info(url: str) -> NodeInfo:
    return detect(url)


def get_client(url: str | None = None, timeout: float | None = None) -> NodeClient:
    url = url or search_settings.URL
    timeout = timeout or search_settings.TIMEOUT
    certs = (search_settings.VERIFY_CERTS, search_settings.CA_CERTS)
    return _shared_client(url, node_info(url), timeout, certs, os.getpid())


@lru_cache(maxsize=8)
def _shared_client(url: str, info: NodeInfo, timeout: float, certs: tuple, pid: int) -> NodeClient:
    """One client per node and process, so searches reuse its open connections instead of
    building a client and connecting for each one (``pid``: a forked worker builds its own)."""
    return NodeClient(url, info, timeout)
