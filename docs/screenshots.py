"""Screenshots of each page type of the web service, as PNG files in docs/screenshots/.

Run from the repository after ``kb build``::

    python docs/screenshots.py                 # starts `uvicorn` on build/current/store, shoots, stops it
    python docs/screenshots.py --url http://127.0.0.1:8000   # or shoot a server that is already running

It drives Debian's headless Chromium through Selenium (``/usr/bin/chromium`` and
``/usr/bin/chromedriver``, as the browser tests do) and never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 1280
MAX_HEIGHT = 2400
PAGES = {  # file name -> path on the server
    "dashboard": "/",
    "document": "/doc/wg1-2021-final-report",
    "provision": "/doc/iacml21-plan-of-action/art_7__para_g",
    "activity": "/activity/ws2023-education-labor",
    "body": "/body/ilo-cinterfor",
    "topic": "/topic/qualifications-frameworks",
    "reader": "/reader/wg1-2021-final-report#recommendation_7",
    "search": "/search?q=qualifications+framework",
    "ontology": "/ontology",
    "sparql": "/query?example=cq01-open-mandates",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "KB_STORE": str(store)}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app_from_environment", "--factory",
                                "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"the server on {store} did not start within 90 s")


def _browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WIDTH},900", "--hide-scrollbars", "--lang=en-US"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))


def shoot(url: str, names: list[str]) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    driver = _browser()
    written = []
    try:
        for name in names:
            driver.set_window_size(WIDTH, 900)
            driver.get(url + PAGES[name])
            time.sleep(0.5)
            height = min(int(driver.execute_script("return document.documentElement.scrollHeight")), MAX_HEIGHT)
            if "#" not in PAGES[name]:
                driver.set_window_size(WIDTH, height)
                driver.execute_script("window.scrollTo(0, 0)")
            time.sleep(0.3)
            path = OUT / f"{name}.png"
            driver.save_screenshot(str(path))
            written.append(path)
            print(f"{path.relative_to(ROOT)}  {url + PAGES[name]}")
    finally:
        driver.quit()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server (default: start one on build/current/store)")
    parser.add_argument("--store", default=str(ROOT / "build" / "current" / "store"))
    parser.add_argument("pages", nargs="*", choices=[*PAGES, []], help="which pages (default: all)")
    args = parser.parse_args()
    names = args.pages or list(PAGES)
    if args.url:
        shoot(args.url.rstrip("/"), names)
        return
    process, url = _serve(Path(args.store))
    try:
        shoot(url, names)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
