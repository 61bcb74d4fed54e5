"""Reads a node's ``GET /`` to tell OpenSearch from Elasticsearch. Free of Django imports, as the
settings use it too."""

from __future__ import annotations

import base64
import json
import ssl
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class NodeInfo:
    distribution: str  # "opensearch" or "elasticsearch"
    version: str

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    @property
    def engine(self) -> str:
        """The name of the matching backend family: opensearch2/3, elasticsearch8/9."""
        if self.distribution == "opensearch":
            return "opensearch3" if self.major >= 3 else "opensearch2"
        return "elasticsearch9" if self.major >= 9 else "elasticsearch8"


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise ValueError(f"SEARCH_URL must be http:// or https://, not {url!r}")
    if parts.username is None:
        return url, None
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, host, parts.path, "", "")), (parts.username, parts.password or "")


def node_urls(url: str) -> list[str]:
    """The nodes of ``SEARCH_URL``, which may name several, comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


def read_node_info(url: str, timeout: float = 2.0, cafile: str | None = None, verify: bool = True) -> NodeInfo:
    """What the first node of ``url`` that answers says it is; raises OSError or ValueError when
    none can be read."""
    urls = node_urls(url)
    if not urls:
        raise ValueError("SEARCH_URL names no node")
    for number, one in enumerate(urls, start=1):
        try:
            return read_one_node(one, timeout, cafile, verify)
        except (OSError, ValueError):
            if number == len(urls):
                raise
    raise AssertionError("unreachable")


def read_one_node(url: str, timeout: float, cafile: str | None, verify: bool) -> NodeInfo:
    plain, auth = split_credentials(url)
    request = urllib.request.Request(plain.rstrip("/") + "/")  # noqa: S310 - scheme checked above
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    context = None
    if plain.startswith("https"):
        context = ssl.create_default_context(cafile=cafile)
        if not verify:
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
        version = json.load(response).get("version", {})
    return NodeInfo(distribution=version.get("distribution") or "elasticsearch", version=version.get("number", "0"))
