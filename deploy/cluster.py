"""`make cluster` / `make cluster-stop`: the scaled-out set on one machine's loopback.

    python deploy/cluster.py start   # PostgreSQL database, moto as object storage, Redis,
                                     # N gunicorn web instances, M workers, nginx in front
    python deploy/cluster.py stop

What runs is what deploy/README.md describes for several machines, with loopback stand-ins:
moto's S3 server for the object storage, the simulators for the outside world. Settings come
from deploy/env/cluster.env (override any of them in the environment). Every process started
is recorded in var/cluster/pids.json; `stop` ends exactly those.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "cluster"
PIDS = VAR / "pids.json"
PYTHON = sys.executable


def settings() -> dict[str, str]:
    env: dict[str, str] = {}
    for line in (ROOT / "deploy" / "env" / "cluster.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = os.environ.get(key, value)
    return env


def environment(config: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **config, "REBATE_VAR_DIR": str(VAR), "PYTHONUNBUFFERED": "1"}
    env["DATABASE_URL"] = config["CLUSTER_DATABASE_URL"]
    env["AWS_S3_ENDPOINT_URL"] = f"http://127.0.0.1:{config['CLUSTER_S3_PORT']}"
    env["SIM_PORT"] = config["CLUSTER_SIM_PORT"]
    env["SIM_DATABASE_URL"] = f"sqlite:///{VAR / 'sim.sqlite3'}"
    return env


def wait_port(port: int, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{what} did not start on 127.0.0.1:{port}")


class Started:
    def __init__(self) -> None:
        self.pids: dict[str, int] = {}

    def spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        log = (VAR / f"{name}.log").open("ab")
        child = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.pids[name] = child.pid
        PIDS.write_text(json.dumps(self.pids, indent=1))


def create_database(url: str) -> None:
    import psycopg

    head, _, name = url.rpartition("/")
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')


def create_bucket(env: dict[str, str]) -> None:
    import boto3

    bucket = env["STORAGE_URL"].removeprefix("s3://").split("/", 1)[0]
    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )
    if bucket not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
        client.create_bucket(Bucket=bucket)


def nginx_conf(var: Path, port: int, webs: list[int]) -> Path:
    """deploy/nginx.conf for nginx on 127.0.0.1:port in front of the web instances `webs`,
    its pid, logs and temporary files under `var` (the cluster's, or the proxy bench's)."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = [f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in webs]
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (var / f"nginx-{temp}").mkdir(parents=True, exist_ok=True)
    conf = var / "nginx.conf"
    text = text.replace("@VAR@", str(var)).replace("@PORT@", str(port))
    conf.write_text(text.replace("@UPSTREAMS@", "\n".join(servers)))
    return conf


def nginx_start(var: Path, port: int, webs: list[int]) -> int:
    """Start nginx (it daemonises); returns its master's pid."""
    subprocess.run([nginx(), "-c", str(nginx_conf(var, port, webs)), "-p", str(var)], check=True)
    wait_port(port, "nginx")
    return int((var / "nginx.pid").read_text())


def nginx() -> str:
    """Debian's nginx lives in /usr/sbin, which a non-root PATH may not list."""
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "nginx"


def start() -> None:
    if PIDS.exists():
        raise SystemExit(f"a cluster is running ({PIDS}); `make cluster-stop` first")
    VAR.mkdir(parents=True, exist_ok=True)
    config = settings()
    env = environment(config)
    started = Started()
    port, n_web, n_workers = (
        int(config[k]) for k in ("CLUSTER_PORT", "CLUSTER_WEB", "CLUSTER_WORKERS")
    )
    s3_port = int(config["CLUSTER_S3_PORT"])
    started.spawn(
        "s3", [str(Path(PYTHON).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)], env
    )
    wait_port(s3_port, "moto (object storage)")
    create_bucket(env)
    create_database(env["DATABASE_URL"])
    manage = [PYTHON, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["bootstrap_demo"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True)
    sim_env = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    sim_env["DJANGO_SETTINGS_MODULE"] = "config.settings.sim"
    sim_bind = f"127.0.0.1:{config['CLUSTER_SIM_PORT']}"
    sim_web = [PYTHON, "-m", "gunicorn", "config.sim_wsgi:application", "--bind", sim_bind,
               "--workers", "2", "--no-control-socket"]  # fmt: skip
    started.spawn("sim-web", sim_web, sim_env)
    started.spawn("sim-worker", [*manage, "db_worker", "--queue-name", "*", "--no-reload"], sim_env)
    webs = [port + 1 + i for i in range(n_web)]
    for i, web in enumerate(webs):
        argv = [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{web}",
                "--config", "config/gunicorn.py", "--no-control-socket"]  # fmt: skip
        started.spawn(f"web-{i}", argv, env)
    for i in range(n_workers):
        argv = [
            *manage,
            "worker",
            "--queue-name",
            "*",
            "--no-reload",
            "--worker-id",
            f"cluster-{i}",
        ]
        started.spawn(f"worker-{i}", argv, env)
    for web in webs:
        wait_port(web, "gunicorn")
    started.pids["nginx"] = nginx_start(VAR, port, webs)
    PIDS.write_text(json.dumps(started.pids, indent=1))
    print(f"cluster: http://127.0.0.1:{port}/ (nginx) → web {webs}, {n_workers} workers, "
          f"PostgreSQL {env['DATABASE_URL']}, S3 (moto) :{s3_port}, Redis {env['REDIS_URL']}; "
          "sign in as demo / demo-2026; `make cluster-stop` ends it")  # fmt: skip


def stop() -> None:
    if not PIDS.exists():
        print("no cluster running")
        return
    pids: dict[str, int] = json.loads(PIDS.read_text())
    for name, pid in pids.items():
        try:
            if name == "nginx":
                os.kill(pid, signal.SIGQUIT)
            else:
                os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    deadline = time.monotonic() + 15
    for pid in pids.values():
        while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.2)
    PIDS.unlink()
    print(f"cluster stopped ({len(pids)} processes)")


if __name__ == "__main__":
    {"start": start, "stop": stop}[sys.argv[1] if len(sys.argv) > 1 else "start"]()
