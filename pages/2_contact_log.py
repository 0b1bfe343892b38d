"""contact_log page (placeholder until its issue lands): keeps the inputs and the link."""

from ui.shell import placeholder_page

placeholder_page("nav.log", "page.log.intro")
