"""Contact log page: every contact in an editable table, sorted view with rule flags, CSV,
a complaint about the contacts that break the collection rules, and a calendar file."""

from ui import contact_log_ui
from ui.boundary import error_boundary
from ui.shell import end_page, start_page

with error_boundary():
    lang, values = start_page("nav.log", intro_key="log.intro", step=4)
    contact_log_ui.add_form(lang)
    contact_log_ui.next_step(lang)
    log = contact_log_ui.log_editor(lang)
    contact_log_ui.by_time(log, lang)
    contact_log_ui.complaint_section(log, lang)
    contact_log_ui.calendar_section(log, values, lang)
    end_page(values, lang)
