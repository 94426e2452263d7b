"""``rumour daemon --workers N``: N processes on one machine sharing the cycle.

The cycle is CPU-bound (parsing pages, extracting claims), so one process per core
fetches and writes more. The daemon started by the user runs the cycle and sends
alerts and digests; it starts N-1 more processes that run only the cycle, each
claiming hosts of its own on the shared PostgreSQL database (``schedules.leases``).
A worker that exits or is killed is started again, a few seconds later each time it
fails in a row; SIGTERM to the daemon stops the workers first, each as the daemon
stops (work in flight finishes, the rest stays due). A worker dies with the daemon
(Linux: the parent-death signal), so none outlives it. Several machines are several
daemons on one database URL.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

_RUN = "from schedules.cli import main; main()"
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover (runs in the child before exec)
    # (not Linux: the daemon's shutdown still stops its workers)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class _Worker:
    number: int
    process: subprocess.Popen[bytes] | None = None
    failures: int = 0
    restart_at: float = 0.0


@dataclass
class Workers:
    """The extra worker processes of one daemon."""

    count: int  # how many, besides the daemon
    database_url: str
    config_path: Path | None
    tick: float
    shutdown_timeout: float
    flags: tuple[str, ...] = ()  # -v / -q, passed on
    _workers: list[_Worker] = field(default_factory=list)

    def _command(self) -> list[str]:
        return [sys.executable, "-c", _RUN, *self.flags, "daemon", "--cycle-only",
                "--tick", f"{self.tick:g}", "--shutdown-timeout", f"{self.shutdown_timeout:g}"]  # fmt: skip

    def _spawn(self, worker: _Worker) -> None:
        # the database URL may hold a password: in the environment, not the process list
        env = {**os.environ, "RUMOUR_DATABASE_URL": self.database_url}
        if self.config_path is not None:
            env["RUMOUR_CONFIG"] = str(self.config_path)
        worker.process = subprocess.Popen(self._command(), env=env, preexec_fn=_die_with_parent)
        logger.info("worker %d started (pid %d)", worker.number, worker.process.pid)

    def start(self) -> None:
        self._workers = [_Worker(n) for n in range(1, self.count + 1)]
        for worker in self._workers:
            self._spawn(worker)

    def watch(self) -> None:
        """Start again, after a pause that grows with failures in a row, a worker that
        ended; its claims on hosts expire and any worker takes them."""
        now = time.monotonic()
        for worker in self._workers:
            process = worker.process
            if process is not None and process.poll() is not None:
                code = process.returncode
                worker.failures += 1
                worker.restart_at = now + min(2.0 * 2 ** (worker.failures - 1), 60.0)
                logger.warning("worker %d (pid %d) ended with %s; starting it again in %gs",
                               worker.number, process.pid,
                               f"signal {-code}" if code < 0 else f"exit code {code}",
                               worker.restart_at - now)  # fmt: skip
                worker.process = None
            elif process is None and now >= worker.restart_at:
                self._spawn(worker)
            elif process is not None and worker.failures and now - worker.restart_at > 300:
                worker.failures = 0  # five minutes up: it runs again

    def stop(self, timeout: float) -> None:
        """SIGTERM to every worker, then wait for them (as long as each may take to stop)."""
        running = [w.process for w in self._workers if w.process and w.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout + 5
        for process in running:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        self._workers = []

    def kill(self) -> None:
        """Whatever still runs (the daemon itself is leaving) is killed."""
        for worker in self._workers:
            if worker.process is not None and worker.process.poll() is None:
                worker.process.kill()
