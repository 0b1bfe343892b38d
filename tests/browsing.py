"""What the Chromium tests share: the page's states they wait for and the phone they emulate."""

from __future__ import annotations

from typing import Any

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
"""The app is drawn and no script run is going on."""
EXCEPTION = '[data-testid="stException"]'
"""Streamlit's error box: never on a page."""
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
"""A browser context's arguments for a 390 px phone."""
