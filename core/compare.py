"""One call that compares every option for a loan: the two baselines and each proposal.

Definitions used in every summary (money in fen):

* ``total_paid``: everything paid, at signing included. For staying overdue it is what
  the contract would claim at the end of the horizon, the sum that would settle it then.
* ``cost``: ``total_paid`` minus the principal repaid: interest, penalty, charges, fees.
* ``saving_vs_contract``: the contract's ``total_paid`` minus this option's (positive
  means the option costs less over its whole life).
* ``saving_vs_overdue``: compared at the end of the stay-overdue horizon, so that both
  sides cover the same months: what staying overdue would then claim, minus what this
  option has paid by then plus what it still owes then (principal and arrears).
* ``arrears``: overdue interest, penalty and charges paid, and interest deferred by a
  payment holiday; ``interest`` is the plan's own interest on its principal.
* ``apr``: APR by IRR of the installments against the debt the plan finances at
  signing, net of any fee paid then (None when nothing is financed, or for staying
  overdue).
* ``share_of_disposable``: the highest installment over income minus essential
  expenses. ``fits`` when every installment is at most the affordable payment of its
  month and what is due at signing is at most the lump sum available
  (``core.budget.fits``).
* The lender's view: ``lender_pv`` discounts what the lender receives (a fee counts
  only when the lender takes it) at ``lender_discount_apr / 12`` a month.
  ``default_recovery_pv`` is ``recovery_share`` × everything owed today, received
  ``recovery_delay_months`` from now, discounted the same way. These are assumptions
  to argue with, not published figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from core.budget import Budget, affordable_budget, fits
from core.cost import TrueCost, true_cost
from core.legal import LawfulnessCheck, check_apr, fen_rounding_tolerance, legal_line
from core.models import Assumptions, Borrower, Case, FeePayee, Loan, Proposal
from core.money import round_fen, yuan_to_fen
from core.overdue import OverdueMonth, OverduePosition, overdue_position, stay_overdue_path
from core.plans import contract_schedule, negotiation_fee, principal_waived, proposal_schedule
from core.schedules import Schedule, amortisation_rows, default_first_due, rate_path


class OptionKind(StrEnum):
    CONTRACT = "contract"
    OVERDUE = "overdue"
    PROPOSAL = "proposal"


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures of one option, money in fen (see the module docstring)."""

    first_payment: int
    highest_payment: int
    months_to_finish: int
    due_at_signing: int
    total_paid: int
    principal_repaid: int
    principal_waived: int
    interest: int
    arrears: int
    charges_waived: int
    fees: int
    cost: int
    saving_vs_contract: int
    saving_vs_overdue: int
    apr: TrueCost | None
    share_of_disposable: float | None
    fits: bool
    lender_pv: int
    default_recovery_pv: int

    @property
    def beats_default_for_lender(self) -> bool:
        """True when the lender receives more, in present value, than by waiting for default."""
        return self.lender_pv > self.default_recovery_pv


@dataclass(frozen=True, slots=True)
class Option:
    """An option on the table: its schedule (empty for staying overdue) and summary."""

    kind: OptionKind
    index: int
    """Position among proposals (0 for the baselines)."""
    name: str
    schedule: Schedule
    summary: Summary


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything the what-if page shows for one loan."""

    options: tuple[Option, ...]
    """Keep the contract, stay overdue, then each proposal in order."""
    overdue_path: tuple[OverdueMonth, ...]
    position: OverduePosition
    lawfulness: LawfulnessCheck
    contract_cost: TrueCost | None
    disposable: int
    affordable: int
    today: dt.date
    first_due: dt.date
    budget: Budget
    """What every option's ``fits`` is checked against (``affordable`` is its monthly part)."""

    @property
    def contract(self) -> Option:
        return self.options[0]

    @property
    def overdue(self) -> Option:
        return self.options[1]

    @property
    def proposals(self) -> tuple[Option, ...]:
        return self.options[2:]


