"""Gunicorn settings shared by `manage.py serve` and the load bench (bench/bench_load.py).

A page is mostly Python (templates, forms, the ORM), which holds the GIL, so one process's
threads queue behind each other; one process per core plus one, with four threads each to
overlap database waits. On the 2-core bench machine under 50 clerks this measured best of
2×8, 5×2 and 3×4 (see the issue 9 note). WEB_CONCURRENCY / GUNICORN_THREADS override.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 120
# Longer than a clerk's think time, so an idle keep-alive connection is not closed by the
# server just as the client reuses it (a reset, counted as an error by the load test).
keepalive = 10
