"""checklist page (placeholder until its issue lands): keeps the inputs and the link."""

from ui.shell import placeholder_page

placeholder_page("nav.checklist", "page.checklist.intro")
