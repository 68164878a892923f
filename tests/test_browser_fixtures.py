"""The browser-test fixtures of conftest work: ``site`` serves the built corpus and ``browser`` drives it.

Every page test builds on these two fixtures (and ``requests_made``); this smoke test fails first
if Chromium, its driver or the server cannot start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.webdriver.common.by import By


def test_browser_opens_the_home_page_and_reads_its_heading(
        site: str, browser: Any, requests_made: Callable[[], list[str]]) -> None:
    browser.get(f"{site}/")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "knowledge base" in heading.lower(), heading
    assert browser.execute_script("return document.readyState") == "complete"
    urls = requests_made()
    assert f"{site}/" in urls, urls  # the performance log records the page's own request
