"""Lenders page: every debt against one budget, the budget split, each lender's ask."""

from ui import lenders_ui
from ui.boundary import error_boundary
from ui.inputs import all_lenders
from ui.lenders import build_all
from ui.shell import end_page, start_page

with error_boundary():
    lang, values = start_page("nav.lenders", intro_key="lenders.intro", step=1)
    lenders = all_lenders()
    built = build_all(lenders, values)
    results = lenders_ui.plans(built)
    lenders_ui.overview(results, lang)
    lenders_ui.lender_list(built, lenders, lang)
    lenders_ui.form(lang)
    lenders_ui.split_view(results, built, lenders, lang)
    end_page(values, lang)
