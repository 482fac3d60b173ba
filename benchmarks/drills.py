"""Failure drills, run against the portal as production runs it (benchmarks.load's set-up).

    python -m benchmarks.drills --database-url postgres://... [--drill worker|database|all]

- ``worker``: the publications' side effects are queued (indexing and the suggestions' refresh
  of every published need, two tasks each); a worker starts on them and is killed with SIGKILL
  after a second, mid-task; /healthz is read while no worker runs; a new worker starts and
  drains the queue. Prints the tasks queued, done before the kill, left running by the dead
  worker, and at the end: done, failed, lost (queued and never finished), seconds to drain.
- ``database``: four clients read the portal's pages (the needs list, the catalogue, a need)
  without pause; after 10 s PostgreSQL is restarted (``pg_ctlcluster ... restart``; root,
  Debian's cluster tools); they go on for 20 s more. Prints the answers by status, the slowest
  failed answer (do failures come fast?), the seconds from the restart until every client is
  served again, and whether the portal needed a restart (it must not: same gunicorn).

The disk-full drill is a test (tests/portal/test_unavailable.py: a real 256 KB tmpfs) and the
search engine's a live test (tests/search/test_engine_outage.py).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from benchmarks.load import ROOT, Server, manage, portal_env, prepare

QUEUE = """
import json
from django_tasks_db.models import DBTaskResult
from market.needs.models import Need
from market.needs.search import KIND
from matching import tasks
from search.tasks import update_index
DBTaskResult.objects.all().delete()
ids = list(Need.objects.filter(status="published").values_list("pk", flat=True))
for pk in ids:
    update_index.enqueue(KIND, [pk])
    tasks.after_need_published.enqueue(pk)
print(json.dumps({"queued": 2 * len(ids)}))
"""

STATE = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
print(json.dumps(dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")))))
"""


def shell(env: dict, code: str) -> dict:
    return json.loads(manage(env, "shell", "--no-imports", "-c", code, capture=True))


def worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )


def health(base: str) -> dict:
    with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
        return json.loads(response.read())["checks"]["tasks"]


def drill_worker(env: dict, server: Server, folder: Path) -> None:
    queued = shell(env, QUEUE)["queued"]
    print(f"worker drill: {queued} tasks queued (indexing and refresh of each published need)")
    first = worker(env, folder / "worker.log")
    began = time.monotonic()
    while time.monotonic() - began < 120:  # until it has done a few: then it holds one
        if shell(env, STATE).get("SUCCESSFUL", 0) >= 4:
            break
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed = shell(env, STATE)
    print(f"  killed the worker (SIGKILL) mid-queue: {killed}")
    time.sleep(6)  # longer than TASKS_WORKER_SILENT_AFTER: the dead worker is silent
    tasks = health(server.base)
    print(f"  /healthz while no worker runs: {json.dumps(tasks, ensure_ascii=False)}")
    started = time.monotonic()
    second = worker(env, folder / "worker.log")
    try:
        while True:
            state = shell(env, STATE)
            if not state.get("READY") and not state.get("RUNNING"):
                break
            if time.monotonic() - started > 600:
                break
            time.sleep(0.5)
        drained = time.monotonic() - started
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    done, failed = state.get("SUCCESSFUL", 0), state.get("FAILED", 0)
    lost = queued - done - failed
    print(f"  a new worker drained the queue in {drained:.1f} s: {state}")
    print(
        f"worker_drill queued={queued} done={done} failed={failed} lost={lost} "
        f"drain_s={drained:.1f} running_at_kill={killed.get('RUNNING', 0)}"
    )


def drill_database(server: Server, facts: dict, cluster: str) -> None:
    paths = ["/needs/", "/outcomes/", f"/needs/{facts['need']}/"]
    answers: list[tuple[float, int, float]] = []  # (time since start, status, ms)
    lock = threading.Lock()
    stop = threading.Event()
    begun = time.monotonic()

    def client(n: int) -> None:
        i = n
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(server.base + path, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                error.read()
                status = error.code
            except OSError:
                status = 0  # no answer at all
            with lock:
                answers.append((t0 - begun, status, (time.monotonic() - t0) * 1000))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(10)
    restart_at = time.monotonic() - begun
    subprocess.run(["pg_ctlcluster", *cluster.split("/"), "restart"], check=True)
    back_at = time.monotonic() - begun
    time.sleep(20)
    stop.set()
    for thread in threads:
        thread.join()
    pid_same = server.process.poll() is None
    print("  time (s)  answers by status  slowest ms")
    for start in range(int(restart_at) - 1, int(back_at) + 3):
        window = [(s, ms) for t, s, ms in answers if start <= t < start + 1]
        statuses = dict(sorted(Counter(s for s, _ms in window).items()))
        slowest = max((ms for _s, ms in window), default=0)
        print(f"  {start:>3}-{start + 1:<4}  {statuses!s:<18} {slowest:8.0f}")
    by_status = Counter(status for _t, status, _ms in answers)
    failed = [(t, s, ms) for t, s, ms in answers if s != 200]
    last_failure = max((t for t, _s, _ms in failed), default=restart_at)
    slowest_failure = max((ms for _t, _s, ms in failed), default=0.0)
    after = [s for t, s, _ms in answers if t > last_failure]
    print(
        f"database drill: restarted PostgreSQL at {restart_at:.1f} s (back at {back_at:.1f} s); "
        f"answers by status: {dict(sorted(by_status.items()))}"
    )
    print(
        f"database_drill requests={len(answers)} failed={len(failed)} "
        f"slowest_failed_ms={slowest_failure:.0f} "
        f"slowest_ms={max(ms for _t, _s, ms in answers):.0f} "
        f"last_failure_s={last_failure - restart_at:.1f} after the restart began "
        f"served_after={len(after)} all_ok_after={all(s == 200 for s in after)} "
        f"portal_restarted={not pid_same}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--drill", choices=("worker", "database", "all"), default="all")
    parser.add_argument("--cluster", default="15/main", help="pg_ctlcluster's version/name")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8778)
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        raise SystemExit("the drills need PostgreSQL (--database-url postgres://...)")
    folder = Path(tempfile.mkdtemp(prefix="portal-drills-"))
    # a worker counts as gone 4 s after its last beat (60 s by default), for a short drill
    env = {
        **portal_env(args, folder / "var"),
        "TASKS_BACKEND": "database",
        "TASKS_WORKER_SILENT_AFTER": "4",
    }
    os.chdir(ROOT)
    facts = prepare(env)
    server = Server(env, args.port, args.workers, folder / "server.log")
    try:
        server.wait()
        if args.drill in ("worker", "all"):
            drill_worker(env, server, folder)
        if args.drill in ("database", "all"):
            drill_database(server, facts, args.cluster)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
