"""docker-compose.yml: valid by the Compose Specification's schema (`docker compose config`
cannot run here), every service the production shape needs with a health check, every kind of
data on a volume, and every command it runs one that exists here, so it runs by hand too."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def check(path: Path) -> subprocess.CompletedProcess:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    tool = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    return subprocess.run(
        [tool, "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_the_file_is_valid_by_the_compose_schema(tmp_path):
    done = check(COMPOSE)
    assert done.returncode == 0, done.stdout + done.stderr
    # and the check can fail: a health check's retries must be a number
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("retries: 4", "retries: [4]"))
    assert check(broken).returncode != 0


def test_every_part_runs_with_a_health_check(services):
    assert {"web", "worker", "scheduler", "db", "search"} <= set(services)
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_every_kind_of_data_is_on_a_volume(services):
    portal_mounts = {m.split(":")[1] for m in services["web"]["volumes"]}
    assert {"/app/var/media", "/app/var/private", "/app/var/backups", "/app/var/cache"} <= (
        portal_mounts
    )
    for name in ("worker", "scheduler"):  # the same files and cache as the web processes
        assert {m.split(":")[1] for m in services[name]["volumes"]} == portal_mounts
    assert any("/var/lib/postgresql/data" in m for m in services["db"]["volumes"])
    assert any("/usr/share/elasticsearch/data" in m for m in services["search"]["volumes"])


def _commands(services) -> list[list[str]]:
    """Each command a service or its health check runs, as argv ("sh -c" lines split at &&)."""
    found = []
    for service in services.values():
        for given in (service.get("command"), service.get("healthcheck", {}).get("test")):
            if not given:
                continue
            argv = (
                [t for t in given if t != "CMD"] if isinstance(given, list) else shlex.split(given)
            )
            if argv[:2] == ["sh", "-c"]:
                found += [shlex.split(part) for part in argv[2].split("&&")]
            elif argv[0] != "CMD-SHELL":
                found.append(argv)
    return found


def test_every_command_it_runs_exists_here(services):
    known = get_commands()
    commands = _commands(services)
    manage = [c[c.index("manage.py") + 1] for c in commands if "manage.py" in c]
    assert {"migrate", "collectstatic", "run_worker", "run_scheduler", "task_queue"} <= set(manage)
    for name in manage:
        assert name in known, f"manage.py {name} does not exist"
    gunicorn = next(c for c in commands if c and c[0] == "gunicorn")
    module, _, attribute = gunicorn[1].partition(":")
    assert hasattr(__import__(module, fromlist=[attribute]), attribute)
