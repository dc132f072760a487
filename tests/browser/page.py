"""Drive scheda's page in headless Chromium, as a clerk would.

    python3 tests/browser/page.py URL SEED_001.txt SEED_000.txt DOWNLOADS [SCREENSHOTS]

1. drops seed 001's text on the page and reads R0B and R04 as the page shows them;
2. changes M12's users of the reporting year and reads them again;
3. downloads the PDF of the changed form into DOWNLOADS;
4. on seed 000, raises M12's users until R04 is no longer below R05, and reads the
   Quadro 1 sentence about the service level before and after.

Prints one JSON object with what it saw; the Rust test (serve::the_page_in_a_browser)
checks it and reads the downloaded PDF back. Uses the system's chromium and
chromedriver (Debian: chromium, chromium-driver) and selenium, never the network.
"""

import json
import os
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def driver(downloads):
    options = Options()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
        options.add_argument(arg)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def wait(condition, what, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"page: timed out waiting for {what}")


def field(d, pointer):
    return d.find_element(By.CSS_SELECTOR, f"section.scheda input[data-pointer='{pointer}']")


def drop(d, url, path):
    d.get(url)
    upload = d.find_element(By.ID, "file")
    d.execute_script("arguments[0].hidden = false;", upload)
    upload.send_keys(path)
    wait(lambda: d.find_elements(By.CSS_SELECTOR, "section.scheda input[data-pointer='/quadro1/R0B/utenti']"), "the form")
    wait(lambda: d.find_element(By.CSS_SELECTOR, "section.scheda .status").text, "the check")


def service_sentence(d):
    for block in d.find_elements(By.CSS_SELECTOR, "section.scheda .frasi"):
        for line in block.text.splitlines():
            if "livello di servizio effettivo" in line:
                return line
    return ""


def type_into(d, pointer, text):
    box = field(d, pointer)
    box.clear()
    box.send_keys(text)


def main():
    url, seed001, seed000, downloads = sys.argv[1:5]
    shots = sys.argv[5] if len(sys.argv) > 5 else None
    seen = {}
    d = driver(downloads)
    try:
        drop(d, url, seed001)
        seen["r0b_before"] = field(d, "/quadro1/R0B/utenti").get_attribute("value")
        seen["r04_before"] = field(d, "/quadro1/R04").get_attribute("value")
        m12 = int(field(d, "/quadro1/M12/utenti").get_attribute("value"))
        seen["m12_after"] = m12 + 100
        type_into(d, "/quadro1/M12/utenti", str(m12 + 100))
        wait(lambda: field(d, "/quadro1/R0B/utenti").get_attribute("value") != seen["r0b_before"], "R0B to follow")
        time.sleep(0.5)
        seen["r0b_after"] = field(d, "/quadro1/R0B/utenti").get_attribute("value")
        seen["r04_after"] = field(d, "/quadro1/R04").get_attribute("value")
        seen["status"] = d.find_element(By.CSS_SELECTOR, "section.scheda .status").text
        if shots:
            d.save_screenshot(os.path.join(shots, "page-form.png"))
        before = set(os.listdir(downloads))
        d.find_element(By.CSS_SELECTOR, "section.scheda button[data-to='pdf']").click()
        pdf = wait(lambda: [f for f in os.listdir(downloads) if f.endswith(".pdf") and f not in before], "the download")
        seen["download"] = os.path.join(downloads, pdf[0])

        drop(d, url, seed000)
        seen["sentence_before"] = service_sentence(d)
        type_into(d, "/quadro1/M12/utenti", "99999")
        wait(lambda: service_sentence(d) and service_sentence(d) != seen["sentence_before"], "the sentence to follow")
        seen["sentence_after"] = service_sentence(d)
        if shots:
            r04 = field(d, "/quadro1/R04")
            d.execute_script("arguments[0].scrollIntoView({block: 'center'});", r04)
            d.save_screenshot(os.path.join(shots, "page-sentence.png"))
    finally:
        d.quit()
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
