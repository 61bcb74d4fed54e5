"""A TCP proxy in front of the real test node that can hold requests back or refuse them, so
the breaker's tests meet a slow or gone node without faking the client."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from urllib.parse import urlsplit

METHODS = {b"GET", b"POST", b"PUT", b"HEAD", b"DELETE"}


class NodeProxy:
    def __init__(self, target_url: str) -> None:
        target = urlsplit(target_url)
        self.target = (target.hostname, target.port)
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.delays: list[float] = []  # seconds to hold each of the next searches
        self.requests = 0
        self.lock = threading.Lock()
        self.open = True
        threading.Thread(target=self.accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def delay_next(self, seconds: float, count: int = 1) -> None:
        """Holds the next ``count`` searches (POST requests) back for ``seconds``."""
        with self.lock:
            self.delays += [seconds] * count

    def refuse(self) -> None:
        """Stops listening: connections are refused, open ones are cut."""
        self.open = False
        self.server.close()

    def accept(self) -> None:
        while self.open:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            threading.Thread(target=self.pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self.pipe, args=(upstream, client, False), daemon=True).start()

    def pipe(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while self.open and (data := source.recv(65536)):
                method = data.split(b" ", 1)[0] if from_client else b""
                if method in METHODS:  # a request starts
                    with self.lock:
                        self.requests += 1
                        delay = self.delays.pop(0) if self.delays and method == b"POST" else 0
                    time.sleep(delay)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()
