"""Fixtures for web ingest: a local server on 127.0.0.1 (no outside network) and fetch limits short enough for
tests to run quickly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.server import LocalWeb, local_web
from workbench.services.fetch import FetchSettings


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with local_web() as server:
        yield server


@pytest.fixture
def limits() -> FetchSettings:
    return FetchSettings(timeout=5.0, connect_timeout=2.0, max_bytes=256 * 1024, max_redirects=5)
