"""WSGI entry point of the simulators' own server (gunicorn config.sim_wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.sim"
application = get_wsgi_application()
