"""Drive scheda's page in headless Chromium, as a clerk would.

    python3 tests/browser/page.py CONFIG.json

CONFIG names the server's URL, the files to drop and a folder for the
downloads (and, optionally, one for screenshots); the Rust test
(browser::run_in_browser) writes it. The scenarios of CONFIG["scenari"] run in
one browser, each on a fresh page, and each records what it saw
(or the error that stopped it) under its name; the script prints one JSON
object, which the Rust test checks, reading the downloads back.

Scenarios:
- modifica: seed 001 dropped, M12's users changed: R0B and R04 follow; the
  PDF downloaded; on seed 000 the Quadro 1 sentence turns (issue 14).
- stampati: a form whose printed derived values disagree (bug 1): they stay
  as printed, marked, with the computed value and a one-click correction.
- non_validi: a text that is not a number (bug 2) holds no value; the status
  lists it; downloads are blocked; 1.234 in a whole-number field is 1234.
- numeri: 1.5 and 1,5 in a decimal field (bug 3); 2.500 there is ambiguous.
- zip: two files and a broken one; the summary; an edit; the ZIP (bug 4);
  collapse and close.
- vuota: a blank form concludes nothing and says what is missing.
- accesso: accessible names, the drop zone by keyboard, axe-core.
- telefono: the page at 390 px wide (the form of `stampati`).
- server_assente: the server stops answering.
- in_parte: a text without row M15 (it reads only in part) and seed 000:
  the form opens, M15's fields marked with the reason, the status and the
  summary say so; M15 completed by hand, the marks go.
- confronta: seed 001 dropped, M12's users changed: the form lists what
  the clerk changed since it was loaded (field, before, after) above the
  downloads; then "Confronta" on seed 001 and the form of `stampati`: the
  table of what differs (issue 23).
- errori: each file of CONFIG["bad"] (files of the bad-input corpus)
  dropped alone on a fresh page; the texts of its errors as the page shows
  them (the error box, the fields' notes, the status), for the Rust test to
  check they are Italian (issue 20).

Uses the system's chromium and chromedriver (Debian: chromium,
chromium-driver) and selenium, never the network; axe-core is vendored in
tests/browser/axe/.
"""

import json
import os
import shutil
import sys
import time
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

HERE = os.path.dirname(os.path.abspath(__file__))
M12 = "/quadro1/M12/utenti"


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
        "profile.default_content_setting_values.automatic_downloads": 1,
    })
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def wait(condition, what, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = condition()
        except Exception:  # the element may not be there yet
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


# Waiting in the page: the condition, a function body over `a` (the
# arguments), polled there every 20 ms; one call to the browser instead of
# several per poll (each costs the browser and chromedriver CPU).
UNTIL = """
const [body, a, seconds, done] = arguments;
const condition = new Function("a", body), end = Date.now() + seconds * 1000;
(function poll() {
  let value = null;
  try { value = condition(a); } catch (e) { value = null; }
  if (value || Date.now() > end) done(value || null); else setTimeout(poll, 20);
})();
"""


def until(d, body, args, what, timeout=20):
    d.set_script_timeout(timeout + 5)
    value = d.execute_async_script(UNTIL, body, args, timeout)
    if not value:
        raise RuntimeError(f"timed out waiting for {what}")
    return value


def forms(d):
    return d.find_elements(By.CSS_SELECTOR, "section.scheda")


def field(d, pointer, form=0):
    return forms(d)[form].find_element(By.CSS_SELECTOR, f"input[data-pointer='{pointer}']")


# What the page shows is read in one call each (the text as the clerk sees
# it: `innerText`): every call to the browser costs it and chromedriver
# some milliseconds of CPU, and a scenario reads hundreds of things.
INPUT = "document.querySelectorAll('section.scheda')[arguments[0]].querySelector(`input[data-pointer='${arguments[1]}']`)"


def value(d, pointer, form=0):
    return d.execute_script(f"return {INPUT}.value", form, pointer)


def column(d, pointer, form=0):
    """The field's box: its classes and its note."""
    return d.execute_script(f"""
        const box = {INPUT}.parentElement;
        return {{classes: box.className, nota: box.querySelector('.nota-campo').innerText.trim()}}""", form, pointer)


def status(d, form=0):
    return d.execute_script("""
        const s = document.querySelectorAll('section.scheda')[arguments[0]].querySelector('.status');
        return {text: s.innerText.trim(), classes: s.className}""", form)


def checks(d, form=0):
    """How many checks of the form came back (the page counts them)."""
    return d.execute_script(
        "return +(document.querySelectorAll('section.scheda')[arguments[0]].dataset.verifiche || 0)", form)


def settled(d, form=0, before=None):
    """Wait for the check that follows an edit (debounced) to come back:
    the form's count of checks passes `before` (taken before the edit)."""
    until(d, "const f = document.querySelectorAll('section.scheda')[a[0]];"
             "return f && +(f.dataset.verifiche || 0) > a[1];", [form, before], "the check")


# The first `a[0]` forms are on the page and their first check came back.
CHECKED = """
const forms = document.querySelectorAll('section.scheda');
if (document.querySelectorAll("section.scheda input[data-pointer='/quadro1/M12/utenti']").length < a[0]) return false;
for (let i = 0; i < a[0]; i++) {
  const s = forms[i].querySelector('.status');
  if (!s || !s.innerText.trim() || s.innerText.includes('Verifica in corso')) return false;
}
return true;
"""


def choose(d, url, *paths, count=1):
    d.get(url)
    upload = d.find_element(By.ID, "file")
    d.execute_script("arguments[0].hidden = false;", upload)
    upload.send_keys("\n".join(paths))
    until(d, CHECKED, [count], "the forms and their check")


def type_into(d, pointer, text, form=0):
    before = checks(d, form)
    box = field(d, pointer, form)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)
    settled(d, form, before)


