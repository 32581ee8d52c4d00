"""Fixtures of the end-to-end tests: one browser per person, closed at the end, photographed on failure."""
from __future__ import annotations

import re

import pytest

import helpers


@pytest.fixture(scope="session", autouse=True)
def server_is_up():
    import urllib.request
    try:
        with urllib.request.urlopen(helpers.BASE_URL + "/healthz", timeout=5) as response:
            assert response.status == 200
    except OSError as error:
        pytest.exit(f"no server at {helpers.BASE_URL} ({error}): run the tests with `make e2e`", returncode=2)
    assert helpers.ADMIN[1] and helpers.HR[1], "E2E_ADMIN_PASSWORD and E2E_HR_PASSWORD must be set (run.sh sets them)"


class Browsers:
    """Opens a browser per person on demand, and closes them all when the test module ends."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.open: dict[str, object] = {}

    def __call__(self, who: str, kind: str = "phone"):
        if who not in self.open:
            self.open[who] = helpers.new_browser(kind)
        return self.open[who]

    def close(self):
        for driver in self.open.values():
            try:
                driver.quit()
            except Exception:
                pass
        self.open.clear()


@pytest.fixture(scope="module")
def browsers(request):
    pool = Browsers(request.module.__name__)
    request.module._e2e_browsers = pool
    yield pool
    pool.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        pool = getattr(item.module, "_e2e_browsers", None)
        for who, driver in (pool.open.items() if pool else []):
            name = re.sub(r"[^A-Za-z0-9]+", "-", f"FAILED-{item.name}-{who}")
            helpers.shot(driver, name)
    return report


@pytest.fixture(scope="session")
def story() -> dict:
    """What one step of the main flow hands to the next (slip passwords, the certificate's code, …)."""
    return {}
