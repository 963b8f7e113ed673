"""Telegram and the command line: configuration, rendering, handlers. Answers come from ``knowledge``."""
import os

# python-telegram-bot 22 warns on every 429 unless durations are opted in to datetime.timedelta,
# the type its next major version uses; we handle both (see bot.digests).
os.environ.setdefault("PTB_TIMEDELTA", "1")