def compare(case: Case, loan_index: int = 0) -> Comparison:
    """Compare the contract, staying overdue and every proposal of loan ``loan_index``.

    >>> result = compare(Case(assumptions=Assumptions(today=dt.date(2026, 12, 1))))
    >>> [o.kind.value for o in result.options], result.contract.summary.first_payment
    (['contract', 'overdue'], 91680)
    """
    loan_case = case.loans[loan_index]
    return compare_loan(loan_case.loan, loan_case.proposals, case.borrower, case.assumptions)


def compare_loan(
    loan: Loan,
    proposals: tuple[Proposal, ...],
    borrower: Borrower,
    assumptions: Assumptions,
    *,
    budget: Budget | None = None,
) -> Comparison:
    """:func:`compare` for one loan given apart from a case.

    ``budget`` is what ``fits`` is checked against: by default the borrower's whole
    budget (:func:`core.budget.affordable_budget`); a lender's share of it when one
    budget is split across several lenders (``core.split``).
    """
    today = assumptions.today or dt.date.today()
    first_due = assumptions.first_due_date or default_first_due(today)
    position = overdue_position(loan)
    line = legal_line(loan, today)
    received, contract_flows = contract_cash_flows(loan)
    contract_cost = _cost_of(received, contract_flows)
    # Rounding each payment to the fen must never flip the legal verdict.
    tolerance = (
        0.0
        if contract_cost is None
        else fen_rounding_tolerance(contract_flows, contract_cost.monthly_rate)
    )
    disposable = yuan_to_fen(borrower.disposable_yuan)
    context = _Context(
        assumptions=assumptions,
        position=position,
        disposable=disposable,
        budget=affordable_budget(borrower, assumptions) if budget is None else budget,
        default_recovery_pv=default_recovery_pv(position, assumptions),
    )
    contract = contract_schedule(loan, position, today=today, first_due=first_due)
    path = stay_overdue_path(
        loan,
        contract,
        line,
        today=today,
        acceleration_days=assumptions.acceleration_days,
        horizon_months=assumptions.horizon_months,
    )
    overdue_total = path[-1].claimed
    contract_total = contract.total_paid
    options = [
        Option(
            OptionKind.CONTRACT,
            0,
            "",
            contract,
            context.summarise(
                contract, contract_total, overdue_total, waived=(0, 0), fee_to_lender=0
            ),
        ),
        Option(
            OptionKind.OVERDUE,
            0,
            "",
            _EMPTY,
            context.overdue_summary(path[-1], contract_total),
        ),
    ]
    for index, proposal in enumerate(proposals):
        plan = proposal_schedule(loan, proposal, position, today=today, first_due=first_due)
        waived_charges = round_fen(position.charges * proposal.overdue_charges_waived_share)
        summary = context.summarise(
            plan,
            contract_total,
            overdue_total,
            waived=(principal_waived(proposal, position.principal), waived_charges),
            fee_to_lender=lender_fee(proposal, position),
        )
        options.append(Option(OptionKind.PROPOSAL, index, proposal.name, plan, summary))
    apr_for_check = contract_cost.nominal_apr if contract_cost else loan.nominal_apr
    return Comparison(
        options=tuple(options),
        overdue_path=path,
        position=position,
        lawfulness=check_apr(apr_for_check, line, tolerance),
        contract_cost=contract_cost,
        disposable=disposable,
        affordable=context.budget.monthly,
        today=today,
        first_due=first_due,
        budget=context.budget,
    )


