"""Telegram and the command line: configuration, rendering, handlers. Answers come from ``knowledge``."""
