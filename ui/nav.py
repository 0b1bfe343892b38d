"""The pages, by file: what the navigation lists and what buttons open."""

from __future__ import annotations

HOME_PAGE = "app.py"
LENDERS_PAGE = "pages/5_lenders.py"
CHECKLIST_PAGE = "pages/1_checklist.py"
LOG_PAGE = "pages/2_contact_log.py"
LETTER_PAGE = "pages/3_letter.py"
GUIDE_PAGE = "pages/4_guide.py"
PAGES: tuple[tuple[str, str], ...] = (
    (HOME_PAGE, "nav.home"),
    (LENDERS_PAGE, "nav.lenders"),
    (CHECKLIST_PAGE, "nav.checklist"),
    (LOG_PAGE, "nav.log"),
    (LETTER_PAGE, "nav.letter"),
    (GUIDE_PAGE, "nav.guide"),
)
"""Every page with its catalog name, in the navigation's order."""