def contract_true_cost(loan: Loan) -> TrueCost | None:
    """APR by IRR of the contract on the money actually received (PBOC 〔2021〕 No. 3).

    When the whole loan is known (:attr:`core.models.Loan.whole_loan`: its original
    principal P₀ and term n₀), its whole schedule is rebuilt from P₀ at the contract
    rate and method over n₀ months, each payment with the fixed monthly fee, and r
    solves ``received = Σ_{k=1..n₀} CF_k / (1+r)^k``, where received is P₀ less what was
    deducted at payout (砍头息, :attr:`core.models.Loan.received_fen`). With neither
    given, that is the remaining schedule on the principal owed, as the loan stands.
    Part-way through with one of them missing, the remaining schedule (a flat fee still
    on the original principal when given) is costed on the principal owed, and a
    deduction cannot be placed in time: it is left out. None when nothing is lent.

    PBOC example: 100,000 lent at a flat 0.5 % a month over 12 months (8,833.33 a
    month), 1,000 deducted at payout:

    >>> from core.models import Method, RateUnit
    >>> pboc = Loan(principal_yuan=100_000, received_yuan=99_000, rate=0.005,
    ...             rate_unit=RateUnit.FLAT_MONTHLY_FEE, method=Method.FLAT_FEE)
    >>> cost = contract_true_cost(pboc)
    >>> round(cost.nominal_apr * 100, 2), round(cost.effective_apr * 100, 2)
    (12.8, 13.58)

    A flat fee of 1.18 % a month on 12,000 over 12 months, entered with six paid:

    >>> half = Loan(principal_yuan=6_000, remaining_months=6, rate=0.0118,
    ...             rate_unit=RateUnit.FLAT_MONTHLY_FEE, method=Method.FLAT_FEE,
    ...             original_principal_yuan=12_000, original_months=12)
    >>> round(contract_true_cost(half).nominal_apr * 100, 2)
    25.18
    """
    return _cost_of(*contract_cash_flows(loan))


def _cost_of(received: int, payments: list[int]) -> TrueCost | None:
    """The true cost of ``payments`` on ``received``; None when nothing is lent or paid."""
    if received <= 0 or sum(payments) <= 0:
        return None
    return true_cost(received, payments)


def contract_cash_flows(loan: Loan) -> tuple[int, list[int]]:
    """What :func:`contract_true_cost` solves over, in fen: (money received, payments).

    The whole loan's schedule when it is known, else the remaining one on the principal
    owed; each payment with the fixed monthly fee, a flat fee on the original principal
    when given.
    """
    whole = loan.whole_loan
    if whole is None:
        principal = yuan_to_fen(loan.principal_yuan)
        months = loan.remaining_months
        received = principal
    else:
        principal = yuan_to_fen(whole[0])
        months = whole[1]
        received = loan.received_fen
    fee_base = loan.original_principal_yuan
    rows = amortisation_rows(
        loan.method,
        principal,
        rate_path(loan.monthly_rate, months),
        fee_base_fen=None if fee_base is None else yuan_to_fen(fee_base),
    )
    fee = yuan_to_fen(loan.monthly_fee_yuan)
    return received, [payment + fee for payment in rows.payment]


def default_recovery_pv(position: OverduePosition, assumptions: Assumptions) -> int:
    """Present value of what the lender expects to recover if the borrower defaults.

    ``recovery_share × owed today / (1 + d/12)^delay``.

    >>> from core.overdue import overdue_position
    >>> default_recovery_pv(overdue_position(Loan()), Assumptions())
    277008
    """
    discount = (1 + assumptions.lender_discount_apr / 12) ** assumptions.recovery_delay_months
    return round_fen(position.total * assumptions.recovery_share / discount)


def lender_fee(proposal: Proposal, position: OverduePosition) -> int:
    """The part of a proposal's negotiation fee the lender takes, in fen.

    The whole fee when the lender is the payee, nothing when an intermediary takes it.

    >>> from core.overdue import overdue_position
    >>> position = overdue_position(Loan())
    >>> lender_fee(Proposal(fee_yuan=300, fee_payee="lender"), position), lender_fee(
    ...     Proposal(fee_yuan=300), position)
    (30000, 0)
    """
    if proposal.fee_payee is not FeePayee.LENDER:
        return 0
    return negotiation_fee(proposal, position)


