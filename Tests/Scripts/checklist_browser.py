#!/usr/bin/env python3
"""Uses plan.html as a checklist in a real browser (Chromium through Selenium),
as a person would on a phone, and saves the log the page makes.

    checklist_browser.py check
        exit 0 when selenium imports and chromium and chromedriver are on the PATH;
        else exit 1 with what is missing on stderr

    checklist_browser.py fill PAGE.html ENTRIES.json OUTDIR [SHOTS]
        opens PAGE.html from disk at 390 px wide, fills in ENTRIES, reloads the page
        (entries must come back from local storage), clicks "Save my log", and
        prints the page to PDF as Chromium prints it. Writes OUTDIR/log.csv and
        OUTDIR/printed.pdf; with SHOTS, screenshots of the page before and after
        filling in, at 390 and 1280 px. Prints a JSON report on stdout.

ENTRIES is a list of {"date": "YYYY-MM-DD", "done": "all" or [move ids],
"pain_before": n, "pain_after": n, "hurt": [move ids], "notes": "..."}; the day
section of each date is found by its heading, as the page's own data names it.
Every tick is a click on the move's label, every score typed with the keyboard.
"""
import base64
import json
import os
import shutil
import sys
import tempfile
import time


def missing():
    problems = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        problems.append("the Python package selenium (pip install selenium)")
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        problems.append("chromium (apt-get install chromium)")
    if not shutil.which("chromedriver"):
        problems.append("chromedriver (apt-get install chromium-driver)")
    return problems


def browser(download_dir):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--hide-scrollbars", "--no-first-run"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": download_dir,
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # A TMPDIR of the browser's own, removed with it: Chromium keeps its singleton socket in a folder
    # of TMPDIR that it leaves behind when the driver ends it.
    scratch = tempfile.mkdtemp(prefix="backplan-browser-")
    service = Service(shutil.which("chromedriver"), env=dict(os.environ, TMPDIR=scratch))
    driver = webdriver.Chrome(service=service, options=options)
    driver.backplan_scratch = scratch
    # Headless Chromium keeps downloads unless told where they go.
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": download_dir})
    return driver


def viewport(driver, width):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844 if width < 600 else 900, "deviceScaleFactor": 1, "mobile": width < 600,
    })


def section_of(driver, date):
    """The day section of the session on `date`, found by the heading the page's data gives it."""
    from selenium.webdriver.common.by import By

    plan = json.loads(driver.find_element(By.ID, "backplan-checklist").get_attribute("textContent"))
    day = next(session for session in plan["sessions"] if session["date"] == date)
    for section in driver.find_elements(By.CSS_SELECTOR, "section.day"):
        heading = section.find_element(By.CSS_SELECTOR, "h3").text
        if heading.split(":")[0] == day["day"]:
            return section, day
    raise SystemExit(f"no day section for {date} ({day['day']})")


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def fill(driver, entry):
    from selenium.webdriver.common.by import By

    section, day = section_of(driver, entry["date"])
    labels = {move["label"]: move["id"] for move in day["moves"]}
    done = entry.get("done", [])
    hurt = entry.get("hurt", [])
    for item in section.find_elements(By.CSS_SELECTOR, "li.bp-item"):
        move = item.find_elements(By.CSS_SELECTOR, "label.bp-move strong")
        move_id = labels.get(move[0].text.strip()) if move else None
        if move_id is None:
            continue
        if done == "all" or move_id in done:
            click(driver, item.find_element(By.CSS_SELECTOR, "label.bp-move"))
        if move_id in hurt:
            click(driver, item.find_element(By.CSS_SELECTOR, "label.bp-hurt"))
    fields = section.find_elements(By.CSS_SELECTOR, "input.bp-pain")
    for field, key in zip(fields, ("pain_before", "pain_after")):
        if entry.get(key) is not None:
            click(driver, field)
            field.send_keys(str(entry[key]))
    if entry.get("notes"):
        note = section.find_element(By.CSS_SELECTOR, "input.bp-note")
        click(driver, note)
        note.send_keys(entry["notes"])


