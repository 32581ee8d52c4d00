"""Every page the e2e tests open is checked, at 360×740 and at 1280×900, by axe-core and for sideways scrolling.

`helpers.new_browser` returns an `AuditedChrome`. Before each WebDriver command it asks the browser whether the
document now shown (a `go`, a tapped link, a submitted form, a reload) has been checked yet; the first time it has
not, it waits for the page to load and then, at both sizes (the browser's own first, then the other, then back):

- runs axe-core (from the pinned `axe-selenium-python` wheel) with its default rules: any violation fails the
  test with the page's address, the size, each rule's id and the nodes it names;
- at 360 px: the page must not be wider than the screen (`scrollWidth <= innerWidth`), naming the widest
  elements if it is, and anything that scrolls sideways must say so: role="region", a name (aria-label or
  aria-labelledby) and tabindex="0" (the `.scroll` wrapper of wide tables).

Tests get this by opening browsers through `browsers(...)` or `helpers.new_browser`; nothing to call.
`E2E_AUDIT=list` writes every problem to screenshots/audit.txt and lets the tests go on (to see them all in one
run while fixing); `E2E_AUDIT=0` turns the checks off. Neither is for CI.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.remote.command import Command

PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True}
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
MODE = os.environ.get("E2E_AUDIT", "1")
ENABLED = MODE != "0"
LIST = Path(__file__).resolve().parent / "screenshots" / "audit.txt"

# Commands that must not set off a check: ending the session, and those the failure screenshots use.
_QUIET = {Command.QUIT, Command.SCREENSHOT, Command.ELEMENT_SCREENSHOT}
_SCRIPT = None

# What the browser is asked before a command: which page it shows, whether it has loaded, whether it was checked.
_STATE = "return [location.href, document.readyState, window.__e2eAudited === true]"

# The sideways-scroll check at 360 px: the page's width, the widest elements outside a declared scroll region,
# and the elements that scroll sideways without saying so.
WIDTH = """
// A phone zooms out to show a page wider than the screen, which widens innerWidth with it: the layout viewport
// (the root's clientWidth, 360 px on the phone) is the screen's width.
const inner = Math.min(window.innerWidth, document.documentElement.clientWidth);
const width = document.documentElement.scrollWidth;
const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
  + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
