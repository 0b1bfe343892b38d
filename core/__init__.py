"""The calculation core of the Loan Negotiation Planner: pure Python, no Streamlit.

What to import
--------------
Models (frozen pydantic; money in yuan, rates as fractions):
    ``Case`` (``borrower``, ``loans``: ``LoanCase`` each with ``loan`` and up to four
    ``proposals``, ``assumptions``), ``Loan``, ``Borrower``, ``Proposal``,
    ``Assumptions``, and the choices ``RateUnit``, ``Method``, ``LenderType``, ``FeePayee``,
    ``Bureau`` (does the lender report to 征信) and ``Lawsuit`` (none, threatened, filed).

The comparison (money in whole fen):
    ``compare(case, loan_index=0) -> Comparison`` with ``.options`` (keep the contract,
    stay overdue, then each proposal: an ``Option`` with ``.schedule`` and
    ``.summary``), ``.overdue_path`` (month by month, claimed and enforceable),
    ``.lawfulness`` (the contract's APR against its legal line) and ``.affordable``.

Building blocks, each documented with its formula and a checked example:
    ``schedule`` and the ``*_rows`` functions (the four repayment methods),
    ``true_cost`` / ``monthly_irr`` (APR by IRR), ``overdue_position`` and
    ``stay_overdue_path``, ``legal_line`` / ``check_apr`` / ``lpr_on``,
    ``proposal_schedule`` / ``contract_schedule``.

Solving for an affordable plan (``core.solver``): ``months_needed``, ``rate_needed``,
``waiver_needed`` and ``shortfall``, each exact to the month, 0.01 point or the fen.

All lenders, one budget (``core.split``): ``plan_all(case, strategy) -> AllLenders``
splits the budget across lenders (``Strategy.PRO_RATA`` or ``Strategy.CONSEQUENCES``) and
solves each lender's offer ladder from its share, with the month-by-month picture.

Using the money left over (``core.prepay``): ``prepay(all_lenders, choice) -> Prepaid``
puts what the plans leave of the monthly budget toward them (``Prepayment.HIGHEST_COST_FIRST``,
``Prepayment.SMALLEST_DEBT_FIRST`` or ``Prepayment.NOT_AT_ALL``): each plan as paid, the
months with extras, and the debt-free date, total paid and interest saved.

Text: ``core.text.t(key, lang)`` and ``core.text.explain_validation_error(error, lang)``.

>>> import datetime as dt
>>> result = compare(Case(assumptions=Assumptions(today=dt.date(2026, 12, 1))))
>>> result.contract.summary.first_payment / 100, round(result.contract_cost.nominal_apr, 4)
(916.8, 0.18)
"""

from core.compare import Comparison, Option, OptionKind, Summary, compare, compare_loan
from core.cost import TrueCost, monthly_irr, true_cost
from core.legal import LawfulnessCheck, LegalLine, check_apr, legal_line, lpr_on
from core.models import (
    Assumptions,
    Borrower,
    Bureau,
    Case,
    FeePayee,
    Lawsuit,
    LenderType,
    Loan,
    LoanCase,
    Method,
    Proposal,
    RateUnit,
)
from core.money import fen_to_yuan, yuan_to_fen
from core.overdue import OverdueMonth, OverduePosition, overdue_position, stay_overdue_path
from core.plans import contract_schedule, proposal_schedule
from core.prepay import Prepaid, Prepayment, prepay
from core.schedules import (
    Schedule,
    equal_installment_rows,
    equal_principal_rows,
    flat_fee_rows,
    interest_first_rows,
    schedule,
)
from core.split import AllLenders, Strategy, plan_all

__all__ = [
    "AllLenders",
    "Assumptions",
    "Borrower",
    "Bureau",
    "Case",
    "Comparison",
    "FeePayee",
    "LawfulnessCheck",
    "Lawsuit",
    "LegalLine",
    "LenderType",
    "Loan",
    "LoanCase",
    "Method",
    "Option",
    "OptionKind",
    "OverdueMonth",
    "OverduePosition",
    "Prepaid",
    "Prepayment",
    "Proposal",
    "RateUnit",
    "Schedule",
    "Strategy",
    "Summary",
    "TrueCost",
    "check_apr",
    "compare",
    "compare_loan",
    "contract_schedule",
    "equal_installment_rows",
    "equal_principal_rows",
    "fen_to_yuan",
    "flat_fee_rows",
    "interest_first_rows",
    "legal_line",
    "lpr_on",
    "monthly_irr",
    "overdue_position",
    "plan_all",
    "prepay",
    "proposal_schedule",
    "schedule",
    "stay_overdue_path",
    "true_cost",
    "yuan_to_fen",
]