def measure(driver):
    """Sizes a phone user meets: the smallest touch target, and whether the page scrolls sideways."""
    return driver.execute_script("""
        const heights = sel => Array.from(document.querySelectorAll(sel)).map(e => e.getBoundingClientRect().height);
        const min = list => list.length ? Math.min(...list) : null;
        const button = document.querySelector('.bp-bar button');
        return {
            ticks: document.querySelectorAll('input.bp-tick').length,
            checked: document.querySelectorAll('input.bp-tick:checked').length,
            move_label_min_height: min(heights('label.bp-move')),
            hurt_label_min_height: min(heights('label.bp-hurt')),
            pain_field_min_height: min(heights('input.bp-pain')),
            button_height: button ? button.getBoundingClientRect().height : null,
            button_text: button ? button.textContent : null,
            scroll_width: document.documentElement.scrollWidth,
            client_width: document.documentElement.clientWidth,
        };
    """)


def shoot(driver, path, width):
    viewport(driver, width)
    driver.execute_script("window.scrollTo(0, 0); const day = document.querySelector('section.day');"
                          "if (day) { day.scrollIntoView(); window.scrollBy(0, -8); }")
    time.sleep(0.2)
    driver.save_screenshot(path)


def fill_command(page, entries_path, out_dir, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with open(entries_path, encoding="utf-8") as handle:
        entries = json.load(handle)
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    driver = browser(out_dir)
    report = {}
    try:
        viewport(driver, 390)
        driver.get("file://" + os.path.abspath(page))
        report["before"] = measure(driver)
        if shots:
            os.makedirs(shots, exist_ok=True)
            shoot(driver, os.path.join(shots, "checklist-390-before.png"), 390)
            shoot(driver, os.path.join(shots, "checklist-1280-before.png"), 1280)
            viewport(driver, 390)
        for entry in entries:
            fill(driver, entry)
        report["filled"] = measure(driver)
        # What was entered is kept on the device: it comes back after a reload.
        driver.refresh()
        report["reloaded"] = measure(driver)
        report["pain_values"] = [field.get_attribute("value") for field in driver.find_elements(By.CSS_SELECTOR, "input.bp-pain") if field.get_attribute("value")]
        # A score out of 0-10 in an empty field is marked and said in words, then cleared (nothing stored).
        empty = [field for field in driver.find_elements(By.CSS_SELECTOR, "input.bp-pain") if not field.get_attribute("value")]
        report["invalid_hint"] = None
        if empty:
            field = empty[-1]
            click(driver, field)
            field.send_keys("12")
            hint = driver.find_element(By.ID, field.get_attribute("aria-describedby"))
            report["invalid_hint"] = {"invalid": field.get_attribute("aria-invalid"), "text": hint.text}
            field.send_keys(Keys.BACKSPACE, Keys.BACKSPACE)
            report["invalid_hint"]["after_clearing"] = hint.text
        if shots:
            shoot(driver, os.path.join(shots, "checklist-390-after.png"), 390)
            shoot(driver, os.path.join(shots, "checklist-1280-after.png"), 1280)
            viewport(driver, 390)
        log = os.path.join(out_dir, "log.csv")
        if os.path.exists(log):
            os.remove(log)
        # A page whose markup the script did not recognise has no bar: nothing to save.
        buttons = driver.find_elements(By.CSS_SELECTOR, ".bp-bar button")
        if buttons:
            click(driver, buttons[0])
            deadline = time.time() + 15
            while time.time() < deadline and not (os.path.exists(log) and not os.path.exists(log + ".crdownload")):
                time.sleep(0.1)
        report["log"] = log if os.path.exists(log) else None
        # Chromium's own printing (Page.printToPDF), as "Print" in the browser does it, ticks and all.
        from selenium.webdriver.common.print_page_options import PrintOptions
        options = PrintOptions()
        options.background = True
        pdf = os.path.join(out_dir, "printed.pdf")
        with open(pdf, "wb") as handle:
            handle.write(base64.b64decode(driver.print_page(options)))
        report["pdf"] = pdf
        report["console_errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
        shutil.rmtree(driver.backplan_scratch, ignore_errors=True)
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    print()


def main(argv):
    if len(argv) == 2 and argv[1] == "check":
        problems = missing()
        if problems:
            print("missing: " + ", ".join(problems), file=sys.stderr)
            return 1
        return 0
    if len(argv) in (5, 6) and argv[1] == "fill":
        fill_command(argv[2], argv[3], argv[4], argv[5] if len(argv) == 6 else None)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
