"""Headless Chromium for the browser tests: where it is, how it starts, and a page that records what it does.

The fixtures `browser` and `tab` (tests/conftest.py) use it. Without /usr/bin/chromium the browser
tests are skipped, unless PAPERKG_REQUIRE_BROWSER is set (as in CI).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def unavailable(reason: str):
    if os.environ.get("PAPERKG_REQUIRE_BROWSER"):
        pytest.fail(f"{reason}, and PAPERKG_REQUIRE_BROWSER is set")
    pytest.skip(reason)


@dataclass
class Tab:
    """A browser page that records console errors, dialogs and any request that leaves the disk."""

    page: object
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)

    def open(self, path: Path) -> float:
        """Load a page and wait until its graph has settled; the settle time in ms since navigation."""
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.paperkg && window.paperkg.settled", timeout=30_000)
        return self.page.evaluate("window.paperkg.settleMs")

    def drawn_nodes(self) -> list[str]:
        return self.page.evaluate("window.paperkg.network.body.nodeIndices.slice().sort()")

    def drawn_types(self) -> set[str]:
        return set(self.page.evaluate("window.paperkg.network.body.nodeIndices.map(id => window.paperkg.nodes.get(id).type)"))

    def node_point(self, node: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates, after scrolling the graph into view."""
        self.page.locator("#graph").scroll_into_view_if_needed()
        return tuple(
            self.page.evaluate(
                """id => {
                    const net = window.paperkg.network;
                    const at = net.canvasToDOM(net.getPositions([id])[id]);
                    const box = document.getElementById("graph").getBoundingClientRect();
                    return [box.left + at.x, box.top + at.y];
                }""",
                node,
            )
        )

    def clean(self) -> bool:
        return not (self.errors or self.dialogs or self.network)
