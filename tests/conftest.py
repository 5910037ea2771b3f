"""Shared fixtures: the example corpus, a tiny knowledge base, one real build of a few abstracts and a headless browser."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from chromium import CHROMIUM, LAUNCH_ARGS, Tab, unavailable
from graph.kb import KBEntry, KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "daily-papers"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def tiny_kb() -> KnowledgeBase:
    """A handful of known entities, enough to exercise every lookup rule."""
    return KnowledgeBase(
        [
            KBEntry("gsm8k", "GSM8K", "Benchmark"),
            KBEntry("humaneval", "HumanEval", "Benchmark"),
            KBEntry("humaneval-plus", "HumanEval+", "Benchmark", variant_of="humaneval"),
            KBEntry("math", "MATH", "Benchmark", case_sensitive=True),
            KBEntry("llama-2", "Llama 2", "Model", aliases=("LLaMA 2", "LLaMA-2"), developed_by="meta"),
            KBEntry("gpt-4", "GPT-4", "Model", developed_by="openai"),
            KBEntry("gpt-4o", "GPT-4o", "Model", developed_by="openai"),
            KBEntry("codex", "Codex", "Model", developed_by="openai"),
            KBEntry("openai", "OpenAI", "Organization"),
            KBEntry("meta", "Meta", "Organization", aliases=("Meta AI",)),
            KBEntry("the-pile", "The Pile", "Dataset", aliases=("Pile",)),
            KBEntry("pass-at-k", "pass@k", "Metric"),
        ],
        generic=["LLM", "GPU", "NLP", "API", "SOTA", "AI"],
        topics=[("code generation", "code generation"), ("program synthesis", "code generation")],
    )


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """Six real abstracts from the example corpus, as a JSON Lines file."""
    path = DATA / "six-papers.jsonl"
    target = tmp_path_factory.mktemp("corpus") / "six-papers.jsonl"
    shutil.copy(path, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory, small_corpus) -> Path:
    """A graph folder built from the six real abstracts, without HTML."""
    from graph.build import build

    out = tmp_path_factory.mktemp("built")
    build([small_corpus], out, html=False)
    return out


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    opened = Tab(page)
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: opened.errors.append(str(err)))

    def on_dialog(dialog):
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_request(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            opened.network.append(route.request.url)
            route.abort()

    page.route("**/*", on_request)
    yield opened
    page.close()
