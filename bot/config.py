"""One configuration object, built at start-up from an optional YAML file and the environment."""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = PROJECT_DIR / "reports"
DEFAULT_DATA = PROJECT_DIR / "data"
_KEYS = {"data_dir", "reports_dir", "admins", "log_level", "api_base_url", "api_file_url", "scan_interval",
         "delivery_interval", "ingest_seconds", "ingest_memory_mb", "max_events_per_file"}
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """The configuration is invalid; the message says which setting and why."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings of one run. The token comes from the environment only."""

    token: str | None
    data_dir: Path
    reports_dir: Path
    admins: frozenset[int]
    log_level: str = "INFO"
    api_base_url: str | None = None
    api_file_url: str | None = None
    webhook_secret: str | None = None  # from the environment only, like the token
    scan_interval: float = 0.0  # seconds between scans of the reports folder for new files; 0: off
    delivery_interval: float = 30.0  # seconds between two looks at the digest outbox
    # Hard limits on reading one report file (a child process per build; see knowledge.isolate).
    ingest_seconds: float = 60.0  # CPU seconds per file
    ingest_memory_mb: int = 512  # memory of the reading process
    max_events_per_file: int = 3000  # events kept from one file, the rest dropped with a warning

    @property
    def knowledge_db(self) -> Path:
        """The knowledge store's file (derived data, rebuilt at will)."""
        return self.data_dir / "knowledge.sqlite"

    @property
    def state_db(self) -> Path:
        """The bot's own store (subscriptions, outbox, usage): not derived, never rebuilt."""
        return self.data_dir / "bot.sqlite"

    def __repr__(self) -> str:  # the token never reaches a log line
        return (f"Config(data_dir={self.data_dir}, reports_dir={self.reports_dir}, admins={sorted(self.admins)}, "
                f"log_level={self.log_level}, token={'set' if self.token else 'unset'})")


def load_config(path: Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Merge the YAML file (if any) and the environment (which wins) into one Config."""
    env = dict(os.environ) if env is None else env
    data: dict[str, object] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"{path}: expected a mapping of settings")
        unknown = set(loaded) - _KEYS
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(_KEYS))}")
        data = loaded
    admins_raw = env.get("BOT_ADMINS", data.get("admins", ""))
    if isinstance(admins_raw, list):
        admins_raw = ",".join(str(a) for a in admins_raw)
    try:
        admins = frozenset(int(a) for a in str(admins_raw).replace(" ", "").split(",") if a)
    except ValueError as exc:
        raise ConfigError(f"BOT_ADMINS must be comma-separated user ids, got {admins_raw!r}") from exc
    data_dir = Path(str(env.get("BOT_DATA_DIR") or data.get("data_dir") or DEFAULT_DATA))
    level = str(env.get("BOT_LOG_LEVEL") or data.get("log_level") or "INFO").upper()
    if level not in _LOG_LEVELS:
        raise ConfigError(f"BOT_LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}, got {level!r}")
    for name, key in (("TELEGRAM_API_BASE_URL", "api_base_url"), ("TELEGRAM_API_FILE_URL", "api_file_url")):
        url = env.get(name) or data.get(key)
        if url and not re.fullmatch(r"https?://[^\s/]+(?:/\S*)?", str(url)):
            raise ConfigError(f"{name} must be an http(s) URL, got {str(url)[:100]!r}")
    return Config(
        token=env.get("TELEGRAM_BOT_TOKEN") or None,
        data_dir=data_dir,
        # The reports live in the data folder (seeded from the bundled ones on first use), so that
        # uploads never land in the program's own checkout.
        reports_dir=Path(str(env.get("BOT_REPORTS_DIR") or data.get("reports_dir") or data_dir / "reports")),
        admins=admins,
        log_level=level,
        api_base_url=env.get("TELEGRAM_API_BASE_URL") or (str(data["api_base_url"]) if data.get("api_base_url") else None),
        api_file_url=env.get("TELEGRAM_API_FILE_URL") or (str(data["api_file_url"]) if data.get("api_file_url") else None),
        webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
        scan_interval=_seconds("BOT_SCAN_INTERVAL", env.get("BOT_SCAN_INTERVAL", data.get("scan_interval", 0))),
        delivery_interval=_seconds("BOT_DELIVERY_INTERVAL",
                                   env.get("BOT_DELIVERY_INTERVAL", data.get("delivery_interval", 30))),
        ingest_seconds=_bounded("BOT_INGEST_SECONDS", env.get("BOT_INGEST_SECONDS", data.get("ingest_seconds", 60)),
                                1, 3600),
        ingest_memory_mb=int(_bounded("BOT_INGEST_MEMORY_MB",
                                      env.get("BOT_INGEST_MEMORY_MB", data.get("ingest_memory_mb", 512)), 128, 65536)),
        max_events_per_file=int(_bounded("BOT_MAX_EVENTS_PER_FILE", env.get("BOT_MAX_EVENTS_PER_FILE",
                                                                           data.get("max_events_per_file", 3000)),
                                         1, 1_000_000)),
    )


def _bounded(name: str, value: object, low: float, high: float) -> float:
    try:
        number = float(str(value))
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number, got {value!r}") from exc
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low:g} and {high:g}, got {number:g}")
    return number


def _seconds(name: str, value: object) -> float:
    try:
        seconds = float(str(value))
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, got {value!r}") from exc
    if seconds < 0:
        raise ConfigError(f"{name} must not be negative")
    return seconds


def seed_reports(config: Config) -> bool:
    """Fill an empty or missing reports folder with the bundled reports (a fresh server or container
    volume starts with the corpus the project ships); True when it did."""
    target = config.reports_dir
    if not DEFAULT_REPORTS.is_dir() or target.resolve() == DEFAULT_REPORTS.resolve():
        return False
    if target.exists() and any(target.iterdir()):
        return False
    shutil.copytree(DEFAULT_REPORTS, target, dirs_exist_ok=True)
    return True