def texts(d, selector, root=None):
    """The text of each element `selector` finds (within `root`)."""
    return d.execute_script("""
        return [...(arguments[1] || document).querySelectorAll(arguments[0])].map(e => e.innerText.trim())""",
                            selector, root)


def rows(d, selector, root=None):
    """The texts of the cells of each table row `selector` finds."""
    return d.execute_script("""
        return [...(arguments[1] || document).querySelectorAll(arguments[0])]
          .map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText.trim()))""", selector, root)


def sentences(d, form=0):
    return d.execute_script("""
        return [...document.querySelectorAll('section.scheda')[arguments[0]].querySelectorAll('.frasi')]
          .filter(b => b.checkVisibility({visibilityProperty: true, opacityProperty: true}))
          .map(b => b.innerText.trim())""", form)


def new_downloads(downloads, before, ext):
    return wait(lambda: [f for f in os.listdir(downloads) if f.endswith(ext) and f not in before], "the download")


def modifica(d, c, seen):
    choose(d, c["url"], c["seed001"])
    seen["r0b_before"] = value(d, "/quadro1/R0B/utenti")
    seen["r04_before"] = value(d, "/quadro1/R04")
    m12 = int(value(d, M12))
    seen["m12_after"] = m12 + 100
    type_into(d, M12, str(m12 + 100))
    seen["r0b_after"] = value(d, "/quadro1/R0B/utenti")
    seen["r04_after"] = value(d, "/quadro1/R04")
    seen["status"] = status(d)["text"]
    shot(d, c, "page-form.png")
    before = set(os.listdir(c["downloads"]))
    forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='pdf']").click()
    seen["download"] = os.path.join(c["downloads"], new_downloads(c["downloads"], before, ".pdf")[0])
    choose(d, c["url"], c["seed000"])
    seen["sentence_before"] = service_sentence(d)
    type_into(d, M12, "99999")
    wait(lambda: service_sentence(d) and service_sentence(d) != seen["sentence_before"], "the sentence to follow")
    seen["sentence_after"] = service_sentence(d)
    r04 = field(d, "/quadro1/R04")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'});", r04)
    shot(d, c, "page-sentence.png")


def service_sentence(d):
    for block in sentences(d):
        for line in block.splitlines():
            if "livello di servizio effettivo" in line:
                return line
    return ""


