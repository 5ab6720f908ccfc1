"""Fixtures: a fresh database per test, helpers that write input files, and access to ../shared/data when present."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from workbench.services.catalog import BrowseFilter, Catalog
from workbench.store.repository import Store

# Hypothesis's deadline and its too-slow health check are timings: on shared, loaded cores they fail for reasons
# unrelated to the code. Property tests keep every other health check.
settings.register_profile("loaded-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("loaded-machine")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA", REPO.parent / "shared" / "data"))


ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``engines`` (a module's ``pytestmark``) that use ``db_path`` or ``store`` run on both engines."""
    definition = metafunc.definition
    if "engine" in metafunc.fixturenames and definition.get_closest_marker("engines"):
        engines = ENGINES[:1] if definition.get_closest_marker("sqlite_only") else ENGINES
        metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """One PostgreSQL server per test session (per xdist worker) and a migrated template database; see
    tests/pg_server.py. Skips (fails under CI=true) when no server can start."""
    from tests.pg_server import session_template

    yield from session_template()


@contextlib.contextmanager
def fresh_db(engine: str, folder: Path, request: pytest.FixtureRequest, *, migrated: bool = True) -> Iterator[Path]:
    """A fresh database of ``engine``: a file in ``folder`` for SQLite (no file yet), a new database cloned from the
    migrated template for PostgreSQL (``migrated=False``: an empty one). For fixtures of any scope (a module's
    shared corpus as well as one test's store)."""
    if engine == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        yield folder / "test.db"
        return
    from tests.pg_server import fresh_database

    with fresh_database(request.getfixturevalue("pg_template"), migrated=migrated) as url:
        yield url  # type: ignore[misc]


@pytest.fixture
def db_path(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A fresh database: a file for SQLite, a new database cloned from the migrated template for PostgreSQL."""
    with fresh_db(engine, tmp_path, request) as path:
        yield path


@pytest.fixture
def empty_db_path(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A database with no tables at all, not even migrated: for tests of migrations and of foreign databases."""
    with fresh_db(engine, tmp_path, request, migrated=False) as path:
        yield path


@pytest.fixture
def second_db_path(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """Another fresh database of the test's engine, for a test that compares two databases."""
    with fresh_db(engine, tmp_path / "second", request) as path:
        yield path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a clean skip on a fresh clone without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is not available")
    return SHARED_DATA


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """A CLI runner isolated from the user's environment and config."""
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    monkeypatch.delenv("WORKBENCH_REVIEWER", raising=False)
    monkeypatch.delenv("WORKBENCH_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


ARTICLE = (
    "CARACAS - Venezuelan President Nicolas Maduro met Iranian President Ebrahim Raisi on Monday.\n\n"
    "Raisi said trade between the two countries grew from $600 million in 2021 to more than $3 billion.\n\n"
    "\u201cWe will be invincible,\u201d Maduro said.\n"
)


def listed(store: Store, view: str) -> list[dict]:  # type: ignore[type-arg]
    """Every current claim or quote as the listings show them (reading order), for tests."""
    catalog = Catalog(store)
    return catalog.rows(view, catalog.ids(view, BrowseFilter()))  # type: ignore[arg-type]
