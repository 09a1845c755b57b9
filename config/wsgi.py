import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.demo")
application = get_wsgi_application()

# Render the static menu once when the process starts, not on the first clerk's request.
from rebate.web.menu import menu_html  # noqa: E402

menu_html()