def stampati(d, c, seen):
    choose(d, c["url"], c["wrong"])
    for name, pointer in [("r0b", "/quadro1/R0B/utenti"), ("m15", "/quadro1/M15/media_ore"), ("r04", "/quadro1/R04")]:
        seen[name] = value(d, pointer)
        seen[name + "_campo"] = column(d, pointer)
    seen["status"] = status(d)
    box = field(d, "/quadro1/R04").find_element(By.XPATH, "..")
    before = checks(d)
    box.find_element(By.CSS_SELECTOR, ".nota-campo button").click()
    settled(d, 0, before)
    seen["r04_corretto"] = value(d, "/quadro1/R04")
    seen["r0b_dopo"] = value(d, "/quadro1/R0B/utenti")
    seen["status_dopo"] = status(d)


def non_validi(d, c, seen):
    choose(d, c["url"], c["seed001"])
    type_into(d, M12, "1.234,5")
    seen["m12"] = column(d, M12)
    seen["r0b"] = value(d, "/quadro1/R0B/utenti")
    seen["status"] = status(d)
    pdf = forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='pdf']")
    seen["pdf_disabilitato"] = not pdf.is_enabled()
    before = set(os.listdir(c["downloads"]))
    d.execute_script("arguments[0].disabled = false; arguments[0].click();", forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='json']"))
    alert = None
    try:
        alert = wait(lambda: d.switch_to.alert.text, "the refusal", timeout=5)
        d.switch_to.alert.accept()
    except Exception:
        pass
    seen["rifiuto"] = alert
    seen["scaricati_con_errore"] = [f for f in os.listdir(c["downloads"]) if f not in before]
    type_into(d, M12, "1.234")
    seen["m12_migliaia"] = column(d, M12)
    seen["r0b_migliaia"] = value(d, "/quadro1/R0B/utenti")
    seen["status_migliaia"] = status(d)
    before = set(os.listdir(c["downloads"]))
    forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='json']").click()
    seen["json"] = os.path.join(c["downloads"], new_downloads(c["downloads"], before, ".json")[0])


def numeri(d, c, seen):
    choose(d, c["url"], c["seed001"])
    for name, text in [("punto", "1.5"), ("virgola", "1,5"), ("ambiguo", "2.500")]:
        type_into(d, "/quadro1/R01/anno", text)
        seen[name] = {"r01b": value(d, "/quadro1/R01B"), "campo": column(d, "/quadro1/R01/anno"), "sentences": sentences(d)}


def zip_(d, c, seen):
    choose(d, c["url"], c["seed003"], c["seed004"], c["broken"], count=2)
    wait(lambda: "non letto" in d.find_element(By.ID, "summary").text, "the failed file in the summary")
    summary = d.find_element(By.ID, "summary")
    seen["riepilogo"] = texts(d, "#summary li")
    seen["riepilogo_sopra"] = d.execute_script(
        "return arguments[0].getBoundingClientRect().top < document.querySelector('section.scheda').getBoundingClientRect().top", summary)
    seen["titoli"] = texts(d, "section.scheda h2")
    seen["m12_sondrio"] = int(value(d, M12, 1)) + 7
    type_into(d, M12, str(seen["m12_sondrio"]), 1)
    before = set(os.listdir(c["downloads"]))
    d.find_element(By.ID, "zip").click()
    seen["zip"] = os.path.join(c["downloads"], new_downloads(c["downloads"], before, ".zip")[0])
    forms(d)[0].find_element(By.XPATH, ".//button[normalize-space()='Comprimi']").click()
    seen["compressa"] = not field(d, M12, 0).is_displayed()
    forms(d)[0].find_element(By.XPATH, ".//button[normalize-space()='Chiudi']").click()
    seen["dopo_chiusura"] = texts(d, "#summary li")
    seen["schede_dopo_chiusura"] = len(forms(d))


def vuota(d, c, seen):
    d.get(c["url"])
    wait(lambda: d.find_elements(By.CSS_SELECTOR, "#edizione option"), "the editions")
    d.find_element(By.ID, "nuova").click()
    wait(lambda: forms(d) and status(d)["text"] and "Verifica in corso" not in status(d)["text"], "the blank form")
    seen["status"] = status(d)
    seen["sentences"] = sentences(d)
    seen["r04"] = column(d, "/quadro1/R04")
    seen["r0e_vuoto"] = field(d, "/quadro1/R0E").get_attribute("placeholder")


