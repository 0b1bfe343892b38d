"""Text catalogs: both languages complete, placeholders matching, every choice labelled."""

from __future__ import annotations

import string
from enum import StrEnum

import pytest
from pydantic import BaseModel

from core import Assumptions, Borrower, FeePayee, LenderType, Loan, Method, Proposal, RateUnit
from core.contacts import MAX_CALLS_A_DAY, QUIET_HOURS_END, QUIET_HOURS_START, RULES_SOURCE
from core.text import CATALOGS, LANGS, Lang, t


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class TestCatalogs:
    def test_both_languages_have_the_same_keys(self):
        zh, en = (set(CATALOGS[lang]) for lang in LANGS)
        assert zh - en == set(), "keys only in Chinese"
        assert en - zh == set(), "keys only in English"

    def test_placeholders_match_across_languages(self):
        for key, template in CATALOGS["en"].items():
            assert placeholders(template) == placeholders(CATALOGS["zh"][key]), key

    def test_no_empty_text(self):
        for lang in LANGS:
            assert all(text.strip() for text in CATALOGS[lang].values())

    def test_chinese_catalog_is_chinese(self):
        # Every Chinese entry holds a CJK character or at least differs from the English
        # (full-width punctuation, spacing): never an untranslated copy.
        for key, text in CATALOGS["zh"].items():
            if key in ("lang.en", "card.none"):
                continue  # a language's own name, and a dash, are the same in both
            has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
            assert has_cjk or text != CATALOGS["en"][key], key

    @pytest.mark.parametrize("model", [Loan, Borrower, Proposal, Assumptions])
    def test_every_field_has_a_label(self, model: type[BaseModel]):
        for field in model.model_fields:
            key = f"field.{model.__name__.lower()}.{field}"
            for lang in LANGS:
                assert key in CATALOGS[lang], key

    @pytest.mark.parametrize("choice", [RateUnit, Method, LenderType, FeePayee])
    def test_every_choice_has_a_label(self, choice: type[StrEnum]):
        prefix = {
            RateUnit: "rate_unit",
            Method: "method",
            LenderType: "lender_type",
            FeePayee: "fee_payee",
        }
        for member in choice:
            for lang in LANGS:
                assert f"{prefix[choice]}.{member.value}" in CATALOGS[lang]

    def test_fill_placeholders(self):
        assert t("error.term_too_long", "en", max_months=600).endswith("600 months.")
        assert "600" in t("error.term_too_long", "zh", max_months=600)


class TestRuleNumbersInProse:
    """Prose that repeats a rule from the core says what the core's constants say."""

    QUIET = ("flag.quiet_hours", "nothing.collection", "check.collection_rules.why")
    CALLS_EN = ("flag.too_many_calls", "nothing.collection", "check.collection_rules.why")

    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize("key", QUIET)
    def test_quiet_hours(self, key: str, lang: Lang):
        text = CATALOGS[lang][key]
        assert QUIET_HOURS_START.strftime("%H:%M") in text
        assert QUIET_HOURS_END.strftime("%H:%M") in text

    @pytest.mark.parametrize("key", CALLS_EN)
    def test_calls_a_day(self, key: str):
        words = {3: ("three", "三次")}[MAX_CALLS_A_DAY]  # a new limit needs new words here
        assert words[0] in CATALOGS["en"][key]
        assert words[1] in CATALOGS["zh"][key]

    @pytest.mark.parametrize("lang", LANGS)
    def test_collection_rules_name_their_date(self, lang: Lang):
        assert RULES_SOURCE.rsplit(", ", 1)[1] in CATALOGS[lang]["nothing.collection"]
