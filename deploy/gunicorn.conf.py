"""gunicorn settings for TIMPORA behind nginx: `gunicorn -c deploy/gunicorn.conf.py timpora.wsgi`.

Every value can be changed through the environment of the service, so one file serves each web
process of a host (see docs/deploy.md).
"""

import multiprocessing
import os

# One web process per port; nginx balances over them (deploy/nginx.conf).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync-style workers with a few threads: requests are short and mostly wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Slow uploads are buffered by nginx, so a request that takes longer than this is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Trust X-Forwarded-* only from nginx on this host.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the app once in the master so workers fork with it already imported.
preload_app = True
