"""``rumour daemon``: cycles, the sender and digests on an APScheduler schedule.

Three jobs on a ``BackgroundScheduler``, each at most one instance at a time,
with missed runs coalesced into one (after a sleep or a pause the daemon runs
once, not once per missed tick):

- ``cycle`` every tick (a minute by default): the sources that are due by the
  database run through ``schedules.jobs.cycle_job``, under the cycle lock
  that ``rumour run --once`` also takes;
- ``send`` every tick: immediate alerts that are due, and retries;
- ``digest`` daily at ``alerts.digest_at`` in ``alerts.timezone``: each digest
  recipient's alerts in one email.

SIGTERM or SIGINT stops it: no job starts any more, a cycle in flight stops
fetching and writes no further source (what it has not written stays due), and
the process exits 0 once the work in flight is done, or after
``shutdown_timeout`` seconds, when whatever is unfinished is rolled back by
the database as the process ends.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session

from schedules.config import RumourConfig
from schedules.jobs import cycle_job, send_job
from schedules.locks import Busy
from schedules.workers import Workers
from verifier.store import Store
from verifier.store.repository import TitleRegistry

logger = logging.getLogger(__name__)


class Daemon:
    """The scheduler and its jobs; ``run()`` blocks until a signal or ``stop`` is set."""

    def __init__(
        self,
        store: Store,
        config: RumourConfig,
        registry_for: Callable[[Session], TitleRegistry],
        *,
        tick: float = 60.0,
        shutdown_timeout: float = 30.0,
        cycle_only: bool = False,
        workers: Workers | None = None,
    ) -> None:
        self.store, self.config, self.registry_for = store, config, registry_for
        self.tick, self.shutdown_timeout = tick, shutdown_timeout
        # a worker of ``--workers N`` runs cycles alone; its parent sends, and watches it
        self.cycle_only, self.workers = cycle_only, workers
        self.stop = threading.Event()
        self._running = 0
        self._idle = threading.Condition()
        self.scheduler = BackgroundScheduler(timezone=dt.UTC)

    def _guarded(self, name: str, work: Callable[[], Any]) -> None:
        """Run one job: skip it once stopping, log its failure, never let it kill the daemon."""
        if self.stop.is_set():
            return
        with self._idle:
            self._running += 1
        try:
            work()
        except Busy as exc:
            logger.info("%s skipped: %s", name, exc)
        except Exception:
            logger.exception("%s failed; the daemon goes on", name)
        finally:
            with self._idle:
                self._running -= 1
                self._idle.notify_all()

    def _cycle(self) -> None:
        self._guarded("cycle", lambda: cycle_job(
            self.store, self.config, self.registry_for, stop=self.stop,
            heartbeat=True,
        ))  # fmt: skip

    def _send(self, digests: bool) -> None:
        name = "digest" if digests else "alerts"

        def work() -> None:
            report = send_job(self.store, self.config, digests=digests)
            if report.sent or report.deferred or report.failed:
                logger.info("%s: %s", name, report.summary())

        self._guarded(name, work)

    def schedule(self) -> None:
        """Add the jobs. All three first run at once: the digest then sends only digests
        already due, ones missed while the daemon was not running."""
        alerts = self.config.alerts
        hour, minute = (int(part) for part in alerts.digest_at.split(":"))
        now = dt.datetime.now(dt.UTC)
        every = IntervalTrigger(seconds=self.tick, timezone=dt.UTC)
        # One instance of each job at a time; runs missed in a sleep or pause coalesce into one.
        once = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
        self.scheduler.add_job(self._cycle, every, id="cycle", name="cycle", next_run_time=now,
                               **once)  # fmt: skip
        if self.cycle_only:
            return
        self.scheduler.add_job(self._send, every, args=[False], id="send", name="send",
                               next_run_time=now, **once)  # fmt: skip
        self.scheduler.add_job(
            self._send, CronTrigger(hour=hour, minute=minute, timezone=alerts.timezone),
            args=[True], id="digest", name="digest", next_run_time=now, **once,
        )  # fmt: skip

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        logger.info("received %s: stopping", signal.Signals(number).name)
        self.stop.set()

    def run(self) -> int:
        """Run until SIGTERM/SIGINT (or ``stop``); returns the exit code."""
        previous = {s: signal.signal(s, self._on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.schedule()
            self.scheduler.start()
            if self.cycle_only:
                logger.info("worker started: due sources checked every %gs", self.tick)
            else:
                logger.info(
                    "daemon started: due sources checked every %gs, digests at %s %s",
                    self.tick, self.config.alerts.digest_at, self.config.alerts.timezone,
                )  # fmt: skip
            if self.workers is not None:
                self.workers.start()
            while not self.stop.wait(1.0):
                if self.workers is not None:
                    self.workers.watch()
            if self.workers is not None:
                self.workers.stop(self.shutdown_timeout)
            return self._shut_down()
        finally:
            if self.workers is not None:
                self.workers.kill()
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _shut_down(self) -> int:
        self.scheduler.shutdown(wait=False)
        deadline = self.shutdown_timeout
        with self._idle:
            finished = self._idle.wait_for(lambda: self._running == 0, timeout=deadline)
        if not finished:
            logger.warning("work in flight did not finish within %gs; exiting, the database "
                           "rolls back what it had not committed", deadline)  # fmt: skip
            logging.shutdown()
            os._exit(0)
        logger.info("daemon stopped")
        return 0
