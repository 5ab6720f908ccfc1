"""Settings from a TOML file and the environment.

Where the file is: ``$WORKBENCH_CONFIG``, else ``./workbench.toml``, else ``$XDG_CONFIG_HOME/workbench/config.toml``
(``~/.config/workbench/config.toml``). Every setting has a default, so no file is needed. Example::

    reviewer = "ana"

    [claimreview]
    organization = "Example Fact Check"
    organization_url = "https://factcheck.example"
    base_url = "https://factcheck.example/reviews/"

    [keys]            # remap TUI actions by id
    verdict_true = "1"

    [outlets]         # the outlet name of a web page, by its host (a parent domain covers its subdomains)
    "www.reuters.com" = "Reuters"

    [fetch]           # limits for `workbench ingest URL`
    timeout = 30      # seconds for one page, redirects included
    max_mb = 10       # larger pages are refused (the download stops there)
    max_redirects = 10
    per_host = 2      # concurrent requests to one host
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    pass


@dataclass
class Settings:
    reviewer: str | None = None
    # No defaults for who publishes and where: a placeholder would be published as if it were real.
    organization: str | None = None
    organization_url: str | None = None
    claimreview_base_url: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)
    fetch: dict[str, float] = field(default_factory=dict)  # the [fetch] table, checked; see FETCH_LIMITS
    path: Path | None = None


# [fetch] keys: (type, smallest allowed value).
FETCH_LIMITS: dict[str, tuple[type, float]] = {
    "timeout": (float, 0.1),
    "connect_timeout": (float, 0.1),
    "max_mb": (float, 0.001),
    "max_redirects": (int, 0),
    "per_host": (int, 1),
    "workers": (int, 1),
}


def config_path() -> Path | None:
    explicit = os.environ.get("WORKBENCH_CONFIG")
    if explicit:
        return Path(explicit)
    local = Path("workbench.toml")
    if local.is_file():
        return local
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    candidate = base / "workbench" / "config.toml"
    return candidate if candidate.is_file() else None


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_path()
    if path is None:
        return Settings()
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    review = data.get("claimreview", {})
    keys = data.get("keys", {})
    outlets = data.get("outlets", {})
    fetch = data.get("fetch", {})
    if not all(isinstance(table, dict) for table in (review, keys, outlets, fetch)):
        raise ConfigError(f"{path}: [claimreview], [keys], [outlets] and [fetch] must be tables")
    return Settings(
        reviewer=_optional_str(data.get("reviewer")),
        organization=_optional_str(review.get("organization")),
        organization_url=_optional_str(review.get("organization_url")),
        claimreview_base_url=_optional_str(review.get("base_url")),
        keys={str(k): str(v) for k, v in keys.items()},
        outlets={str(k).strip().lower().rstrip("."): str(v).strip() for k, v in outlets.items() if str(v).strip()},
        fetch=_fetch_limits(path, fetch),
        path=path,
    )


def _fetch_limits(path: Path, table: dict[str, Any]) -> dict[str, float]:
    checked: dict[str, float] = {}
    for key, value in table.items():
        if key not in FETCH_LIMITS:
            raise ConfigError(f"{path}: unknown key {key!r} in [fetch]; known: {', '.join(FETCH_LIMITS)}")
        kind, smallest = FETCH_LIMITS[key]
        allowed = (int,) if kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            raise ConfigError(f"{path}: [fetch] {key} must be a{'n integer' if kind is int else ' number'}")
        if value < smallest:
            raise ConfigError(f"{path}: [fetch] {key} must be at least {smallest:g}")
        checked[key] = value
    return checked


def resolve_reviewer(explicit: str | None = None, settings: Settings | None = None) -> str:
    """``--reviewer``, else ``$WORKBENCH_REVIEWER``, else the config file, else the OS user name."""
    for candidate in (explicit, os.environ.get("WORKBENCH_REVIEWER"), settings.reviewer if settings else None):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _optional_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
