"""A link that drops, and a link that is slow (issue 18), for the offline-first tests.

`LinkProxy` stands between the browser and the server: a small threaded TCP relay on 127.0.0.1 whose `down()`
drops every open connection and refuses new ones, and whose `up()` lets them through again. That is a dead link
for everything in the browser, the service worker included: Chromium's offline emulation (`emulate(offline=True)`)
reaches the page but not the worker's own requests. The tests use both: the relay for the network, the emulation
so that the page sees `navigator.onLine` false and gets its `online` event back.

The CDP helpers throttle the page (`emulate`, `slow_3g`), empty the HTTP cache and Cache Storage, and read the
first contentful paint and the load time of the page shown.
"""
from __future__ import annotations

import socket
import struct
import threading
import time

# Chrome DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts): 400 ms × 5 latency, 500 kbit/s × 0.8
# both ways.
SLOW_3G = {"latency_ms": 400 * 5, "kbps": 500 * 0.8}


class LinkProxy:
    """127.0.0.1:`port` → `target_host`:`target_port`, byte for byte, until `down()`.

    Use as a context manager or call `start()` / `close()`. `down()`: every open connection is reset (RST, as a
    link that vanishes mid-answer) and the port stops listening, so new connections are refused at once; `up()`:
    it listens again. `connections` counts the connections accepted so far (to see that a browser did come)."""

    def __init__(self, port: int, target_host: str, target_port: int):
        self.port = port
        self.target = (target_host, target_port)
        self.connections = 0
        self._lock = threading.Lock()
        self._open: list[list] = []  # [client, server, directions still relaying, dropped]
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def is_up(self) -> bool:
        return self._listener is not None

    # --- life -------------------------------------------------------------------------------------

    def start(self) -> "LinkProxy":
        self.up()
        return self

    def __enter__(self) -> "LinkProxy":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._closed = True
        self.down()

    def up(self) -> None:
        """Listens again (a no-op if it already does)."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            deadline = time.monotonic() + 5
            while True:
                try:
                    listener.bind(("127.0.0.1", self.port))
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        listener.close()
                        raise
                    time.sleep(0.05)
            listener.listen(64)
            self._listener = listener
            self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True,
                                            name=f"link-proxy-{self.port}")
            self._thread.start()

    def down(self) -> None:
        """The link dies: open connections are reset, new ones refused."""
        with self._lock:
            listener, self._listener = self._listener, None
            pairs, self._open = self._open, []
            for pair in pairs:
                pair[3] = True
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            except OSError:
                pass
            listener.close()
        for pair in pairs:
            for conn in pair[:2]:
                _reset(conn)
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    # --- relaying ---------------------------------------------------------------------------------

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # down(): the listener was closed
            with self._lock:
                if self._listener is not listener:  # went down meanwhile
                    _reset(client)
                    return
            try:
                server = socket.create_connection(self.target, timeout=5)
                server.settimeout(None)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                if self._listener is not listener:
                    _reset(client)
                    _reset(server)
                    return
                pair = [client, server, 2, False]
                self._open.append(pair)
                self.connections += 1
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink, pair), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, pair: list) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        with self._lock:
            if pair[3]:
                return  # down() resets both sockets
            pair[2] -= 1
            last = pair[2] == 0
            if last:
                self._open.remove(pair)
        try:
            sink.shutdown(socket.SHUT_WR)  # pass the half-close on
        except OSError:
            pass
        if last:
            for s in pair[:2]:
                try:
                    s.close()
                except OSError:
                    pass


def _reset(conn: socket.socket) -> None:
    """Closes with an RST rather than a FIN: the peer sees the connection die, not a clean end of the answer."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.shutdown(socket.SHUT_RD)  # wakes a thread blocked in recv() on it, sending nothing yet
    except OSError:
        pass
    try:
        conn.close()
    except OSError:
        pass


# --- Chromium, through the DevTools protocol ----------------------------------------------------------

def emulate(driver, offline: bool = False, latency_ms: float = 0, kbps: float | None = None) -> None:
    """The page's network as Chromium's DevTools would set it: offline (navigator.onLine turns false, and the
    `online` event fires when it is set back), or `latency_ms` added to each request and `kbps` kilobits a second
    each way (None: unlimited). Applies to the page, not to its service worker (use LinkProxy.down for that)."""
    throughput = -1 if kbps is None else kbps * 1000 / 8  # bytes a second
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": latency_ms, "downloadThroughput": throughput, "uploadThroughput": throughput})
    deadline = time.monotonic() + 5
    while driver.execute_script("return navigator.onLine") is offline:
        if time.monotonic() > deadline:
            raise AssertionError(f"navigator.onLine never became {not offline}")
        time.sleep(0.05)


def slow_3g(driver) -> None:
    """Chrome's "Slow 3G" preset: 2000 ms latency, 400 kbit/s down and up."""
    emulate(driver, latency_ms=SLOW_3G["latency_ms"], kbps=SLOW_3G["kbps"])


def clear_http_cache(driver) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})


def clear_cache_storage(driver, origin: str) -> None:
    """Empties the origin's Cache Storage, as a browser short of space evicts it (localStorage, cookies, IndexedDB
    and the service worker stay)."""
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "cache_storage"})


def forget_service_worker(driver, origin: str) -> None:
    """Unregisters the origin's service worker and empties its caches (a first visit, but still signed in)."""
    driver.execute_cdp_cmd("Storage.clearDataForOrigin",
                           {"origin": origin, "storageTypes": "service_workers,cache_storage"})


PAINT = """
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const nav = performance.getEntriesByType('navigation')[0];
const sheet = performance.getEntriesByType('resource').find(r => r.name.indexOf('/css/site.css') >= 0);
return {fcp: paint ? paint.startTime : null, load: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
        transfer: nav ? nav.transferSize : null, encoded: nav ? nav.encodedBodySize : null,
        decoded: nav ? nav.decodedBodySize : null, worker: nav ? nav.workerStart > 0 : null,
        sheet: sheet ? sheet.responseEnd : null};
"""


def paint_times(driver, timeout: float = 60) -> dict:
    """The page shown: {fcp, load} in seconds since its navigation started (and the HTML's transfer, encoded
    and decoded sizes in bytes). Waits for the load event and the first paint."""
    deadline = time.monotonic() + timeout
    while True:
        times = driver.execute_script(PAINT)
        if times["fcp"] is not None and times["load"] is not None:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"no first paint or load on {driver.current_url} after {timeout} s: {times}")
        time.sleep(0.1)
    sheet = times.get("sheet")
    return {**times, "fcp": times["fcp"] / 1000, "load": times["load"] / 1000,
            "sheet": sheet / 1000 if sheet is not None else None}