def lender_present_value(plan: Schedule, fee_to_lender: int, assumptions: Assumptions) -> int:
    """Present value, in fen, of what the lender receives from ``plan``.

    ``Σ_t (CF_t − [t = 0]·(F₀ − F_L)) / (1 + d/12)^t``: every payment CF_t of month t,
    less the part of the fee F₀ paid at signing that does not go to the lender
    (F_L = ``fee_to_lender``), discounted at ``lender_discount_apr`` d.

    >>> from core.models import Method
    >>> from core.schedules import schedule
    >>> plan = schedule(Method.EQUAL_INSTALLMENT, 200, 0.0, 2, first_due=dt.date(2027, 1, 1))
    >>> lender_present_value(plan, 0, Assumptions(lender_discount_apr=0.12))
    19704
    """
    flows = plan.cash_flows()
    if flows:
        at_signing = sum(f for m, f in zip(plan.month, plan.fee, strict=True) if m == 0)
        flows[0] -= at_signing - fee_to_lender
    return present_value(flows, assumptions.lender_discount_apr / 12)


def present_value(flows: list[int], monthly_rate: float) -> int:
    """``Σ flows[t] / (1+r)^t`` for t = 0, 1, …, rounded to the fen.

    >>> present_value([0, 10_000, 10_000], 0.01)
    19704
    """
    factor = 1 / (1 + monthly_rate)
    total = 0.0
    weight = 1.0
    for flow in flows:
        total += flow * weight
        weight *= factor
    return round_fen(total)


_EMPTY = Schedule((), (), (), (), (), (), (), ())


@dataclass(frozen=True, slots=True)
class _Context:
    assumptions: Assumptions
    position: OverduePosition
    disposable: int
    budget: Budget
    default_recovery_pv: int

    def summarise(
        self,
        plan: Schedule,
        contract_total: int,
        overdue_total: int,
        *,
        waived: tuple[int, int],
        fee_to_lender: int,
    ) -> Summary:
        installments = plan.installments()
        highest = max(installments, default=0)
        flows = plan.cash_flows()
        due_at_signing = flows[0] if flows else 0
        fees = plan.total_fee
        # A fee paid at signing is money not received; a contract's monthly fees are
        # part of its installments (and go to the lender).
        fee_at_signing = sum(f for m, f in zip(plan.month, plan.fee, strict=True) if m == 0)
        financed = self.position.total - waived[0] - waived[1] - (due_at_signing - fee_at_signing)
        apr = None
        if financed - fee_at_signing > 0 and installments:
            apr = true_cost(financed - fee_at_signing, flows[1:])
        total = plan.total_paid
        return Summary(
            first_payment=installments[0] if installments else 0,
            highest_payment=highest,
            months_to_finish=plan.months_to_finish,
            due_at_signing=due_at_signing,
            total_paid=total,
            principal_repaid=plan.total_principal,
            principal_waived=waived[0],
            interest=plan.total_interest,
            arrears=plan.total_arrears,
            charges_waived=waived[1],
            fees=fees,
            cost=total - plan.total_principal,
            saving_vs_contract=contract_total - total,
            saving_vs_overdue=overdue_total - plan.position_after(self.assumptions.horizon_months),
            apr=apr,
            share_of_disposable=highest / self.disposable if self.disposable > 0 else None,
            fits=fits(plan.month, plan.payment, self.budget),
            lender_pv=lender_present_value(plan, fee_to_lender, self.assumptions),
            default_recovery_pv=self.default_recovery_pv,
        )

    def overdue_summary(self, end: OverdueMonth, contract_total: int) -> Summary:
        principal = self.position.principal
        overdue_total = end.claimed
        return Summary(
            first_payment=0,
            highest_payment=0,
            months_to_finish=0,
            due_at_signing=0,
            total_paid=overdue_total,
            principal_repaid=principal,
            principal_waived=0,
            interest=end.unpaid_interest - self.position.overdue_interest,
            arrears=self.position.overdue_interest
            + end.penalty
            + end.compound_interest
            + end.charges,
            charges_waived=0,
            fees=0,
            cost=overdue_total - principal,
            saving_vs_contract=contract_total - overdue_total,
            saving_vs_overdue=0,
            apr=None,
            share_of_disposable=0.0 if self.disposable > 0 else None,
            fits=False,
            lender_pv=self.default_recovery_pv,
            default_recovery_pv=self.default_recovery_pv,
        )
