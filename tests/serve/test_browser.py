"""test_browser.py -- the browser views of `hechos serve` in headless Chromium (Debian
chromium + chromium-driver, driven by python3-selenium): every page is opened, the
highlighted facts are checked, hostile article text must stay text, the console must
hold no error, and a screenshot of each page (desktop and phone width) is saved under
$HECHOS_SCREENSHOTS (default build/screenshots).  Skipped, with a message, when
Chromium or chromedriver is missing."""
import os
import shutil
import tempfile

import pytest

from conftest import ROOT, SLOW

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = os.environ.get("HECHOS_SCREENSHOTS", os.path.join(ROOT, "build", "screenshots"))

if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
    pytest.skip("chromium or chromedriver not installed (scripts/setup.sh installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="python3-selenium not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="hechos-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
              "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=DRIVER) if hasattr(webdriver, "ChromeService") \
        else webdriver.chrome.service.Service(executable_path=DRIVER)
    d = webdriver.Chrome(service=service, options=opts)
    d.set_page_load_timeout(60 * SLOW)
    os.makedirs(SHOTS, exist_ok=True)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def visit(browser, server, path, ready, name):
    """Opens path, waits for the CSS selector ready, saves screenshots, checks the console."""
    browser.get_log("browser")  # drop older entries
    browser.get(server.url + path)
    WebDriverWait(browser, 30 * SLOW).until(EC.presence_of_element_located((By.CSS_SELECTOR, ready)))
    assert not browser.find_elements(By.CSS_SELECTOR, "main .error"), browser.find_element(By.TAG_NAME, "main").text
    browser.save_screenshot(os.path.join(SHOTS, name + ".png"))
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors


def phone(browser, name):
    browser.set_window_size(390, 844)
    browser.save_screenshot(os.path.join(SHOTS, name + "-phone.png"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    browser.set_window_size(1280, 900)
    assert width <= 400, "the page scrolls sideways on a phone (%d px)" % width


def spans(browser, cls):
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, "main .article ." + cls)]


def test_article_view(browser, server):
    visit(browser, server, "/doc/1", ".article .hx-ent", "article")
    assert "Ruritania" in spans(browser, "hx-ent")
    assert any("3.000" in t for t in spans(browser, "hx-qty"))
    assert any("julio" in t for t in spans(browser, "hx-time"))
    assert spans(browser, "hx-claim") and spans(browser, "hx-event") and spans(browser, "hx-cue")
    q = browser.find_elements(By.CSS_SELECTOR, ".article .hx-qty")[0]
    q.click()
    panel = browser.find_element(By.CSS_SELECTOR, ".fact-panel").text
    assert "Quantity" in panel and "3,000" in panel
    ev = browser.find_elements(By.CSS_SELECTOR, ".article .hx-event")[0]
    ev.click()
    assert "CAMEO" in browser.find_element(By.CSS_SELECTOR, ".fact-panel").text
    phone(browser, "article")


def test_hostile_article_stays_text(browser, server):
    visit(browser, server, "/search?q=Kursk", "main table a", "search")
    link = [a for a in browser.find_elements(By.CSS_SELECTOR, "main table a") if "script" in a.text][0]
    assert link.text.startswith("<script>alert(1)</script>")
    link.click()
    WebDriverWait(browser, 30 * SLOW).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".article .hx-qty")))
    browser.save_screenshot(os.path.join(SHOTS, "hostile.png"))
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main b, main textarea")
    art = browser.find_element(By.CSS_SELECTOR, ".article").text
    assert '<script>alert("x")</script>' in art and "</textarea><img src=x onerror=alert(2)>" in art
    assert "\u202e" not in art and "⟨U+202E⟩" in art and "⟨U+0001⟩" in art and "⟨U+2066⟩" in art
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("<script>")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_analyze_page(browser, server):
    visit(browser, server, "/analyze", "#analyze", "analyze-empty")
    text = ('El Ministerio de Defensa afirmó que al menos 3.000 soldados llegaron el pasado martes a '
            'Valdoria. "</textarea><script>alert(1)</script>", dijo.')
    browser.find_element(By.ID, "text").send_keys(text)
    browser.execute_script("document.getElementById('date').value = '2025-07-12'")
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 30 * SLOW).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#result .hx-qty")))
    assert "al menos 3.000" in spans(browser, "hx-qty")
    assert "pasado martes" in spans(browser, "hx-time")
    assert browser.find_element(By.ID, "text").get_attribute("value") == text
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    browser.save_screenshot(os.path.join(SHOTS, "analyze.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    phone(browser, "analyze")


def test_entity_page(browser, server):
    visit(browser, server, "/entity/Kursk", "main h2", "entity")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kursk"
    heads = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "main h2")]
    assert heads == ["Timeline", "Who says what about it", "What it says", "Co-occurring actors"]
    assert browser.find_elements(By.CSS_SELECTOR, "main ul.legend a")
    phone(browser, "entity")


def test_figures_page(browser, server):
    visit(browser, server, "/figures?about=soldados", ".conflict", "figures")
    pair = browser.find_elements(By.CSS_SELECTOR, ".conflict")[0].text
    assert "soldado norcoreano" in pair and "unos 10.000" in pair and "12.000" in pair
    assert "unos 10.000" in browser.find_element(By.CSS_SELECTOR, "main table").text
    phone(browser, "figures")


def test_graph_and_home(browser, server):
    visit(browser, server, "/graph", ".graph svg circle", "graph")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".graph svg circle")) >= 2
    visit(browser, server, "/", "main .card li a", "home")
    # an unknown article: a readable "Not found" page (the console then holds the 404)
    browser.get(server.url + "/doc/999")
    WebDriverWait(browser, 30 * SLOW).until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Not found"))
    assert "no document 999" in browser.find_element(By.CSS_SELECTOR, "main .error").text
