"""Developer mode (`make dev`): the demo with DEBUG on — debug pages list URL patterns and show
tracebacks, so it is for an engineer's own machine only, never the documented way to run."""

from .demo import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
