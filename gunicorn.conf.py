"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py website.wsgi`.

Everything that differs between hosts comes from the environment (PORT, WEB_CONCURRENCY,
SINGLE_PROCESS_DEPLOYMENT, FORWARDED_ALLOW_IPS); the rest is fixed here so every app container behaves the same.
"""

from __future__ import annotations

import multiprocessing
import os

# Containers and platforms (Heroku-style, Cloud Run, the compose file) hand the port in PORT; listen on
# every interface because the reverse proxy reaches the app over the container network, not loopback.
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# The classic (2 x cores) + 1, capped at 8: each sync worker holds a full Django/Wagtail process
# (~150-250 MB), and beyond 8 a container is better scaled out than up. WEB_CONCURRENCY overrides it.
# SINGLE_PROCESS_DEPLOYMENT (a site without Redis, whose rate limits live in the process) runs one.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
if os.environ.get("SINGLE_PROCESS_DEPLOYMENT", "").strip().lower() in {"1", "true", "yes", "on"}:
    if workers != 1 and os.environ.get("WEB_CONCURRENCY"):
        raise RuntimeError("SINGLE_PROCESS_DEPLOYMENT runs one worker: unset WEB_CONCURRENCY or set it to 1.")
    workers = 1

# Sync workers (the default, stated): the app is plain WSGI with blocking database and search calls, and
# the proxy in front buffers slow clients, so there is nothing for gevent/threads to win.
worker_class = "sync"

# A request that takes more than 30 s is a bug or a stuck dependency (search has its own 0.8 s timeout);
# the worker is killed and replaced rather than left hanging. Long jobs belong to the db_worker.
timeout = 30

# On restart/deploy, give in-flight requests the same 30 s to finish before workers are killed.
graceful_timeout = 30

# Memory hygiene: recycle each worker after 200,000 to 300,000 requests. Not fewer: a cached page takes
# under a millisecond, so a worker serving 1,000 requests a second restarted every minute at 50,000,
# each time a second and a half of Django/Wagtail start-up with nobody answering on it; its resident
# memory levels off at 165-180 MB under load (bench/run.py measures peak RSS per worker, restarts
# included), so a restart every few minutes is hygiene enough. A wide jitter: with a narrow one,
# workers sharing the load restart together and nobody answers (seen in the benchmark).
max_requests = 200_000
max_requests_jitter = 100_000

# Logs go to stdout/stderr, where the container runtime collects them (see docs/deploy.md, "Logs").
accesslog = "-"
errorlog = "-"

# One JSON-ish line per request, carrying the X-Request-ID the proxy sets so an access line can be
# matched with the application's log lines for the same request. Values are not JSON-escaped by
# gunicorn (a user agent with a double quote breaks strict parsing), hence "JSON-ish".
access_log_format = (
    '{"time": "%(t)s", "request_id": "%({x-request-id}i)s", "remote": "%(h)s", '
    '"forwarded_for": "%({x-forwarded-for}i)s", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", '
    '"status": "%(s)s", "bytes": "%(B)s", "duration_ms": "%(M)s", "referer": "%(f)s", "user_agent": "%(a)s"}'
)

# Which peers may set X-Forwarded-Proto/-For for gunicorn. Loopback by default; behind the compose proxy
# (a different container) set FORWARDED_ALLOW_IPS to the proxy's address or "*" when only the proxy
# can reach the app's port. (Django's own HTTPS detection uses SECURE_PROXY_SSL_HEADER.)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Load the app in each worker, not in the master: connections (database, search clients) are never
# shared across a fork, and max_requests restarts pick up a fresh process. Costs a little memory.
preload_app = False
