"""A TCP relay between casedesk and the test server that the test can cut and restore.

What a dropped network does to the app: ``cut()`` closes every connection through the
relay and closes its port (a new connection is refused), ``restore()`` opens the same
port again. The server itself keeps running.
"""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import pytest
from sqlalchemy import URL

from casedesk.db.server.store import ServerStore, open_server_store
from tests.server.region import Region


class Relay:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.restore()

    def address_for(self, url: URL) -> URL:
        """``url`` through this relay."""
        return url.set(host="127.0.0.1", port=self.port)

    def restore(self) -> None:
        """The network is back: the port accepts connections again."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """The network drops: every open connection ends, new ones are refused."""
        with self._lock:
            listener, self._listener = self._listener, None
            doomed, self._sockets = self._sockets, set()
        if listener is not None:
            with suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        for one in doomed:
            with suppress(OSError):
                one.shutdown(socket.SHUT_RDWR)
            one.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self._upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close()
                    server.close()
                    return
                self._sockets |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    with suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    for one in (source, target):
        with suppress(OSError):
            one.shutdown(socket.SHUT_RDWR)


@contextmanager
def relay_to(url: URL) -> Iterator[Relay]:
    assert url.host is not None and url.port is not None
    relay = Relay(url.host, url.port)
    try:
        yield relay
    finally:
        relay.cut()


# Fixtures of the test modules that cut Kim's network (each defines its own ``kim``).


@pytest.fixture
def relay(region: Region, kim: str) -> Iterator[Relay]:
    with relay_to(region.url_for(kim)) as made:
        yield made


@pytest.fixture
def store(region: Region, kim: str, relay: Relay) -> Iterator[ServerStore]:
    """Kim's store, its connections through the relay."""
    with open_server_store(relay.address_for(region.url_for(kim))) as opened:
        yield opened
