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
    path: Path | None = None


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
    if not isinstance(review, dict) or not isinstance(keys, dict):
        raise ConfigError(f"{path}: [claimreview] and [keys] must be tables")
    return Settings(
        reviewer=_optional_str(data.get("reviewer")),
        organization=_optional_str(review.get("organization")),
        organization_url=_optional_str(review.get("organization_url")),
        claimreview_base_url=_optional_str(review.get("base_url")),
        keys={str(k): str(v) for k, v in keys.items()},
        path=path,
    )


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
