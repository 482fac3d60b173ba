"""The worker's heartbeat: a thread that touches the worker's row every few seconds, and on
each beat makes ready again the tasks that a silent worker left running (so a worker that died
is covered by any other that lives, scheduler or not)."""

import contextlib
import os
import socket
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone

from background.models import WorkerHeartbeat
from background.tasks import requeue_abandoned


class Heartbeat:
    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.interval = max(1.0, int(settings.TASKS_WORKER_SILENT_AFTER) / 4)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="worker-heartbeat", daemon=True)

    def beat(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"beat_at": now, "host": socket.gethostname()[:255], "pid": os.getpid()},
            create_defaults={
                "beat_at": now,
                "started_at": now,
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
            },
        )

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                # a missed beat is tried again at the next; it never stops the worker
                with contextlib.suppress(Exception):
                    self.beat()
                with contextlib.suppress(Exception):
                    requeue_abandoned()
        finally:
            connection.close()  # this thread's own connection

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
