"""The options as the page shows them: each with its proposal number, name and colour.

Invalid proposals are left out of the comparison, so option ``i`` is not always proposal
``i``: ``ui.values.Built.proposal_numbers`` says which proposal each compared one is. The
page labels the options once per run (:func:`labelled`) and every card, chart and table
takes them labelled, so an option has the same name and colour everywhere.

The palette is Okabe and Ito's, chosen to stay distinct for the common kinds of colour
blindness. Names come from the text catalogs: no user text reaches a label.
"""

from __future__ import annotations

from dataclasses import dataclass

from core import Comparison, Option, OptionKind, Strategy
from core.text import Lang, t

CONTRACT_COLOUR = "#0072B2"  # blue
OVERDUE_COLOUR = "#D55E00"  # vermillion
PROPOSAL_COLOURS = ("#009E73", "#E69F00", "#CC79A7", "#56B4E9")  # green, orange, purple, sky


@dataclass(frozen=True, slots=True)
class Labelled:
    """An option with the number, name and colour the page shows it by."""

    option: Option
    number: int
    """The proposal's number as the borrower's tabs count (1-4); 0 for the two baselines."""
    name: str
    """From the catalog: "Proposal 2", "Keep the contract"."""
    colour: str
    """From the palette, the same in every chart and card."""


@dataclass(frozen=True, slots=True)
class LabelledComparison:
    """A comparison with its options labelled: built once per run and passed whole."""

    result: Comparison
    options: tuple[Labelled, ...]
    """Keep the contract, stay overdue, then each valid proposal, as ``result.options``."""

    @property
    def proposals(self) -> tuple[Labelled, ...]:
        return self.options[2:]


def option_colour(option: Option, number: int) -> str:
    """The option's colour: the baselines' fixed, proposal ``number`` (1-4) by position."""
    if option.kind is OptionKind.CONTRACT:
        return CONTRACT_COLOUR
    if option.kind is OptionKind.OVERDUE:
        return OVERDUE_COLOUR
    return PROPOSAL_COLOURS[(number - 1) % len(PROPOSAL_COLOURS)]


def option_name(option: Option, number: int, lang: Lang) -> str:
    """The option's name in ``lang``: a proposal by its number, a baseline by its kind."""
    if option.kind is OptionKind.PROPOSAL:
        return t("option.proposal", lang, number=number)
    return t(f"option.{option.kind.value}", lang)


def labelled(result: Comparison, numbers: tuple[int, ...], lang: Lang) -> LabelledComparison:
    """Label each option of ``result``; ``numbers`` says which proposal each compared one is.

    Parameters
    ----------
    result
        The comparison: the two baselines, then each valid proposal.
    numbers
        The proposal number of each compared proposal, in order (``Built.proposal_numbers``).
    lang
        The language of the names.

    Returns
    -------
    LabelledComparison
        ``result`` with one :class:`Labelled` per option, the baselines numbered 0.

    Examples
    --------
    Proposal 1 was invalid and left out, so the one compared is proposal 2:

    >>> import datetime as dt
    >>> from core import Assumptions, Case, LoanCase, Proposal, compare
    >>> case = Case(
    ...     loans=(LoanCase(proposals=(Proposal(months_added=12),)),),
    ...     assumptions=Assumptions(today=dt.date(2026, 12, 1)),
    ... )
    >>> [(o.number, o.name, o.colour) for o in labelled(compare(case), (2,), "en").options]
    [(0, 'Keep the contract', '#0072B2'), (0, 'Stay overdue', '#D55E00'), (2, 'Proposal 2', '#E69F00')]
    """
    options = tuple(
        Labelled(option, number, option_name(option, number, lang), option_colour(option, number))
        for option, number in zip(result.options, (0, 0, *numbers), strict=True)
    )
    return LabelledComparison(result, options)


# --- All lenders, one budget: a colour per lender and per strategy -------------------------

# Twelve colours (one per lender, up to ``core.models.MAX_LOANS``) from Paul Tol's qualitative
# schemes (personal.sron.nl/~pault: bright, vibrant, muted, light, medium-contrast, dark),
# none of them Okabe and Ito's, so a lender is never mistaken for an option of the
# comparison. They were picked for the largest smallest CIELAB difference between any two
# under normal vision and simulated protanopia, deuteranopia and tritanopia (Machado et al.
# 2009); ``tests/test_split_views.py`` checks that bound, and that each stays apart from the
# budget line's grey and from the white background. The order keeps the first few farthest
# apart, since most borrowers owe a handful of lenders.
LENDER_COLOURS = (
    "#6699CC",  # light blue (medium-contrast)
    "#CC3311",  # red (vibrant)
    "#222255",  # dark blue (dark)
    "#EEDD88",  # light yellow (light)
    "#FFAABB",  # pink (light)
    "#EE6677",  # rose (bright)
    "#AAAA00",  # olive (light)
    "#88CCEE",  # cyan (muted)
    "#AA4499",  # purple (muted)
    "#EE8866",  # orange (light)
    "#228833",  # green (bright)
    "#225522",  # dark green (dark)
)
# The two ways of splitting the budget, from Okabe and Ito's palette; staying overdue with
# every lender keeps ``OVERDUE_COLOUR``, as staying overdue does on every chart.
STRATEGY_COLOURS: dict[Strategy, str] = {
    Strategy.PRO_RATA: "#009E73",  # bluish green
    Strategy.CONSEQUENCES: "#CC79A7",  # reddish purple
}


def lender_colour(position: int) -> str:
    """The colour of the lender at ``position`` (0-based, its place in the case's loans).

    The same lender has the same colour in every chart, under either strategy.

    >>> lender_colour(0), lender_colour(11)
    ('#6699CC', '#225522')
    """
    return LENDER_COLOURS[position % len(LENDER_COLOURS)]


def strategy_colour(strategy: Strategy) -> str:
    """The colour a strategy's line is drawn in."""
    return STRATEGY_COLOURS[strategy]


def strategy_name(strategy: Strategy, lang: Lang) -> str:
    """The strategy's name in ``lang``, as the lenders page's strategy choice names it.

    >>> strategy_name(Strategy.PRO_RATA, "en")
    'In proportion to each debt'
    """
    return t(f"split.strategy.{strategy.value}", lang)
