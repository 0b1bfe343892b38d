"""English text catalog. Keys must match ``core/text/zh.py`` exactly (a test checks)."""

MESSAGES: dict[str, str] = {
    # --- the app shell
    "app.title": "Loan Negotiation Planner",
    "app.tagline": "Plan what to ask your lender for, and see what each plan costs.",
    # --- units and formats
    "format.percent": "{value} %",
    "format.label_value": "{label}: {value}",
    # --- field labels: model name, then field
    "field.loan.name": "Loan name",
    "field.loan.principal_yuan": "Principal still owed (yuan)",
    "field.loan.rate": "Contract rate",
    "field.loan.rate_unit": "Rate unit",
    "field.loan.day_basis": "Days in a year for a daily rate",
    "field.loan.method": "Repayment method",
    "field.loan.remaining_months": "Installments left (months)",
    "field.loan.days_overdue": "Days overdue",
    "field.loan.overdue_amount_yuan": "Overdue amount (yuan)",
    "field.loan.accrued_penalty_yuan": "Penalty charged so far (yuan)",
    "field.loan.other_charges_yuan": "Other overdue charges (yuan)",
    "field.loan.monthly_fee_yuan": "Fees with each installment (yuan a month)",
    "field.loan.monthly_charge_yuan": "Charges added each month overdue (yuan)",
    "field.loan.penalty_multiplier": "Penalty rate as a multiple of the contract rate",
    "field.loan.lender_type": "Lender type",
    "field.loan.contract_date": "Contract date",
    "field.loan.reports_to_bureau": "Reports to the credit bureau",
    "field.loan.lawsuit": "Lawsuit (threatened or filed)",
    "field.borrower.monthly_income_yuan": "Monthly net income (yuan)",
    "field.borrower.essential_expenses_yuan": "Essential monthly expenses (yuan)",
    "field.borrower.lump_sum_yuan": "Money you could pay now (yuan)",
    "field.borrower.later_income_yuan": "Income expected later (yuan a month)",
    "field.borrower.later_from_month": "Month the later income starts",
    "field.proposal.name": "Proposal name",
    "field.proposal.term_months": "New term (months)",
    "field.proposal.months_added": "Months added",
    "field.proposal.new_apr": "New annual rate",
    "field.proposal.principal_waived_yuan": "Principal waived (yuan)",
    "field.proposal.principal_waived_share": "Share of principal waived",
    "field.proposal.overdue_charges_waived_share": "Share of penalty and charges waived",
    "field.proposal.interest_free_months": "Interest-free months",
    "field.proposal.interest_frozen_for_good": "Interest stopped for good",
    "field.proposal.lump_sum_yuan": "Paid at signing (yuan)",
    "field.proposal.holiday_months": "Payment holiday (months)",
    "field.proposal.holiday_interest_accrues": "Interest runs during the holiday",
    "field.proposal.holiday_payment_yuan": "Token paid each holiday month (yuan)",
    "field.proposal.new_method": "New repayment method",
    "field.proposal.fee_yuan": "Negotiation fee (yuan)",
    "field.proposal.fee_share": "Negotiation fee (share of the debt)",
    "field.proposal.fee_payee": "Fee paid to",
    "field.assumptions.acceleration_days": "Days until the whole balance is called due",
    "field.assumptions.horizon_months": "Months to look ahead if nothing is paid",
    "field.assumptions.lender_discount_apr": "Lender's discount rate (a year)",
    "field.assumptions.recovery_share": "Share the lender recovers after a default",
    "field.assumptions.recovery_delay_months": "Months until that recovery",
    "field.assumptions.max_term_months": "Longest plan to ask for (months)",
    "field.assumptions.affordable_share": "Share of spare income for the debts",
    "field.assumptions.today": "Signing date",
    "field.assumptions.first_due_date": "First due date",
    "field.case.loans": "Loans",
    "field.loancase.proposals": "Proposals",
    # --- choices
    "rate_unit.apr": "Annual rate (APR)",
    "rate_unit.monthly": "Monthly rate",
    "rate_unit.daily": "Daily rate",
    "rate_unit.flat_fee": "Flat monthly fee",
    "method.equal_installment": "Equal installments (等额本息)",
    "method.equal_principal": "Equal principal (等额本金)",
    "method.interest_first": "Interest first, principal at the end (先息后本)",
    "method.flat_fee": "Flat fee on the original principal (等本等息)",
    "lender_type.licensed": "Bank, consumer-finance or micro-loan company",
    "lender_type.private": "Private lending (a person or unlicensed company)",
    "lender_type.credit_card": "Credit card",
    "fee_payee.lender": "The lender",
    "fee_payee.intermediary": "An intermediary",
    "option.contract": "Keep the contract",
    "option.overdue": "Stay overdue",
    "option.proposal": "Proposal {number}",
    "stage.current": "Not overdue",
    "stage.M1": "M1 (1-30 days overdue)",
    "stage.M2": "M2 (31-60 days overdue)",
    "stage.M3": "M3 (61-90 days overdue)",
    "stage.M3+": "M3+ (over 90 days overdue)",
    # --- legal lines
    "legal.licensed": "Licensed lenders: courts cut interest, penalty and fees above {line} a year "
    "when the borrower asks.",
    "legal.private": "Private lending: at most 4 × the one-year LPR at the contract date "
    "({lpr} from {lpr_date}), so {line}.",
    "legal.private_transitional": "Private lending signed before {since}: from that date the "
    "line is 4 × the one-year LPR at the time of a suit ({lpr} from {lpr_date}), so {line}.",
    "legal.credit_card": "Credit cards: no legal cap on the rate since {date}, but the bank "
    "must show the annualised rate.",
    "legal.source": "Source: {source:en} (in force from {date}).",
    # --- validation messages: {field} is the field's label
    "error.with_field": "{field}: {message}",
    "error.generic": "This value is not valid.",
    "error.missing": "Please fill this in.",
    "error.greater_than": "must be more than {gt}.",
    "error.greater_than_equal": "must be at least {ge}.",
    "error.less_than": "must be less than {lt}.",
    "error.less_than_equal": "must be at most {le}.",
    "error.finite_number": "must be an ordinary number.",
    "error.int_parsing": "must be a whole number.",
    "error.int_from_float": "must be a whole number.",
    "error.int_type": "must be a whole number.",
    "error.float_parsing": "must be a number.",
    "error.float_type": "must be a number.",
    "error.bool_parsing": "must be yes or no.",
    "error.bool_type": "must be yes or no.",
    "error.enum": "is not one of the choices offered.",
    "error.date_parsing": "must be a date such as 2025-06-30.",
    "error.date_from_datetime_parsing": "must be a date such as 2025-06-30.",
    "error.date_type": "must be a date such as 2025-06-30.",
    "error.string_type": "must be text.",
    "error.string_too_long": "is too long: at most {max_length} characters.",
    "error.too_long": "too many: at most {max_length}.",
    "error.too_short": "at least {min_length} needed.",
    "error.extra_forbidden": "is not a field this tool knows.",
    "error.day_basis": "A daily rate is counted on a 360- or 365-day year.",
    "error.rate_too_high": "This rate works out to more than {max_percent} % a year. "
    "Please check the rate and its unit.",
    "error.flat_fee_needs_flat_method": "A flat monthly fee goes with the flat-fee method "
    "(等本等息). Choose that method or another rate unit.",
    "error.contact_when": "The date and time of a contact must be between {first} and {last}, "
    "in local time (no time zone).",
    "error.contact_follow_up": "A follow-up date must be between {first} and {last}.",
    "error.contract_date": "The contract date must be between {first} and today.",
    "error.overdue_above_debt": "The overdue amount is more than the loan could have fallen due "
    "(at most {most} yuan). Please check it against the principal.",
    "error.term_or_added": "Give either a new term or months added, not both.",
    "error.waiver_amount_or_share": "Give the principal waived either as an amount or as a "
    "share, not both.",
    "error.fee_amount_or_share": "Give the fee either as an amount or as a share, not both.",
    "error.waiver_above_principal": "The principal waived cannot be more than the principal "
    "owed ({principal} yuan).",
    "error.term_too_long": "The new plan would run longer than {max_months} months.",
    "error.lump_sum_above_debt": "The payment at signing is more than everything owed today "
    "after the plan's waivers ({debt} yuan): lower it to at most that.",
    # --- issue 13: the way through (ui/way.py, ui/situation.py)
    "way.situation": "Your situation",
    "way.ask": "What to ask for",
    "way.letter": "The letter",
    "way.log": "Log each contact",
    "way.next": "Next: {step} →",
    "way.last": "Keep logging every call and message as it happens: it is your record, "
    "and your evidence if the lender breaks the rules.",
    "situation.title": "Start with your own numbers",
    "situation.intro": "Type them as your contract or app shows them; you can change them "
    "at any time. Nothing you type is stored on the server.",
    "situation.show": "Show my options",
    "situation.update": "Use these numbers",
    "situation.missing": "Please fill in: {fields}.",
    "situation.several": "Owe more than one lender? List every debt on My debts",
    "situation.change": "Your numbers: {summary} (tap to change)",
    "situation.summary": "{principal} owed at {rate} ({unit}), {months} months left; "
    "income {income}, essentials {expenses}",
    "next.fits": "Proposal {number} fits what you can pay: the next step is the letter "
    "that asks for it.",
    "next.none_fits": "None of these proposals fits what you can pay: What to ask for "
    "works out offers that do.",
    "next.no_proposal": "No proposal yet: What to ask for works out offers from what you can pay.",
    "next.no_spare": "Your income does not cover your essential expenses yet: What to ask "
    "for shows what can still be asked for.",
    "select.placeholder": "Choose one",
    "page.skip": "Skip to the content",
    "table.first_payment": "First monthly payment",
    "date.year": "yyyy",
    "date.month": "mm",
    "date.day": "dd",
    "input.press_enter": "Press Enter to apply",
    "input.press_ctrl_enter": "Press Ctrl+Enter to apply",
    "share.copy": "Copy the link to these figures",
    "share.copied": "Link copied",
    "share.failed": "Could not copy: copy the address bar instead",
    "share.note": "The link holds your numbers and proposals, not your contact log or "
    "letter. Anyone who opens it sees those figures.",
    # --- issue 13: cards in plain words
    "card.highest_payment": "Highest monthly payment",
    "card.first_payment": "The first payment is {first}; the highest is the one that must fit.",
    "card.details": "Details: savings, cost, true rate, the lender's side",
    "card.apr_plain": "The true rate is what the plan costs a year with every fee counted, "
    "worked out from the payments themselves (their internal rate of return, IRR).",
    "card.lender_plain": "“Present value” is what the payments are worth to the lender "
    "today: money that arrives later counts for less.",
    "solve.rate_current": "Today's rate ({rate}) already fits over {longest} months: a "
    "longer term alone would be enough.",
    # --- issue 13: undo (ui/undo.py)
    "undo.preset": "Proposal {number} now holds the preset “{name}”: its levers were replaced.",
    "undo.illness": "Proposal {number} now holds the illness case: the monthly income was "
    "lowered from {before} to {income} yuan, with {later} yuan a month expected from month "
    "{month}.",
    "undo.rung": "Proposal {number} now holds the “{rung}” offer from What to ask for.",
    "undo.example": "The example “{name}” replaced your loan, your budget and your proposals.",
    "undo.button": "Undo: put back what I had",
    "undo.keep": "Keep the change",
    "undo.done": "Put back: everything is as it was before the change.",
    "guide.example.illness": "illness",
    "guide.example.no_plan": "no plan",
    # --- issue 13: keeping the case
    "undo.casefile": "The case file {name} was opened and replaced what was on screen. "
    "It holds: lenders {lenders} · proposals {proposals} · logged contacts {contacts} · "
    "ticked items {ticked} · {letter}.",
    "device.keep": "Keep my case in this browser",
    "device.help": "Your case is written into this browser's own storage on this device after "
    "every change, and opened again when you come back. It is never sent to be stored on the "
    "server.",
    "device.shared": "On a shared computer, anyone who uses this browser can open what is kept "
    "here: choose “Forget it on this device” when you are done.",
    "device.forget": "Forget it on this device",
    "device.kept": "Your case is now kept in this browser and updated after every change.",
    "device.forgot": "Done: your case was removed from this browser, and keeping is off. "
    "What is on screen stays until you close the page.",
    "device.restored": "Your case kept in this browser was opened again. It holds: lenders "
    "{lenders} · proposals {proposals} · logged contacts {contacts} · ticked items {ticked} · "
    "{letter}.",
    "device.restored_short": "Your case kept in this browser was opened again.",
    "device.pending": "A case is kept in this browser (lenders {lenders} · proposals "
    "{proposals} · logged contacts {contacts} · ticked items {ticked} · {letter}). This page "
    "shows the values from its link instead, so the kept case was not opened. Keeping is off "
    "until you choose: open the kept case (it replaces what is on screen), or switch keeping "
    "on (what is on screen then replaces the kept case).",
    "device.open": "Open the kept case instead",
    "device.refused": "The case kept in this browser could not be opened, so it was not used.",
    "device.forget_hint": "To remove it, choose “Forget it on this device”.",
    "device.failed": "This browser would not keep the case (its storage may be full or "
    "switched off), so keeping is off. Save the case as a file instead.",
    "device.too_large": "The case is now larger than {limit}, too large to keep in this "
    "browser, so keeping is off. Save the case as a file instead.",
    "device.letter_yes": "letter texts included",
    "device.letter_no": "no letter texts",
    "device.letter_left": "no letter texts (yours were left as they were)",
    # --- navigation and pages
    "nav.home": "Compare plans",
    "nav.checklist": "Checklist",
    "nav.log": "Contact log",
    "nav.letter": "Letter and script",
    "nav.guide": "Guide",
    # --- error boundary
    "error.unexpected": "Something went wrong while drawing this part of the page. This is "
    "a fault in the planner, not in anything you did. Your figures are still in the page's link, "
    "and in your case file if you saved one. Try again, or reset the loan inputs to the "
    "defaults (your contact log, checklist and letter texts stay).",
    "error.retry": "Try again",
    "error.reset": "Reset the loan inputs",
    # --- a widget value sent to the page that could not be used (ui.widget_guard)
    "guard.intro": "A value sent to this page could not be used, so it was put back. Nothing "
    "you entered was lost.",
    "guard.unreadable": "{name}: the value sent could not be read, so it stays as it was.",
    "guard.range": "{name}: only {min} to {max} is allowed, so it stays at {value}.",
    "guard.range_empty": "{name}: only {min} to {max} is allowed, so it stays empty.",
    "lang.label": "Language · 语言",
    "lang.zh": "中文",
    "lang.en": "English",
    # --- sidebar groups
    "sidebar.loan": "Your loan",
    "sidebar.overdue": "If you are behind on payments",
    "sidebar.borrower": "Your budget",
    "sidebar.assumptions": "Assumptions",
    # --- input labels and help
    "input.principal": "Principal still owed (yuan)",
    "help.principal": "The principal left on the loan, including any part already past due. "
    "Your lender's app shows it as 剩余本金.",
    "input.unit": "How the rate is stated",
    "help.unit": "Choose the unit your contract uses. Changing it converts the rate so the "
    "loan's price stays the same.",
    "input.rate.apr": "Contract rate (% a year)",
    "input.rate.monthly": "Contract rate (% a month)",
    "input.rate.daily": "Contract rate (% a day)",
    "input.rate.flat_fee": "Monthly fee (% of the original principal)",
    "help.rate": "The rate written in the contract. Online loans often quote 0.02-0.1 % a day.",
    "input.basis": "Days in a year for the daily rate",
    "help.basis": "Loans usually count 360 days, credit cards often 365. Your contract says which.",
    "input.method": "Repayment method",
    "help.method": "How each installment is made up. Your contract or repayment plan names it.",
    "input.months": "Installments left (months)",
    "help.months": "How many monthly payments remain under the contract.",
    "input.lender": "Who lent the money",
    "help.lender": "Decides which legal line applies to the rate.",
    "input.name": "Lender's name",
    "help.name": "Your own label for this debt, such as the platform or card: up to 40 characters.",
    "input.bureau": "Reports to the credit bureau (征信)",
    "help.bureau": "Whether this lender reports missed payments to the credit reference centre. "
    "Your contract or a past statement usually says.",
    "bureau.yes": "Yes",
    "bureau.no": "No",
    "bureau.unknown": "Not sure",
    "input.suit": "Legal action",
    "help.suit": "Whether the lender has threatened a lawsuit in writing, or filed one.",
    "lawsuit.none": "None",
    "lawsuit.threatened": "Threatened in writing",
    "lawsuit.filed": "Filed",
    "input.signed": "Contract date",
    "help.signed": "For private lending, the LPR on this date sets the legal line.",
    "input.mfee": "Fees with each installment (yuan a month)",
    "help.mfee": "Service, guarantee or membership fees charged every month on top of the "
    "installment. They count in the true cost.",
    "input.days": "Days overdue",
    "help.days": "Days since the oldest unpaid installment fell due. 0 if you are up to date.",
    "input.overdue": "Overdue amount (yuan)",
    "help.overdue": "The unpaid installments that are already due, principal and interest.",
    "input.penalty": "Penalty charged so far (yuan, optional)",
    "help.penalty": "Penalty and compound interest already on your statement. Leave empty "
    "and the tool estimates it.",
    "input.charges": "Other overdue charges (yuan)",
    "help.charges": "Late charges (违约金) or collection fees already on the account.",
    "input.mcharge": "Charges added each month overdue (yuan)",
    "help.mcharge": "A fixed charge the lender adds for every further month overdue, if any.",
    "input.mult": "Penalty rate (× the contract rate)",
    "help.mult": "Contracts usually charge 1.5 × the contract rate on overdue principal.",
    "input.income": "Monthly net income (yuan)",
    "help.income": "What you receive each month after tax and social insurance.",
    "input.expenses": "Essential monthly expenses (yuan)",
    "help.expenses": "Rent, food, transport, care and other payments you cannot skip.",
    "input.cash": "Money you could pay now (yuan)",
    "help.cash": "A lump sum you could offer at signing to show good faith.",
    "input.afford": "Share of spare income for the debts (%)",
    "help.afford": "Plans are solved within this share; the rest stays with you as a margin "
    "for an unexpected bill. 90 % keeps a tenth. A plan with no margin breaks at the first "
    "surprise.",
    "input.later": "Income expected later (yuan a month, optional)",
    "help.later": "If your income should come back or change (after an illness, with a new "
    "job), what you expect to receive each month then. Plans may then start with a pause.",
    "input.laterm": "That income starts in month",
    "help.laterm": "Counted from signing the new plan: 4 means the fourth month.",
    "input.accel": "Days until the whole balance is called due",
    "help.accel": "After this many days overdue the lender demands all the principal at once. "
    "90 days is when bank loans count as non-performing.",
    "input.horizon": "Months to look ahead if nothing is paid",
    "help.horizon": "How far the stay-overdue path runs; savings against it are compared at "
    "this point.",
    "input.disc": "Lender's discount rate (% a year)",
    "help.disc": "How much less the lender values money received later. An assumption.",
    "input.recover": "Share the lender recovers after a default (%)",
    "help.recover": "What the lender can expect to collect if you stop paying. An assumption, "
    "not a published figure.",
    "input.delay": "Months until that recovery",
    "help.delay": "How long collection or a lawsuit would take.",
    "input.np": "Number of proposals",
    "help.np": "Compare up to four proposals side by side.",
    "input.p_add": "Months added",
    "help.p_add": "Extra installments on top of the months left.",
    "input.p_term": "Or a new term (months)",
    "help.p_term": "The whole new number of installments. Leave empty to use months added.",
    "input.p_rate": "New rate (% a year)",
    "help.p_rate": "Leave empty to keep the contract rate.",
    "input.p_waive": "Principal waived (yuan)",
    "help.p_waive": "An amount of principal the lender writes off.",
    "input.p_waivepct": "Or principal waived (%)",
    "help.p_waivepct": "A share of the principal the lender writes off.",
    "input.p_pen": "Penalty and charges waived (%)",
    "help.p_pen": "Share of the penalty, compound interest and charges the lender drops.",
    "input.p_free": "Interest-free months",
    "help.p_free": "Months from signing with no interest (停息 for a while).",
    "input.p_stop": "No more interest at all",
    "help.p_stop": "Interest stopped for good: you repay only what is owed.",
    "input.p_lump": "Paid at signing (yuan)",
    "help.p_lump": "A partial payment when the agreement is signed.",
    "input.p_hol": "Payment holiday (months)",
    "help.p_hol": "Months with no payment before the installments start.",
    "input.p_holint": "Interest runs during the holiday",
    "help.p_holint": "If it does, the holiday's interest is added to later installments.",
    "input.p_holpay": "Token paid each holiday month (yuan)",
    "help.p_holpay": "A small amount paid during the pause to show good faith; it repays "
    "principal.",
    "input.p_method": "Repayment method",
    "help.p_method": "Keep the contract's method or switch to another.",
    "input.p_fee": "Fee (yuan)",
    "help.p_fee": "A fee for the new plan, paid at signing.",
    "input.p_feepct": "Or fee (% of the debt)",
    "help.p_feepct": "Paid intermediaries often ask 4-10 % of the debt.",
    "input.p_feeto": "Fee paid to",
    "help.p_feeto": "A fee paid to an intermediary does nothing for the lender.",
    "method.same": "Same as the contract",
    "basis.360": "360 days",
    "basis.365": "365 days",
    # --- share link
    "link.intro": "Some values in the link could not be used and were set to their defaults:",
    "link.item": "{name} = {value}: {reason}",
    "link.of_lender": "{name} of lender {place}",
    "link.unknown": "this tool has no such setting.",
    "link.too_long": "the value is far too long.",
    "link.cut": "the name was cut to its first {longest} characters.",
    "link.not_a_choice": "not one of the choices ({choices}).",
    "link.not_yes_no": "must be true or false.",
    "link.not_a_date": "not a date such as 2025-06-30.",
    "link.date_out_of_range": "the date must be between {first} and today.",
    "link.not_a_number": "not a number.",
    "link.not_whole": "must be a whole number.",
    "link.out_of_range": "outside the range {min} to {max}.",
    "link.lang": "the language must be zh or en.",
    "link.dismiss": "OK",
    "link.dropped_parameters": "This page's address held {count} parameters. An address with "
    "more than {most} is not read at all, so nothing in it was used, and it has been cleared "
    "from the address bar. The figures shown are the ones you entered, or the defaults.",
    "link.dropped_characters": "This page's address was {count} characters long. An address "
    "longer than {most} characters is not read at all, so nothing in it was used, and it has "
    "been cleared from the address bar. The figures shown are the ones you entered, or the "
    "defaults.",
    # --- proposals and presets
    "proposals.title": "Proposals to put to the lender",
    "proposals.none": "Add a proposal with the number above to compare it with the baselines.",
    "proposal.tab": "Proposal {number}",
    "preset.label": "Start from a preset",
    "preset.longer": "Longer term",
    "preset.lower_rate": "Lower rate",
    "preset.waiver": "Part of the principal waived",
    "preset.partial": "Partial payment first",
    "preset.illness": "Illness case",
    "proposal.more": "More levers: principal waived in yuan, holiday, interest-free months, method, fees",
    "proposal.invalid": "This proposal cannot be computed yet:",
    "inputs.invalid": "Some inputs do not fit together; the comparison waits until they do:",
    # --- 真实账单：到手金额与原始本金（issue 14）
    "field.loan.original_principal_yuan": "Original principal (yuan)",
    "field.loan.received_yuan": "Money actually received (yuan)",
    "field.loan.original_months": "Original number of installments",
    "sidebar.real_bill": "The real bill (optional)",
    "bill.intro": "Many online loans pay out less than the contract says: a “service fee” or "
    "“membership fee” is taken off before the money reaches you (砍头息), yet you repay the full "
    "amount. Fill these in from the contract and your bank statement to see the true cost.",
    "bill.flat_fee_base": "A flat fee is charged on the original principal, not on what is "
    "left. If you have already paid some installments, enter the original principal under "
    "“The real bill”: until then the fee and the true cost are worked out on the smaller "
    "balance and come out too low.",
    "input.orig": "Original principal (yuan)",
    "help.orig": "The amount the contract lent when you signed it, before anything was "
    "repaid. Leave empty if nothing has been repaid yet.",
    "input.recv": "Money actually received (yuan)",
    "help.recv": "What really arrived in your account when the loan was paid out. If fees "
    "were taken off first (砍头息), it is less than the principal: you pay interest on money "
    "you never had, and the true cost is counted on what you received.",
    "input.origterm": "Original number of installments",
    "help.origterm": "How many monthly payments the contract had when you signed it. With "
    "the original principal it lets the tool rebuild the whole loan from its start.",
    "error.principal_above_original": "The principal still owed ({principal} yuan) cannot be "
    "more than the original principal ({original} yuan).",
    "error.received_above_original": "The money received ({received} yuan) cannot be more "
    "than the original principal ({original} yuan).",
    "error.received_above_principal": "The money received ({received} yuan) is more than the "
    "principal still owed ({principal} yuan). If part of the loan is already repaid, enter the "
    "original principal as well.",
    "error.months_above_original": "The installments left ({months}) cannot be more than the "
    "original number of installments ({original}).",
    "lawful.received": "Counted on the {received} you actually received ({deducted} deducted "
    "at payout), as PBOC Announcement 〔2021〕 No. 3 requires.",
    "lawful.whole": "Counted over the whole loan, from its start: {principal} over "
    "{months} months.",
    "lawful.start_unknown": "To count the whole loan from its start, and anything deducted at "
    "payout, give both the original principal and the original number of installments under "
    "“The real bill”. Until then the true cost is counted on the installments left.",
    "link.bill_without_lender": "there is no other lender at this place in the link to give "
    "these figures to; they were left out.",
    # --- cards
    "results.title": "Side by side",
    "card.payment": "Monthly payment",
    "card.months": "Months to finish",
    "card.total": "Total paid",
    "card.cost": "Interest, penalty and fees",
    "card.at_signing": "Due at signing",
    "card.vs_contract": "{amount} vs. the contract",
    "card.saving_contract": "Saving vs. the contract",
    "card.saving_overdue": "Saving vs. staying overdue",
    "card.apr": "True APR (IRR)",
    "card.apr_from_today": "From today, on what is still owed: {apr}",
    "card.share": "Share of spare income",
    "card.fits": "Fits your budget",
    "card.not_fits": "Does not fit your budget",
    "card.no_budget": "No spare income now",
    "card.fits_later": "Fits: nothing due until your later income",
    "card.lender": "Lender receives (present value)",
    "card.lender_vs": "vs. {recovery} expected after a default",
    "card.beats_default": "Better for the lender than a default",
    "card.owed_after": "Owed after {months} months",
    "card.enforceable": "Enforceable under the legal line: {amount}",
    "card.overdue_note": "Nothing is paid; the debt grows.",
    "card.none": "—",
    "budget.negative": "Your essential expenses exceed your income by {amount} a month, so "
    "no plan can be paid from today's income. What to ask for shows the other way: a pause "
    "first, once you enter the income you expect later.",
    "budget.zero": "Your income only just covers your essential expenses, so no plan can be "
    "paid from it. What to ask for shows the other way: a pause first, once you enter the "
    "income you expect later.",
    "budget.line": "Plans are checked against {amount} a month: {share} of your spare income "
    "of {spare}, keeping {margin} as a margin for the unexpected.",
    "budget.no_margin": "Plans are checked against all of your spare income, {amount} a month: "
    "no margin is kept for an unexpected bill.",
    "budget.later": "From month {month} on: {amount} a month, from the income you expect then.",
    # --- charts
    "chart.balance": "What is still owed, month by month",
    "chart.payment": "Monthly payment vs. what you can pay",
    "chart.cost": "Where the money goes",
    "chart.budget": "What you can pay",
    "chart.failed": "The chart could not be drawn. Reload the page to try again; the figures on the cards are not affected.",
    "chart.month_suffix": " mo",
    "cost.principal": "Principal",
    "cost.interest": "Interest",
    "cost.arrears": "Overdue interest, penalty, charges",
    "cost.fees": "Fees",
    "cost.waived": "Waived",
    # --- table and schedules
    "table.title": "Comparison table",
    "table.download": "Download the table (CSV)",
    "table.measure": "Figure",
    "schedule.heading": "Month by month",
    "schedule.choose": "Show the schedule of",
    "schedule.title": "Month by month: {name}",
    "schedule.download": "Download this schedule (CSV)",
    "schedule.overdue": "Month by month if nothing is paid",
    "col.month": "Month",
    "col.due_date": "Due date",
    "col.payment": "Payment",
    "col.interest": "Interest",
    "col.principal": "Principal",
    "col.arrears": "Overdue interest, penalty, charges",
    "col.fee": "Fee",
    "col.balance": "Principal left",
    "col.days_overdue": "Days overdue",
    "col.stage": "Stage",
    "col.penalty": "Penalty",
    "col.compound": "Compound interest",
    "col.charges": "Charges",
    "col.claimed": "Claimed by the contract",
    "col.enforceable": "Enforceable",
    # --- legal warning on the home page
    "legal.above": "The contract's true cost, {apr} a year, is above the legal line for this "
    "kind of lender ({line}). You can ask for the part above the line to be reduced.",
    "legal.not_advice": "This is a planning aid, not legal advice.",
    # --- what to ask for (offer ladder)
    "input.maxterm": "Longest plan to ask for (months)",
    "help.maxterm": "Banks may agree to at most 60 months for a credit card in difficulty; "
    "online lenders often offer 3-36.",
    "ladder.title": "What to ask for",
    "ladder.intro": "Three offers worked out from your budget ({budget} a month, margin "
    "kept), over the same {months} months: open with the first, aim for the second, and do "
    "not agree to more than the third.",
    "ladder.pause_intro": "Nothing can be paid from today's income, so the three offers start "
    "with a pause: no installment for {holiday} months, then {months} installments paid from "
    "the income you expect ({later} a month, margin kept). Open with the first, aim for the "
    "second, and do not agree to more than the third.",
    "ladder.pause_terms": "{holiday} months' pause, then {months} months at {rate} a year",
    "ladder.pause_stopped": "No interest during the pause (停息挂账)",
    "ladder.pause_accrues": "Interest runs during the pause, added to later installments "
    "without interest on it",
    "ladder.pause_token": "{amount} a month during the pause, as good faith",
    "ladder.need_later": "Your income does not cover your essential expenses now, so no plan "
    "paid from it can work, and asking for one would only set you up to fail. Ask for a pause "
    "instead. Enter the income you expect later and the month it starts (sidebar, “Your "
    "budget”): the offers will then start with a payment holiday with interest stopped "
    "(停息挂账) and go on with a plan paid from that income. If you can spare anything now, "
    "even a little, offering it each month shows good faith.",
    "ladder.method": "As equal installments (the contract is interest first, whose last "
    "payment is the whole principal)",
    "ladder.true_apr": "True annual rate {apr} (the rate above is a flat fee of {fee} a "
    "month on the principal)",
    "solve.months": "At today's rate ({rate}), {months} months would fit your budget.",
    "solve.months_none": "At today's rate no term up to {longest} months fits.",
    "solve.rate": "Over {longest} months, a rate of at most {rate} a year would fit.",
    "solve.rate_none": "Over {longest} months, even no interest at all would not fit.",
    "solve.waiver": "Keeping the {months} months left and the rate, {amount} of principal "
    "would have to be waived.",
    "solve.waiver_none": "Keeping the {months} months left and the rate, no principal waiver "
    "alone would be enough.",
    "ladder.opening": "Opening offer",
    "ladder.target": "Target",
    "ladder.walk_away": "Walk-away point",
    "ladder.opening.help": "The best for you that the lender could still accept: it "
    "receives at least what it expects from a default.",
    "ladder.target.help": "Halfway between your opening and your limit.",
    "ladder.walk_away.help": "The most you can bear: the contract's rate over the fewest "
    "months your budget allows.",
    "ladder.terms": "{months} months at {rate} a year",
    "ladder.penalty_waived": "Penalty and charges waived",
    "ladder.principal_waived": "{amount} of principal waived",
    "ladder.lump": "{amount} paid at signing",
    "ladder.load": "Use as proposal {number}",
    "ladder.loaded": "Loaded into proposal {number}.",
    "ladder.none": "Even {months} months without interest, with the penalty and charges "
    "waived and half the principal written off, would cost {payment} a month: {gap} more than you can pay. No plan within "
    "these bounds fits; a payment holiday or a larger waiver would have to come first.",
    "ladder.say": "You can say: “With this plan you would receive about {pv} in today's "
    "money, more than the {recovery} that collection or a lawsuit could be expected to bring "
    "in. I can "
    "keep to it.”",
    "ladder.not_winwin": "For the lender this is worth {pv} today against {recovery} "
    "from a default: it may refuse.",
    # --- 法律数字的核对日期（issue 14）
    "legal.checked": "Last checked {checked}.",
    "legal.checked_stale": "Last checked {checked}: {days} days ago, more than {limit}. A rule "
    "or the LPR may have changed since; check the current figures before you rely on them.",
    "legal.recent.title": "Newer rules (2025-2026), each with how sure we are of it:",
    "legal.recent.row": "- {rule} Source: {source:en}, {when}. {confidence}",
    "legal.recent.row_reported": "- {rule} Source: press reports only, no published document "
    "({when}). {confidence}",
    "legal.recent.facilitation": "Loan facilitation (助贷): credit-enhancement and guarantee "
    "fees count in the comprehensive cost, which is read as capped at {line} a year.",
    "legal.recent.micro_loan": "Micro-loan companies: no new loans above {line} a year in "
    "comprehensive cost, and within {multiple} × the one-year LPR by {deadline}.",
    "legal.recent.collection": "Collection by banks and consumer-finance companies "
    "(self-regulation of the China Banking Association): no collection from {quiet_start} to "
    "{quiet_end} without your consent; a daily limit on unanswered calls to one number, "
    "reported as {calls} (the wording is not verified here); other people contacted only "
    "when you cannot be reached, and never told of the debt.",
    "legal.recent.consumer_finance": "Consumer-finance companies: window guidance to keep new "
    "loans at or below {line} a year has been reported. It is not law, and gives you no right "
    "to that rate.",
    "legal.when.in_force": "in force from {date}",
    "legal.when.published": "published {date}",
    "legal.when.issued_about": "issued about {date}",
    "legal.when.reported": "reported {date}",
    "legal.confidence.M": "How sure: medium (one good secondary source; the text itself is not "
    "checked here).",
    "legal.confidence.L": "How sure: low (press reports only).",
    # --- lawfulness
    "lawful.title": "Is the rate within the law?",
    "lawful.apr": "True cost of the contract (APR by IRR, fees included): {apr} a year.",
    "lawful.within": "Within the line for this kind of lender ({line}).",
    "lawful.ask": "You can ask for interest, penalty and fees above {line} a year to be "
    "reduced: the part above the line is {excess} a year.",
    "lawful.flat_fee": "The quoted monthly fee of {fee} on the original principal is a "
    "true annual rate of {apr}, not {simple}.",
    "lawful.history": "Before {since} private lending was judged against {enforceable} "
    "(enforceable) and {void} (void); that rule is history.",
    # --- the cost of doing nothing
    "nothing.title": "The cost of doing nothing",
    "nothing.chart": "If nothing is paid: what the contract claims and what a court would enforce",
    "nothing.show_chart": "Show it as a chart, part by part",
    "nothing.claimed": "Claimed under the contract",
    "nothing.enforceable": "Enforceable under the legal line",
    "nothing.summary": "After {months} months the contract would claim {claimed}; under the "
    "legal line about {enforceable} could be enforced.",
    "nothing.milestones": "What happens along the way",
    "nothing.stages": "Collection stages are counted in days overdue: M1 is 1-30, M2 31-60, "
    "M3 61-90, and past 90 days a bank loan counts as non-performing (industry convention).",
    "nothing.accelerate": "This plan assumes that after {days} days overdue the lender "
    "calls the whole balance due, so penalty runs on all of the principal (you can change "
    "the assumption).",
    "nothing.credit": "Lenders report overdue loans to the credit record, often monthly, "
    "and must tell you before reporting negative information; the record stays for five "
    "years from the day the default ends (征信业管理条例 Arts. 15-16).",
    "nothing.limitation": "The limitation period for a claim is three years, for an "
    "installment debt counted from the last installment's due date; it starts again when "
    "the lender demands payment, when you agree to pay or pay a part, or on a lawsuit "
    "(Civil Code Arts. 188, 189, 195).",
    "nothing.path": "A typical path for cards: messages and calls after about 30 days, "
    "visits after about 90, a lawsuit after about six months (reported, not a rule).",
    "nothing.collection": "Collectors may not call between 22:00 and 08:00 unless you agreed, "
    "may connect at most three calls a day, and may contact only you (NIFA guideline of "
    "2024-05-15). Complaints: 12378.",
    # --- checklist page
    "check.intro": "Work through these before and during the negotiation. Items your "
    "inputs already answer tick themselves.",
    "check.progress": "{done} of {total} done",
    "check.auto": "Ticked from your inputs",
    "check.group.prepare": "Prepare",
    "check.group.proposal": "Your proposal",
    "check.group.conduct": "On the phone or in writing",
    "check.group.record": "Keep a record",
    "check.group.risks": "Know the risks",
    "check.finances": "Know your income, your essential expenses and what you can pay each month",
    "check.finances.why": "Enter them first on the home page (or in the sidebar): every plan is "
    "measured against them.",
    "check.lenders": "List every lender you owe, with what you owe each",
    "check.lenders.why": "Add each one on the My debts page: the budget is shared across all "
    "of them, and every lender will ask what you can pay it.",
    "check.documents": "Gather the contract, recent statements and proof of your hardship",
    "check.documents.why": "A medical certificate, a termination letter or bank statements make "
    "the hardship concrete.",
    "check.policy": "Find out the lender's policy and its official channels",
    "check.policy.why": "Use the app's customer service, the hotline or written channels "
    "named in the contract, not numbers sent by collectors.",
    "check.feasible": "Have a plan that fits your budget",
    "check.feasible.why": "A proposal you cannot keep only delays the next default.",
    "check.good_faith": "Offer a partial payment to show good faith",
    "check.good_faith.why": "Even a small payment at signing shows you intend to repay.",
    "check.in_writing": "Ask for the agreement in writing",
    "check.in_writing.why": "The balance, the schedule, whether interest and fees continue, "
    "and what happens if a payment is missed.",
    "check.calm": "Stay calm and stick to the facts",
    "check.calm.why": "Explain what changed, what you can pay, and from when.",
    "check.no_threats": "No threats or insults, whatever the other side says",
    "check.no_threats.why": "They harm your case; note improper conduct instead.",
    "check.no_promise": "Never agree on the spot to a payment you cannot make",
    "check.no_promise.why": "Ask for time to check the figures; a broken new plan is worse "
    "than no plan.",
    "check.every_contact": "Log every contact: when, who, what was said and offered",
    "check.every_contact.why": "The contact log page keeps it, and flags calls that break "
    "the collection rules.",
    "check.evidence": "Keep evidence: recordings, screenshots, letters",
    "check.evidence.why": "Evidence is what makes a complaint or a dispute possible.",
    "check.fees": "Know what the plan costs, fees included",
    "check.fees.why": "Compare the true APR of each plan on the home page, not the quoted fee.",
    "check.refusal": "Be ready for a refusal",
    "check.refusal.why": "A lender may say no; try again later, in writing, or through "
    "another official channel.",
    "check.collection_rules": "Know the rules collectors must follow",
    "check.collection_rules.why": "No calls between 22:00 and 08:00 unless you agreed, at most "
    "three calls a day, no contacting your family or friends; complaints to 12378.",
    "check.intermediaries": "Do not pay an intermediary to negotiate for you",
    "check.intermediaries.why": "Regulators warn that paid 'debt negotiation' agents take "
    "high fees, hold IDs and bank cards and file false complaints; you can negotiate "
    "yourself, for free.",
    # --- issue 13: phone
    "upload.button": "Choose a file",
    "upload.limit": "Up to {limit} · JSON",
    "upload.drop": "Drop the file here",
    "copy.done": "Copied",
    "copy.failed": "This browser did not let the page copy. Select the text and copy it by hand.",
    "letter.copy_letter": "Copy the letter",
    "letter.copy_script": "Copy the script",
    # --- contact log page
    "log.intro": "Every contact with the lender or its collectors: add a row for each, edit "
    "or delete in place. Nothing here goes into a link; save it in the case file.",
    "log.add": "Add a contact",
    "log.add_button": "Add to the log",
    "log.date": "Date",
    "log.time": "Time",
    "log.col.when": "Date and time",
    "log.col.lender": "Lender",
    "log.yes": "yes",
    "log.no": "no",
    "log.col.channel": "Channel",
    "log.col.who": "Name or staff number",
    "log.col.said": "What was said and offered",
    "log.col.proposal": "Proposal put forward",
    "log.col.outcome": "Outcome",
    "log.col.follow_up": "Next follow-up",
    "log.col.evidence_kept": "Evidence kept",
    "log.col.they_called": "They contacted me",
    "log.col.flags": "Collection rules",
    "channel.phone": "Phone",
    "channel.chat": "Online chat",
    "channel.email": "Email",
    "channel.in_person": "In person",
    "flag.quiet_hours": "Contact between 22:00 and 08:00",
    "flag.too_many_calls": "More than three calls that day",
    "log.timeline": "By time",
    "log.next": "Next follow-up: {date}",
    "log.no_next": "No follow-up planned.",
    "log.flagged": "{count} contacts look against the collection rules ({source}). Keep the "
    "evidence; you can complain to the lender and to 12378.",
    "log.row_error": "Row {row}: {message}",
    "log.limit.count": "The log keeps at most {most} contacts, so that the saved case file "
    "always opens again.",
    "log.limit.bytes": "The log's text can take at most {size}, so that the saved case file "
    "(at most {limit}) always opens again. Shorten long notes or remove contacts you no longer "
    "need.",
    "log.limit.shape": "The table sent a change the page could not read.",
    "log.limit.too_long": "A cell held more than {most} characters, the most a cell takes.",
    "log.limit.at_once": "At most {most} rows can be added in one go: paste longer lists in parts.",
    "log.add_kept": "This contact was not added; what you typed is still in the form.",
    "log.edit_kept": "That change was not kept: the log is as it was before it.",
    "log.download": "Download the log (CSV)",
    "log.empty": "No contact logged yet.",
    "field.contactentry.when": "Date and time",
    "field.contactentry.channel": "Channel",
    "field.contactentry.who": "Name or staff number",
    "field.contactentry.said": "What was said",
    "field.contactentry.proposal": "Proposal",
    "field.contactentry.outcome": "Outcome",
    "field.contactentry.follow_up": "Next follow-up",
    "field.contactentry.evidence_kept": "Evidence kept",
    "field.contactentry.they_called": "They contacted me",
    # --- issue 13: words and exports
    "legal.cite.number": ", {number}",
    "legal.cite.amended": ", as amended by {by}",
    "legal.cite.article": ", Art. {numbers}",
    "legal.cite.articles": ", Arts. {numbers}",
    "legal.cite.and": ", ",
    "legal.cite.join": "; ",
    "unit.yuan": "{label} (yuan)",
    "unit.percent": "{label} (%)",
    "flag.quiet_hours.short": "Night contact",
    "flag.too_many_calls.short": "Over 3 calls",
    # --- 投诉信与日历文件（issue 14）
    "complaint.title": "Complaint about collection",
    "complaint.intro": "A letter to the lender's complaints team that lists each contact "
    "breaking the collection rules, with the rule and where it comes from. It says nothing "
    "about your income or budget, and is signed with the name from the letter page if you "
    "gave one. Read it, add the phone or account number the lender knows you by, change what "
    "you need to, then send it through the lender's complaint channel (app, email or "
    "hotline) and keep a copy.",
    "complaint.none": "No contact in the log breaks the collection rules yet, so there is no "
    "complaint to write.",
    "complaint.lender": "Lender to complain to",
    "complaint.no_lender": "Contacts with no lender recorded",
    "complaint.copy": "Copy the complaint",
    "complaint.download": "Download the complaint (text file)",
    "complaint.subject": "Complaint about how my debt is being collected",
    "complaint.to": "To: your complaints team\n\nDear Sir or Madam,",
    "complaint.to_named": "To: the complaints team of {lender}\n\nDear Sir or Madam,",
    "complaint.opening": "I am one of your borrowers, and this is a formal complaint about the "
    "way my debt is being collected.",
    "complaint.opening_named": "My name is {name}. I am one of your borrowers, and this is a "
    "formal complaint about the way my debt is being collected.",
    "complaint.rules_intro": "I recorded each of the contacts below at the time it happened. "
    "Each goes against "
    "the post-loan collection guidelines of the National Internet Finance Association of "
    "China ({issuer}《{title}》, {date}):",
    "complaint.channel.phone": "a phone call",
    "complaint.channel.chat": "a message in the online chat",
    "complaint.channel.email": "an email",
    "complaint.channel.in_person": "a visit in person",
    "complaint.contact": "{number}. {day} at {time}: {channel}.",
    "complaint.contact_who": "{number}. {day} at {time}: {channel} from {who}.",
    "complaint.said": "   What happened: {said}",
    "complaint.rule": "   Rule broken: {rule}.",
    "complaint.rule_join": "; ",
    "complaint.rule.quiet_hours": "no collection between {start} and {end} unless the "
    "borrower has agreed to it",
    "complaint.rule.too_many_calls": "no more than {calls} connected calls a day from the "
    "lender and its agencies together (I logged {count} that day)",
    "complaint.evidence": "   I kept a recording or a screenshot of it.",
    "complaint.earlier": "Earlier contacts of the same kind, in my record but not listed "
    "here: {count}.",
    "complaint.asks": "I ask you to:",
    "complaint.ask_stop": "(a) stop any collection that breaks these rules, whether by your "
    "own staff or by an agency collecting for you;",
    "complaint.ask_written": "(b) confirm to me in writing that this has stopped, and tell "
    "me how you have dealt with the contacts above.",
    "complaint.next_step": "If such contacts continue, or I have no written reply, I will take "
    "my complaint to the consumer hotline of the National Financial Regulatory "
    "Administration, {hotline}.",
    "complaint.sign_off": "Yours faithfully,",
    "complaint.date": "{year}-{month:02}-{day:02}",
    "calendar.title": "Reminders in your calendar",
    "calendar.plan": "Agreed plan (optional)",
    "calendar.plan_help": "The plan the lender agreed to: each of its payment dates goes "
    "into the file, with a reminder the day before.",
    "calendar.no_plan": "No plan",
    "calendar.download": "Calendar file (.ics)",
    "calendar.holds_follow_ups": "Follow-up dates: {follow_ups}.",
    "calendar.holds_payments": "Payment dates: {payments}, each with a reminder at {time} the "
    "day before.",
    "calendar.open": "Open the file on your phone to add them to its calendar.",
    "calendar.empty": "Nothing to put in a calendar yet: give a contact a next follow-up "
    "date, or choose an agreed plan.",
    "calendar.the_lender": "the lender",
    "calendar.follow_up": "Follow up with {lender}",
    "calendar.follow_up_outcome": "Follow up with {lender}: {outcome}",
    "calendar.contact": "From the contact of {when}",
    "calendar.contact_who": "From the contact of {when} with {who}",
    "calendar.pay": "Pay {lender} {amount}",
    "calendar.pay_month": "Month {month} of {months} of the agreed plan ({plan}).",
    "calendar.pay_signing": "Paid at signing, under the agreed plan ({plan}).",
    # --- case file
    "casefile.title": "Your case file",
    "casefile.save": "Save the case (JSON)",
    "casefile.saving": "Preparing your file…",
    "casefile.save_failed": "The case file could not be made this time. Everything on the page "
    "is still here: please try again.",
    "casefile.load": "Open a saved case",
    "casefile.help": "Everything you entered, the checklist and the contact log in one file "
    "that stays with you: nothing is stored on the server.",
    "casefile.too_large": "This file is larger than {limit}: it cannot be a case file.",
    "casefile.too_many_contacts": "This case file's contact log holds {count} contacts; the "
    "tool keeps at most {most}.",
    "casefile.log_too_large": "This case file's contact log takes more than {limit}, the most "
    "the tool keeps.",
    "casefile.not_json": "This file is not a readable case file (it is not JSON, or it is cut short).",
    "casefile.not_a_case": "This file is not a case file of this tool.",
    "casefile.newer": "This case file comes from a newer version of the tool (format {version}; "
    "this one reads up to {supported}).",
    "casefile.invalid": "This case file has entries that cannot be used:",
    "casefile.bad_values": "This case file has values outside what the tool accepts:",
    "casefile.kept": "Nothing on screen was changed.",
    # --- letter and script page
    "letter.intro": "A letter, a short chat message and a phone script built from one of your "
    "proposals, with the figures the home page shows. They state your hardship and your ask, "
    "never the most you could pay.",
    "letter.choose": "Proposal to put forward",
    "letter.name": "Your name (optional)",
    "letter.account": "Loan or account number (optional)",
    "letter.hardship": "What happened, in your own words",
    "letter.hardship_help": "For example: an illness, a lost job, a drop in income. Keep it short and factual.",
    "letter.kind": "Write",
    "letter.kind.letter": "Letter",
    "letter.kind.script": "Phone script",
    "letter.download": "Download as a text file",
    "letter.copy_hint": "Copy it with the button below, or download it as a text file.",
    "letter.no_proposal": "Add a proposal on the home page first: the letter is built from it.",
    "letter.subject": "Request for a new repayment plan",
    "letter.greeting": "Dear {lender},",
    "letter.lender": "customer service team",
    "letter.lender_named": "{lender} customer service team",
    "letter.who": "{name}I am writing about my loan{account} to ask for a new repayment plan.",
    "letter.account_part": " (account number {account})",
    "letter.name_part": "My name is {name}. ",
    "letter.situation": "My circumstances have changed: {hardship}",
    "letter.situation_default": "My income has fallen and no longer covers the installments "
    "as they stand.",
    "letter.ask": "I ask for the following plan: {terms}. That is {monthly}, {total} in all.",
    "letter.ask_rate": "an annual rate of {rate}",
    "letter.ask_term": "{months} installments",
    "letter.ask_waiver": "{amount} of the principal waived",
    "letter.ask_penalty": "{share} of the penalty interest and overdue charges waived",
    "letter.ask_free": "no interest for the first {months} months",
    "letter.ask_holiday": "the first {months} months with no payment, interest still "
    "accruing and spread over the installments after them",
    "letter.good_faith": "As a sign of good faith I will pay {amount} when the agreement is "
    "signed.",
    "letter.lender_view": "In today's money this plan brings you about {pv}, more than the "
    "roughly {recovery} you could expect to recover through collection or a lawsuit.",
    "letter.written": "If you agree, please confirm it in writing before the first payment: "
    "the balance, the schedule, whether interest and fees continue, and what happens if a "
    "payment is late.",
    "letter.closing": "Thank you for considering this request. I mean to repay, and I will "
    "keep to what we agree.",
    "letter.sign": "Yours sincerely,",
    "script.open": "Hello. {name}I am calling about my loan{account} to discuss a new "
    "repayment plan.",
    "script.situation": "What happened: {hardship}",
    "script.ask": "My proposal: {terms}. That is {monthly}, {total} in all.",
    "script.good_faith": "I will pay {amount} at signing as a sign of good faith.",
    "script.lender": "If they hesitate, say: in today's money this plan brings you about {pv}, "
    "more than the roughly {recovery} that collection or a lawsuit could be expected to "
    "recover.",
    "script.written": "Ask: please send the agreement in writing before I pay.",
    "script.record": "Note: the date and time, their name or staff number, what they offered.",
    "script.calm": "Stay calm; do not agree to anything you cannot pay; ask for time to check.",
    # --- 协商信、聊天消息与话术（issue 14）
    "letter.kind.chat": "Chat message",
    "letter.copy_chat": "Copy the message",
    "letter.no_spare": "At present my income does not cover even my essential living costs.",
    "letter.recovery": "I expect my income to recover in about {months} months, and I can "
    "pay again from then.",
    "letter.ask_then": "{holiday}, then {terms}",
    "letter.ask_holiday_stop": "the first {months} months with no payment and no interest "
    "(停息挂账)",
    "letter.ask_holiday_token": "the first {months} months paying only a token {amount} a "
    "month, with interest still accruing and spread over the installments after them",
    "letter.ask_holiday_stop_token": "the first {months} months paying only a token {amount} "
    "a month, with no interest (停息挂账)",
    "letter.ask_penalty_all": "all penalty interest and overdue charges waived",
    "letter.ask_frozen": "no further interest from signing",
    "letter.monthly": "{payment} a month",
    "letter.monthly_most": "at most {payment} a month",
    "letter.month_names": "January February March April May June July August September "
    "October November December",
    "letter.date": "{day} {month} {year}",
    "chat.open": "Hello. {name}I would like a new repayment plan for my loan{account}.",
    "chat.name_part": "This is {name}. ",
    "chat.account_part": " ({account})",
    "chat.situation": "What happened: {hardship}",
    "chat.ask": "I ask for {terms}: {monthly}.",
    "chat.good_faith": "I will pay {amount} on signing.",
    "chat.written": "If you agree, please confirm in writing the balance, the schedule and "
    "whether interest and fees continue. Thank you.",
    "script.ceiling": "If they ask the most you could pay, do not name a higher figure: repeat "
    "your proposal, and ask for any other offer in writing so you can check it first.",
    "letter.over_budget": "This proposal asks more than your budget allows: its highest "
    "payment is {payment} a month, and your budget is {budget} a month. A plan you cannot "
    "keep up would leave you worse off than today.",
    "letter.over_signing": "This proposal asks {amount} at signing, more than the {lump} you "
    "have available now.",
    "letter.over_ask": "Do you want to go on? You can write it anyway, or go back to {step} "
    "and choose a plan within your budget.",
    "letter.no_spare_warning": "Your income does not cover your essential expenses at "
    "present, so no monthly payment fits your budget yet. For now, ask first for a payment "
    "holiday with interest stopped (停息挂账) until your income recovers: {step} offers one.",
    "letter.no_spare_holiday": "This proposal takes that way: it starts with {months} months "
    "without payments, then asks {payment} a month. Put it forward if you expect your income "
    "to have recovered by then.",
    "letter.anyway": "Write the letter anyway",
    "letter.back": "Back to {step}",
    "letter.payout": "The loan paid out {received} on a contract principal of {original}, so "
    "its true annual cost on the money I actually received is {apr}.",
    "letter.payout_above": "That is above the legal line of {line} a year for a lender of "
    "this kind.",
    # --- guide page
    "guide.not_advice": "This tool is a planning aid, not legal or financial advice. It "
    "promises no outcome: a lender may refuse any proposal, and what is typical is not a right.",
    "guide.figures": "How the figures are computed",
    "guide.methods": "Repayment methods, with P the principal, n the months and i the monthly rate "
    "(the annual rate / 12):\n\n"
    "- **Equal installments (等额本息)**: the same payment every month, "
    "A = P·i·(1+i)^n / ((1+i)^n − 1); interest each month is the balance × i.\n"
    "- **Equal principal (等额本金)**: P/n of principal each month plus interest on the "
    "balance, so payments fall.\n"
    "- **Interest first (先息后本)**: P·i each month and the whole principal with the last.\n"
    "- **Flat fee (等本等息)**: P/n plus a fee of P·f on the original principal every month: "
    "the true cost is almost twice 12·f.\n\n"
    "Every amount is rounded to the fen as lenders do; the last payment takes what rounding "
    "left, so the principal is always repaid exactly.",
    "guide.apr": "**The true cost (APR by IRR)**: the monthly rate r at which the money you "
    "received equals the payments discounted month by month; the annual rate is 12·r "
    "(simple) or (1+r)^12 − 1 (compound). Fees paid at the start reduce the money received; "
    "monthly fees count as payments (PBOC announcement 〔2021〕 No. 3).",
    "guide.overdue": "**Staying overdue**: penalty interest at the penalty rate (1.5 × the "
    "contract rate unless you change it) on overdue principal, compound interest at the same "
    "rate on unpaid interest only, charges added, and after the acceleration point penalty on "
    "all of the principal. *Enforceable* caps what accrues from today at the legal line.",
    "guide.lines": "Legal lines on the rate, with their dates and sources",
    "guide.line_row": "- **{who}**: {line}. {source:en}, in force from {date}.",
    "guide.who.licensed": "Banks, consumer-finance and micro-loan companies",
    "guide.who.private": "Private lending",
    "guide.who.credit_card": "Credit cards",
    "guide.line.licensed": "interest, penalty and fees above {line} a year are cut when the "
    "borrower asks",
    "guide.line.private": "at most 4 × the one-year LPR at the contract date (4 × {lpr} = {line} "
    "for contracts signed since {lpr_date})",
    "guide.line.credit_card": "no cap on the rate; the annualised rate must be shown",
    "guide.lpr": "One-year LPR fixings used (last checked {checked}): {fixings}.",
    "guide.cases": "Two cases to learn from",
    "guide.case1": "**Illness.** A borrower lost income to an illness, explained it with proof, "
    "and asked for a longer term in installments. The lender agreed.",
    "guide.case2": "**No plan.** A borrower who had overspent took a hard line and offered no "
    "workable plan. The lender sued.",
    "guide.load1": "Try the illness case",
    "guide.load2": "See what doing nothing costs",
    "guide.intermediaries": "Paid intermediaries",
    "guide.intermediaries.text": "Agents who sell 'debt negotiation', 'debt optimisation' or "
    "'credit repair' promise waivers, charge high commissions (reported at 4-10 % of the "
    "debt or from about 1,000 yuan), hold clients' IDs and bank cards, and file false "
    "complaints; the NFRA warned against them on 2024-05-14. You can negotiate directly "
    "and for free. A one-off PBOC credit-record measure for small debts repaid by "
    "2026-03-31 has ended; anyone charging to 'repair' a credit record is committing fraud.",
    # The lenders page: every debt against one budget.
    "nav.lenders": "My debts",
    "lenders.intro": "List every lender you owe, then see how what you can pay splits "
    "across them and what to ask each one.",
    "lenders.unnamed": "Lender {number}",
    "lenders.same_name": "{name} ({number})",
    "lenders.working_on": "Lender you are planning",
    "lenders.owed": "Owed in all",
    "lenders.due": "Due a month by the contracts",
    "lenders.overdue": "Overdue now",
    "lenders.can_pay": "You can pay a month",
    "lenders.cash_now": "Cash you could pay now: {cash}.",
    "lenders.edit": "Edit",
    "lenders.work_on": "Plan this lender",
    "lenders.remove": "Remove",
    "lenders.remove_sure": "Click again to remove",
    "lenders.keep_one": "The list keeps at least one lender.",
    "lenders.add": "Add a lender",
    "lenders.full": "The list is full: it holds at most {most} lenders.",
    "lenders.active": "Open in the planner",
    "lenders.card.owed": "owes {amount}",
    "lenders.card.bureau": "credit bureau: {answer}",
    "lenders.card.days": "{days} days overdue",
    "lenders.form.new": "A new lender",
    "lenders.form.edit": "Edit {name}",
    "lenders.form.more": "More: fees, day basis, penalty and charges",
    "lenders.form.save": "Save",
    "lenders.form.cancel": "Cancel",
    "lenders.form.rate": "{label} must be between {low} and {high}.",
    "split.title": "Sharing out what you can pay",
    "split.strategy": "How to share it out",
    "split.strategy.pro_rata": "In proportion to each debt",
    "split.strategy.consequences": "Most serious consequences first",
    "split.rule.pro_rata": "Each lender gets the same share of what it is owed: the split "
    "lenders most readily accept as fair.",
    "split.rule.consequences": "Lenders are served in this order: a lawsuit filed, a lawsuit "
    "threatened, a credit card overdue with {amount} or more still owed (the malicious-overdraft amount, {source}), a lender that "
    "reports to the credit bureau, then the rest. Each in turn gets enough for a plan that "
    "asks only for more time, while money lasts; what is left is shared in proportion to the "
    "debts not yet covered.",
    "split.hardship": "Your income does not cover your essential expenses, so nothing can be "
    "shared out each month. Ask each lender for a pause in payments and interest while your "
    "income recovers. Enter the income you expect later and the month it starts (“Your "
    "budget” in the sidebar): each lender's ask then starts with that pause and goes on "
    "with a plan from its share of that income.",
    "split.download": "Download the plan (CSV)",
    "split.asks": "What to ask each lender",
    "split.ask_for": "What to ask {name}",
    "split.share": "its share: {monthly} a month, {cash} now",
    "split.share_later": "; from month {month}, {later} a month",
    "split.pause": " (payments start after a {months}-month pause)",
    "split.no_plan": "No plan fits this share: even over {months} months with no interest "
    "and the penalty waived, it is {gap} a month short.",
    "split.rung": "{rung}: {payment} a month for {months} months at {rate}, {total} in all; "
    "worth {pv} to the lender today, against {recovery} it can expect if you default",
    "split.letter": "Write the letter",
    "split.consequence.lawsuit_filed": "Lawsuit filed",
    "split.consequence.lawsuit_threatened": "Lawsuit threatened",
    "split.consequence.card_at_malicious_overdraft_amount": "Credit card at the "
    "malicious-overdraft amount",
    "split.consequence.reports_to_bureau": "Reports to the credit bureau",
    "split.consequence.other": "Other",
    # All lenders, one budget: the charts and tables of the split (ui.charts, ui.tables).
    "chart.split.payments": "Each lender's monthly payment against what you can pay",
    "chart.split.owed": "What is still owed, all lenders together",
    "chart.split.unplanned": "{name} (no plan fits)",
    "chart.split.owed_partial": "{strategy} (leaves out {count} without a plan)",
    "chart.split.overdue": "Stay overdue with every lender",
    "table.split.highest": "Highest monthly total",
    "table.split.budget": "What you can pay a month",
    "table.split.months": "Months until every debt is cleared",
    "table.split.cleared_on": "Last payment due",
    "table.split.total": "Total paid to all lenders",
    "table.split.saving": "Saving vs. staying overdue with every lender",
    "table.split.unplanned": "Lenders with no plan that fits",
    "table.split.lender": "Lender",
    "table.split.share": "Share a month",
    "table.split.highest_payment": "Highest payment",
    "table.split.no_plan": "No plan fits: short by {amount} a month",
    "table.split.yuan": "{name} (yuan)",
    "table.split.csv_total": "All lenders (yuan)",
    "table.split.csv_budget": "What you can pay (yuan)",
    # --- every lender in a link and a case file
    "link.lender_place": "a link holds lenders 1 to {most} only; this one was left out.",
    "link.lender_gap": "lender {place} is missing from the link; the lenders after it moved up.",
    "link.lender_moved": "the link lists {count} lenders and this place is not free; the "
    "lender on the page is number {shown}.",
    "link.misplaced": "this setting is kept in another part of a case file (each lender's "
    "own inputs with that lender, the budget and assumptions with the case).",
    "casefile.too_many_lenders": "This case file lists {count} lenders; a case holds at most {most}.",
    "casefile.no_lenders": "This case file lists no lender.",
    "casefile.same_lender": "This case file lists lender number {id} more than once.",
    "casefile.bad_active": "This case file opens lender {number}, but it lists {count}.",
    "split.extra": "Money left over each month",
    "split.extra.not_at_all": "Keep it",
    "split.extra.highest_cost_first": "Highest cost first",
    "split.extra.smallest_debt_first": "Smallest debt first",
    "split.extra.rule.not_at_all": "Each plan is paid as agreed; what is left over each month "
    "stays with you.",
    "split.extra.rule.highest_cost_first": "What is left over each month, and each payment "
    "freed when a plan ends, pays off the plan with the highest true cost (APR) early, then "
    "the next. Ask each lender in writing that early payments go to the principal.",
    "split.extra.rule.smallest_debt_first": "What is left over each month, and each payment "
    "freed when a plan ends, pays off the smallest debt early, then the next: fewer lenders "
    "to deal with sooner. Ask each lender in writing that early payments go to the principal.",
    "split.extra.result": "Debt-free by {date}: {months} months, {sooner} sooner, and "
    "{saved} less paid in all.",
    "split.schedule": "The walk-away plan its share supports, month by month:",
}
