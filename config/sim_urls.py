"""The simulators' own URLconf (config.settings.sim): each installed sim.* app with a urls module
is mounted at /<name>/ (sim.customs → /customs/), so a simulator added later is served — and
covered by the refusal test in tests/deployment — without editing this file."""

from importlib.util import find_spec

from django.apps import apps
from django.urls import URLResolver, include, path


def _mounted() -> list[URLResolver]:
    return [
        path(f"{app.name.removeprefix('sim.')}/", include(f"{app.name}.urls"))
        for app in apps.get_app_configs()
        if app.name.startswith("sim.") and find_spec(f"{app.name}.urls") is not None
    ]


urlpatterns = _mounted()
