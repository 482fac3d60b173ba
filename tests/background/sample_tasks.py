"""Tasks the background tests enqueue (importable by a worker process, like any task)."""

import logging
import time
from pathlib import Path

from background.tasks import background_task

logger = logging.getLogger("tests.background")


@background_task(retries=2, first_delay=0)
def fails_then_succeeds(path: str, failures: int) -> int:
    """Fails ``failures`` times (counted in a file), then succeeds; returns the attempt."""
    counter = Path(path)
    attempt = int(counter.read_text() or 0) + 1 if counter.exists() else 1
    counter.write_text(str(attempt))
    if attempt <= failures:
        raise ConnectionError(f"attempt {attempt} fails")
    return attempt


@background_task(retries=0)
def slow_write(folder: str, seconds: float) -> str:
    """Marks that it started (one line per start), waits, then writes ``done``."""
    folder = Path(folder)
    with (folder / "started").open("a") as started:
        started.write("x\n")
    time.sleep(seconds)
    (folder / "done").write_text("done")
    return "done"


@background_task(retries=0)
def log_line(text: str) -> None:
    logger.warning(text)
