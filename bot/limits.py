"""Load limits: a per-user token bucket so one chat cannot flood the bot, and a rate limiter for
Telegram's own limits that also retries Telegram's passing server errors."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class UserRateLimit:
    """A token bucket per user: ``burst`` questions at once, then one every ``interval`` seconds.

    ``check`` says whether to answer, and whether to send the one polite "slow down" of this flood:
    a refusal per dropped message would itself flood the chat."""

    def __init__(self, burst: int = 8, interval: float = 1.5, clock: Callable[[], float] = time.monotonic,
                 max_users: int = 50_000) -> None:
        self.burst = burst
        self.interval = interval
        self.clock = clock
        self.max_users = max_users
        self._buckets: dict[int, _Bucket] = {}

    def check(self, key: int) -> tuple[bool, bool]:
        """(allowed, warn) for one more request from ``key``."""
        now = self.clock()
        b = self._buckets.get(key)
        if b is None:
            if len(self._buckets) >= self.max_users:  # forget the idle, keep memory bounded
                self._buckets = {k: v for k, v in self._buckets.items() if v.tokens < self.burst - 1}
            b = self._buckets[key] = _Bucket(float(self.burst), now)
        b.tokens = min(float(self.burst), b.tokens + (now - b.updated) / self.interval)
        b.updated = now
        if b.tokens >= 1:
            b.tokens -= 1
            b.warned = False
            return True, False
        warn = not b.warned
        b.warned = True
        return False, warn


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's flood limits, 429 retry_after honoured) that also retries 5xx
    answers and network failures with a backoff; a request Telegram refuses (4xx) is not retried."""

    def __init__(self, *args: Any, server_retries: int = 3, backoff: float = 0.5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.server_retries = server_retries
        self.backoff = backoff

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]] | None]],
                              args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> bool | dict[str, Any] | list[dict[str, Any]] | None:
        attempt = 0
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except (BadRequest, TimedOut):
                # A refusal will not change on retry, and a timed-out send may have been delivered.
                raise
            except NetworkError as exc:
                if attempt >= self.server_retries:
                    raise
                delay = self.backoff * 2 ** attempt
                attempt += 1
                log.warning("%s failed (%s); retry %d in %.1f s", endpoint, exc, attempt, delay)
                await asyncio.sleep(delay)