def accesso(d, c, seen):
    d.get(c["url"])
    d.execute_script("document.getElementById('file').addEventListener('click', e => { window.sceltoFile = (window.sceltoFile || 0) + 1; e.preventDefault(); });")
    body = d.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    seen["primo_tab"] = d.execute_script("return document.activeElement.id")
    drop = d.find_element(By.ID, "drop")
    drop.send_keys(Keys.ENTER)
    drop.send_keys(Keys.SPACE)
    seen["scelte_da_tastiera"] = d.execute_script("return window.sceltoFile || 0")
    choose(d, c["url"], c["seed001"])
    seen["nome_m12"] = field(d, M12).accessible_name
    seen["senza_nome"] = d.execute_script("""
        return [...document.querySelectorAll('section.scheda input, section.scheda select, section.scheda textarea')]
          .filter(e => !(e.getAttribute('aria-label') || (e.labels && [...e.labels].some(l => l.textContent.trim())))).length""")
    seen["calcolato_sola_lettura"] = field(d, "/quadro1/R0B/utenti").get_attribute("readonly") is not None
    with open(os.path.join(HERE, "axe", "axe.min.js"), encoding="utf-8") as f:
        d.execute_script(f.read())
    result = d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help, esempio: v.nodes[0] && v.nodes[0].html.slice(0, 200) })))).catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e) }]));
    """)
    seen["axe"] = result


def telefono(d, c, seen):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    choose(d, c["url"], c["wrong"])
    seen["larghezza"] = d.execute_script("return document.documentElement.scrollWidth")
    seen["etichetta_sopra"] = d.execute_script("""
        const input = document.querySelector("input[data-pointer='/quadro1/M12/utenti']");
        const label = input.closest('.riga').querySelector('.etichetta');
        return label.getBoundingClientRect().bottom <= input.getBoundingClientRect().top""")
    seen["larghezza_campo"] = d.execute_script(
        "return document.querySelector(\"input[data-pointer='/quadro1/R03']\").getBoundingClientRect().width")
    d.execute_script("document.getElementById('file').hidden = true; window.scrollTo(0, 0);")
    shot(d, c, "page-phone.png")
    status_box = forms(d)[0].find_element(By.CSS_SELECTOR, ".status")
    d.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -70);", status_box)
    shot(d, c, "page-phone-status.png")
    m15 = field(d, "/quadro1/M15/utenti")
    d.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -160);", m15)
    shot(d, c, "page-phone-m15.png")


def server_assente(d, c, seen):
    choose(d, c["url"], c["seed001"])
    d.set_network_conditions(offline=True, latency=0, download_throughput=-1, upload_throughput=-1)
    type_into(d, M12, "10")
    seen["status"] = status(d)
    seen["avviso"] = d.find_element(By.ID, "offline").is_displayed()
    seen["pdf_disabilitato"] = not forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='pdf']").is_enabled()
    upload = d.find_element(By.ID, "file")
    d.execute_script("arguments[0].hidden = false;", upload)
    upload.send_keys(c["seed000"])
    wait(lambda: "non risponde" in d.find_element(By.ID, "out").text, "the file's answer", timeout=5)
    seen["file_senza_server"] = d.find_element(By.ID, "out").text.split("\n")[-3:]


M15 = ["/quadro1/M15/utenti_2019", "/quadro1/M15/utenti", "/quadro1/M15/ore", "/quadro1/M15/media_ore"]


def in_parte(d, c, seen):
    choose(d, c["url"], c["partial"], c["seed000"], count=2)
    wait(lambda: len(d.find_elements(By.CSS_SELECTOR, "#summary li")) == 2, "the summary")
    seen["m12"] = value(d, M12)
    seen["m18"] = value(d, "/quadro1/M18/utenti")
    seen["m15"] = {p: {**column(d, p), "valore": value(d, p), "aria_invalid": field(d, p).get_attribute("aria-invalid")} for p in M15}
    seen["status"] = status(d)
    seen["riepilogo"] = texts(d, "#summary li")
    seen["pdf_abilitato"] = forms(d)[0].find_element(By.CSS_SELECTOR, "button[data-to='pdf']").is_enabled()
    shot(d, c, "page-partial.png")
    for p, text in zip(M15, ["10", "16", "7390"]):
        type_into(d, p, text)
    seen["dopo"] = {p: {**column(d, p), "valore": value(d, p)} for p in M15}
    seen["status_dopo"] = status(d)
    seen["riepilogo_dopo"] = texts(d, "#summary li")


def confronta(d, c, seen):
    choose(d, c["url"], c["seed001"])
    changes = forms(d)[0].find_element(By.CSS_SELECTOR, ".modifiche")
    seen["modifiche_all_inizio"] = changes.is_displayed()
    m12 = int(value(d, M12))
    type_into(d, M12, str(m12 + 100))
    wait(lambda: changes.is_displayed(), "the changes")
    seen["modifiche_titolo"] = changes.find_element(By.CSS_SELECTOR, "h3").text
    seen["modifiche"] = rows(d, "tbody tr", changes)
    # Above the downloads.
    toolbar = forms(d)[0].find_element(By.CSS_SELECTOR, ".toolbar")
    seen["sopra_i_download"] = changes.location["y"] < toolbar.location["y"]
    type_into(d, M12, str(m12))
    seen["modifiche_annullate"] = not changes.is_displayed()
    for side, path in [("a", c["seed001"]), ("b", c["wrong"])]:
        d.find_element(By.ID, "confronta-" + side).send_keys(path)
    d.find_element(By.ID, "confronta-via").click()
    where = d.find_element(By.ID, "confronto")
    wait(lambda: where.find_elements(By.CSS_SELECTOR, "table.differenze tbody tr"), "the comparison")
    seen["confronto_esito"] = where.find_element(By.CSS_SELECTOR, "strong").text
    seen["confronto"] = rows(d, "table.differenze tbody tr", where)
    shot(d, c, "page-diff.png")


def errori(d, c, seen):
    for name, path in c["bad"]:
        d.get(c["url"])
        upload = d.find_element(By.ID, "file")
        d.execute_script("arguments[0].hidden = false;", upload)
        upload.send_keys(path)
        wait(lambda: d.find_elements(By.CSS_SELECTOR, "#out .error")
             or (forms(d) and status(d)["text"] and "Verifica in corso" not in status(d)["text"]), "the answer to " + name)
        # The texts shown, in one call (a call for each of the form's
        # hundreds of notes costs the browser seconds).
        seen[name] = d.execute_script("""
            return [...document.querySelectorAll('#out .error, #out .nota-campo, #out .status')]
              .map(e => e.innerText).filter(t => t.trim())""")
    shot(d, c, "page-error.png")


def shot(d, c, name):
    if c.get("screenshots"):
        d.save_screenshot(os.path.join(c["screenshots"], name))


SCENARI = {
    "modifica": modifica, "stampati": stampati, "non_validi": non_validi, "numeri": numeri,
    "zip": zip_, "vuota": vuota, "accesso": accesso, "telefono": telefono, "server_assente": server_assente,
    "in_parte": in_parte, "errori": errori, "confronta": confronta,
}


def fresh(d):
    """Undo what a scenario did to the browser: its width, the network
    cut, its page and cookies; the next scenario starts on a blank page."""
    d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    try:
        d.delete_network_conditions()
    except Exception:  # none were set
        pass
    d.get("about:blank")
    d.delete_all_cookies()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        c = json.load(f)
    seen = {}
    d = None
    # One browser for the scenarios, each on a fresh page; a scenario that
    # stopped leaves the browser, and the next one starts another.
    for name in c["scenari"]:
        if d is None:
            d = driver(c["downloads"])
        else:
            fresh(d)
        seen[name] = {}
        try:
            SCENARI[name](d, c, seen[name])
        except Exception as e:  # recorded: the Rust test says which scenario failed and why
            seen[name]["errore"] = f"{type(e).__name__}: {e}"
            seen[name]["traccia"] = traceback.format_exc().splitlines()[-4:]
            d.quit()
            d = None
    if d is not None:
        d.quit()
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
