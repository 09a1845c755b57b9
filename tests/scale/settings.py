"""Settings of the scale tests' processes: the process tests' (simulators in-process, database
task backend) with the product's job recovery and the run ledger (tests.scale.apps)."""

from tests.processes.settings import *  # noqa: F403
from tests.processes.settings import INSTALLED_APPS

JOB_ATTEMPTS = 3  # base's default: a killed worker's job is queued again (not the fault tests' 1)
INSTALLED_APPS = [*INSTALLED_APPS, "tests.scale"]
