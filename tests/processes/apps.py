from django.apps import AppConfig


class ProcessTestsConfig(AppConfig):
    """Routes the product's clients to the simulators in this process (as conftest.py does for
    in-process tests), in every process the process tests start."""

    name = "tests.processes"
    label = "process_tests"

    def ready(self) -> None:
        from rebate.integrations.http import route_through
        from sim.inprocess import transport

        route_through(transport())
