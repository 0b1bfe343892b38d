"""A borrower's whole way through the product, timed in Chromium as they see it.

Run from the repository root: ``uv run python bench/bench_walk.py [--out DIR]``. Starts the
app on loopback, then in Chinese and English, at 390 × 844 and 1280 × 900, walks the way a
new borrower goes with the issue's real case (50,000 yuan at 18 % over 24 months, 90 days
and 7,500 overdue, income 6,000, essentials 4,500): opens the app, types the numbers into
the first visit's form, follows the next step to "What to ask for", loads the target offer
into proposal 2, follows the next step to the letter, types a name and what happened, and
follows the way through to the contact log. Each wait is timed from the click to what the
borrower waits for being on screen (wall clock, as they see it), and the medians and
spreads of the four walks are printed. Screenshots of each step go to ``--out``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from appserver import CHROMIUM_ARGS, find_chromium, running_app
from playwright.sync_api import Page, expect, sync_playwright

from core.text import Lang, t
from ui.registry import BY_KEY

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TIMEOUT_MS = 60_000
TYPED = {
    "principal": "50000",
    "rate": "18",
    "months": "24",
    "days": "90",
    "overdue": "7500",
    "income": "6000",
    "expenses": "4500",
}
WALKS: tuple[tuple[Lang, str, int, int], ...] = (
    ("zh", "phone", 390, 844),
    ("en", "desktop", 1280, 900),
    ("en", "phone", 390, 844),
    ("zh", "desktop", 1280, 900),
)


def idle(page: Page) -> None:
    expect(page.locator(IDLE)).to_have_count(1, timeout=TIMEOUT_MS)


def walk(page: Page, url: str, lang: Lang, tag: str, out: Path) -> dict[str, float]:
    """One borrower's way; the seconds each step kept them waiting."""
    waits: dict[str, float] = {}

    def timed(name: str, step: Callable[[], object]) -> None:
        start = time.perf_counter()
        step()
        waits[name] = time.perf_counter() - start
        idle(page)
        page.screenshot(path=str(out / f"walk-{len(waits)}-{tag}.png"))  # one per step

    form = page.locator('[data-testid="stForm"]')

    def box(key: str):  # type: ignore[no-untyped-def]
        return form.get_by_label(t(BY_KEY[key].label_key_for("apr"), lang), exact=True)

    timed(
        "open → the form", lambda: (page.goto(f"{url}/?lang={lang}"), box("principal").wait_for())
    )
    for key, value in TYPED.items():
        box(key).fill(value)

    def submit() -> None:
        page.get_by_role("button", name=t("situation.show", lang)).click()
        page.locator('[data-testid="stMetricValue"]').first.wait_for()
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=TIMEOUT_MS
        )

    timed("submit → cards and charts", submit)
    after_cards = page.locator(".st-key-next_step")
    after_cards.scroll_into_view_if_needed()

    def ask() -> None:
        after_cards.get_by_role("button").click()
        page.get_by_role("button", name=t("ladder.load", lang, number=1)).wait_for()

    timed("next → what to ask for", ask)

    def load() -> None:
        page.get_by_role("button", name=t("ladder.load", lang, number=2)).click()
        page.get_by_role("button", name=t("undo.button", lang)).wait_for()

    timed("target → proposal 2", load)
    after_cards.scroll_into_view_if_needed()

    def letter() -> None:
        after_cards.get_by_role("button").click()
        page.locator("h1", has_text=t("nav.letter", lang)).wait_for()
        page.locator('[data-testid="stText"]').first.wait_for()

    timed("next → the letter", letter)
    page.get_by_role("textbox", name=t("letter.name", lang)).fill("张伟")
    page.locator("textarea").first.fill("今年三月失业，正在找工作。")
    page.keyboard.press("Tab")
    idle(page)

    def log() -> None:
        page.locator(".st-key-way_through").get_by_role("button").click()
        page.locator("h1", has_text=t("nav.log", lang)).wait_for()

    timed("next → the contact log", log)
    return waits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "walk")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = find_chromium()
    if chromium is None:
        sys.exit("No Chromium found: install Debian's chromium or set CHROMIUM_PATH.")
    results: dict[str, list[float]] = {}
    with running_app(ROOT) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for lang, size, width, height in WALKS:
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="zh-CN" if lang == "zh" else "en-US",
            )
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            for name, seconds in walk(page, url, lang, f"{lang}-{size}", args.out).items():
                results.setdefault(name, []).append(seconds)
                print(f"{lang}-{size}: {name}: {seconds:.2f} s", flush=True)
            context.close()
        browser.close()
    print("\n| step (what the borrower waits for) | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    for name, values in results.items():
        print(
            f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |"
        )


if __name__ == "__main__":
    main()
