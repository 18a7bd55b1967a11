"""Progress lines for long rebuilds: done/total, rate and time left, at most every few seconds.

Printed whether or not the output is a terminal, so a log shows how far a rebuild got.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """Call with (done, total); prints ``label: done/total (percent), rate/s, ETA`` now and then and at the end."""

    def __init__(self, out: TextIO, label: str, every: float = 5.0) -> None:
        self.out, self.label, self.every = out, label, every
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        share = 100 * done / total if total else 100
        self.out.write(
            f"{self.label}: {done:,}/{total:,} ({share:.0f} %), {rate:,.0f}/s, "
            f"{_duration(elapsed)} elapsed, ETA {_duration(left)}\n"
        )
        self.out.flush()


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