const declared = el => el.getAttribute('role') === 'region' && el.getAttribute('tabindex') === '0'
  && (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
const ancestors = function* (el) { for (let a = el; a; a = a.parentElement) yield a; };
const wide = [], within = [], silent = [];
for (const el of document.querySelectorAll('body *')) {
  const style = getComputedStyle(el);
  if (['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && !declared(el)
      && el !== document.body)
    silent.push(name(el) + ' (' + el.scrollWidth + ' px in ' + el.clientWidth + ' px)');
  const r = el.getBoundingClientRect();
  if (r.right > inner + 1 && r.width > 0 && !el.closest('.skip'))
    (![...ancestors(el)].some(declared) ? wide : within).push(
      [Math.round(r.right), name(el) + ' (right edge ' + Math.round(r.right) + ' px)']);
}
// Something inside a region can still widen the page (positioned against the page, not the region): named then.
const widest = (wide.length ? wide : within).sort((a, b) => b[0] - a[0]);
return [width, inner, widest.slice(0, 5).map(w => w[1]), silent.slice(0, 5)];
"""


def _axe_source() -> str:
    global _SCRIPT
    if _SCRIPT is None:
        axe = Axe(None)
        with open(axe.script_url, encoding="utf8") as f:
            _SCRIPT = f.read()
    return _SCRIPT


def axe_version() -> str:
    """The axe-core version the wheel carries (from the banner of axe.min.js: "/*! axe v4.10.2")."""
    return _axe_source().split("\n", 1)[0].replace("/*! axe v", "").strip()


class PageAuditError(AssertionError):
    """A page has accessibility violations or scrolls sideways."""


class AuditedChrome(webdriver.Chrome):
    """Chrome that checks every new page it shows (see the module's comment) before the next command runs."""

    def __init__(self, *args, kind: str = "phone", base_url: str = "", **kwargs):
        self._e2e_busy = True  # no checks while the session starts
        super().__init__(*args, **kwargs)
        self.e2e_kind = kind
        self._e2e_base = base_url
        if ENABLED:
            # axe-core is given to every document the browser opens, once: sending its 550 kB through the
            # driver for each page took seconds. Pages cannot see it unless they look for window.axe.
            super().execute("executeCdpCommand", {"cmd": "Page.addScriptToEvaluateOnNewDocument",
                                                  "params": {"source": _axe_source()}})
        self._e2e_busy = not ENABLED
        self.e2e_audited: list[str] = []  # each address checked, in order (the README's table of pages)

    def execute(self, driver_command: str, params: dict | None = None):
        if not self._e2e_busy and driver_command not in _QUIET:
            self._e2e_busy = True
            try:
                self._check_new_page()
            finally:
                self._e2e_busy = False
        return super().execute(driver_command, params)

    def paused(self):
        """`with driver.paused():` — commands inside do not set off a check (screenshots of a failure)."""
        driver = self

        class _Paused:
            def __enter__(self):
                self.was = driver._e2e_busy
                driver._e2e_busy = True

            def __exit__(self, *exc):
                driver._e2e_busy = self.was
        return _Paused()

    def recheck(self) -> None:
        """Checks the page again as it is now: a state that a script made without loading a page (a dialog)."""
        self.execute_script("window.__e2eAudited = false")
        if ENABLED:
            with self.paused():
                self._check_new_page()

    # --- the check ----------------------------------------------------------------------------------

    def _check_new_page(self) -> None:
        try:
            href, ready, done = self.execute_script(_STATE)
        except Exception:
            return  # no page to ask (a dialog, a closed window): the command itself will say what is wrong
        if done or not href.startswith(self._e2e_base):
            return
        deadline = time.monotonic() + 15
        while ready != "complete" and time.monotonic() < deadline:
            time.sleep(0.05)
            href, ready, done = self.execute_script(_STATE)
            if done:
                return
        # Marked first: a failure is reported once, not again by every later command on the same page.
        self.execute_script("window.__e2eAudited = true")
        self.e2e_audited.append(href)
        mine, other = (PHONE, DESKTOP) if self.e2e_kind == "phone" else (DESKTOP, PHONE)
        problems = self._check_at(href, mine)
        self._resize(other)
        try:
            problems += self._check_at(href, other)
        finally:
            self._resize(mine)
        if problems and MODE == "list":
            with LIST.open("a", encoding="utf8") as out:
                out.write("\n".join(problems) + "\n")
        elif problems:
            raise PageAuditError("\n".join(problems))

    def _resize(self, size: dict) -> None:
        super().execute("executeCdpCommand", {"cmd": "Emulation.setDeviceMetricsOverride", "params": size})

    def _check_at(self, href: str, size: dict) -> list[str]:
        label = f"{href} at {size['width']}×{size['height']}"
        problems = []
        if size["width"] == PHONE["width"]:
            width, inner, wide, silent = self.execute_script(WIDTH)
            if width > inner:
                problems.append(f"{label}: the page scrolls sideways ({width} px in {inner} px); widest: {wide}")
            if silent:
                problems.append(f"{label}: scrolls sideways without role=region, a name and tabindex=0: {silent}")
        if not self.execute_script("return typeof axe === 'object'"):  # a page opened before this browser's start
            self.execute_script(_axe_source())
        results = self.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)))")
        if isinstance(results, str):
            problems.append(f"{label}: axe-core failed: {results}")
            return problems
        for violation in results:
            nodes = "; ".join(
                " ".join(node["target"] if isinstance(node["target"][0], str) else map(json.dumps, node["target"]))
                + " — " + (node.get("failureSummary") or "").replace("\n", " ")[:300]
                for node in violation["nodes"][:6])
            more = f" (+{len(violation['nodes']) - 6} more)" if len(violation["nodes"]) > 6 else ""
            problems.append(f"{label}: axe {violation['id']} ({violation['impact']}): {violation['help']}: "
                            f"{nodes}{more}")
        return problems
