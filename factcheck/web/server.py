"""The production server: gunicorn's arbiter, with workers that read requests through waitress.

Gunicorn's own workers give a connection a process (sync) or a thread (gthread) once its
first byte arrives, so a client that sends half a request line and stops holds it: four of
them made /healthz time out. Here each worker reads requests with waitress's asynchronous
loop and hands only complete ones to its threads, as a buffering proxy would. An idle or
slow client costs a socket, never a thread, and is closed after `CHANNEL_TIMEOUT` seconds
without progress. The arbiter still starts, watches and restarts the worker processes.
"""

from __future__ import annotations

import os
import time

from gunicorn.workers.base import Worker

THREADS = 4  # request threads a worker process: checks are CPU-bound, two cores here
CONNECTION_LIMIT = 1000  # open connections a worker holds before it stops accepting
CHANNEL_TIMEOUT = 30  # seconds a connection may make no progress before it is closed
MAX_BODY = 16 * 1024 * 1024  # bytes; each route has its own, smaller limit


def access_logged(app, log):
    """Method, path (never the query or the body: a statement or a draft is not logged),
    status and time of each request."""

    def logged(environ, start_response):
        began, status = time.perf_counter(), ["-"]

        def start(line, headers, exc_info=None):
            status[0] = line.split(" ", 1)[0]
            return start_response(line, headers, exc_info)

        try:
            return app(environ, start)
        finally:
            log.info('%s "%s %s" %s %.1f ms', environ.get("REMOTE_ADDR", "-"),
                     environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), status[0],
                     1000 * (time.perf_counter() - began))

    return logged


class BufferedWorker(Worker):
    """A gunicorn worker serving through waitress (whole requests to a thread pool)."""

    def run(self) -> None:
        from waitress import wasyncore
        from waitress.server import create_server

        from .api import document_body_limit

        channels: dict = {}
        config = getattr(self.wsgi, "config", None)  # None: gunicorn's app that failed to load
        largest = max(MAX_BODY, document_body_limit(config) if config else 0)
        server = create_server(
            access_logged(self.wsgi, self.log), map=channels,
            sockets=[listener.sock for listener in self.sockets], threads=THREADS,
            connection_limit=CONNECTION_LIMIT, channel_timeout=CHANNEL_TIMEOUT,
            cleanup_interval=5, max_request_body_size=largest, ident="factcheck",
            expose_tracebacks=False)
        while self.alive and self.ppid == os.getppid():  # no arbiter: stop
            self.notify()
            wasyncore.loop(timeout=1.0, map=channels, use_poll=True, count=1)
        self._finish(server, channels, wasyncore)

    def _finish(self, server, channels: dict, wasyncore) -> None:
        """Stop accepting, let the requests in flight be answered, then close."""
        from waitress.server import BaseWSGIServer

        for listener in [c for c in channels.values() if isinstance(c, BaseWSGIServer)]:
            listener.accepting = False
            listener.del_channel()  # the listening socket is the arbiter's: only unmapped
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while time.monotonic() < deadline and any(
                getattr(c, "requests", None) for c in list(channels.values())):
            self.notify()
            wasyncore.loop(timeout=0.2, map=channels, use_poll=True, count=1)
        server.task_dispatcher.shutdown(timeout=1)
        wasyncore.close_all(channels)
