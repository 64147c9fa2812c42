"""The Immigrant Worker Protection Act (AB 450, Stats. 2017, ch. 492): Gov. Code 7285.1, 7285.2; Labor Code 90.2,
1019.2. What a public or private employer may do when an immigration enforcement agent asks to enter the place of
labor or to see employee records, what it must tell its employees about an inspection of I-9 forms, and when it may
reverify a current employee.

Each decision is one action; its exceptions come before the prohibition or duty they lift, and the default comes
last. The court order of July 2018 (United States v. California, E.D. Cal.) that bars the State from enforcing
7285.1, 7285.2 and 1019.2(a) and (b) against private employers is data (law/timeline/court-orders.yaml): no date is
written here; the engine turns the answers of the rules citing those provisions into "unenforceable" for a
private employer from the order's date.

Not here, because the corpus lacks the text: Gov. Code 7285.3 (no text in the corpus; STATUS.md has only a secondary
description); the end of 7285.2(c) and anything after it (13 words missing, see gov/7285.2.md); the text of
Labor Code 1019.2 in force before 2019-09-27 (the corpus holds only the SB 112 text, so earlier dates are refused);
8 U.S.C. 1324a and 8 CFR 274a (1019.2 turns on them; the user says whether they require the reverification).
"""

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Penalty, Rule, Status
from sanctuary.vocabulary.case import DocumentKind as D, RequestKind as R
from sanctuary.vocabulary.employer import register

from ..common import asks, employer, has_document

register()  # the employer facts (vocabulary/employer.py) join every case's facts

ACT = "us-ca/worker_protection"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

federal_law_requires_otherwise = Fact("federal_law_requires_otherwise")
area = Fact("worksite_area")
escort_to_verify = Fact("escort_to_verify_warrant")
employees_present = Fact("employees_present_in_area")
records_covered_by_noi = Fact("records_covered_by_notice_of_inspection")
noi_received = Fact("notice_of_inspection_received")
# A Notice of Inspection provided to the employer: listed among the documents, or its time of receipt given.
noi_provided = has_document(D.NOTICE_OF_INSPECTION) | IsTrue(noi_received)
results_received = Fact("results_received")
has_representative = Fact("employees_have_authorized_representative")
affected_count = Fact("affected_employee_count")
federal_direction = Fact("federal_direction_not_to_notify")
copy_requested = Fact("employee_requested_notice_copy")


def federal_law_rule(rule_id: str, cite: str) -> Rule:
    # "Except as otherwise required by federal law": the section yields, but which federal requirement applies
    # and what it demands is federal law, outside the corpus. The clause qualifies the prohibition or duty only, so
    # the rule sits right before it: where the section's own exceptions decide (a judicial warrant, a subpoena, a
    # Notice of Inspection, a 1019.2(c) allowance), an unknown federal requirement changes nothing.
    return Rule(
        rule_id, REVIEW, (cite,),
        "You say federal law requires otherwise. The section applies \"except as otherwise required by federal "
        "law\"; what the federal requirement demands is not in sanctuary's corpus. Have counsel review.",
        when=federal_law_requires_otherwise == True,  # noqa: E712 (an expression, not a comparison)
    )


def _money(lo: int, hi: int) -> str:
    return f"${lo:,} up to ${hi:,}"


# ================================================================ Gov. Code 7285.1: entry to nonpublic areas

# 7285.1(b): "An employer who violates subdivision (a) shall be subject to a civil penalty of two thousand dollars
# ($2,000) up to five thousand dollars ($5,000) for a first violation and five thousand dollars ($5,000) up to ten
# thousand dollars ($10,000) for each subsequent violation. If a court finds that an immigration enforcement agent
# was permitted to enter a nonpublic area of a place of labor without the consent of the employer or other person in
# control of the place of labor, the civil penalty shall not apply. ..."
# 7285.1(d): "The exclusive authority to enforce this section is granted to the Labor Commissioner or the Attorney
# General and enforcement shall be through civil action. Any penalty recovered shall be deposited in the Labor
# Enforcement and Compliance Fund."
PENALTY_7285_1 = Penalty(
    ("gov 7285.1(b)", "gov 7285.1(d)"), (2000, 5000), (5000, 10000),
    "the Labor Commissioner or the Attorney General (exclusive authority)",
    "civil action; any penalty recovered is deposited in the Labor Enforcement and Compliance Fund",
    ("If a court finds that an immigration enforcement agent was permitted to enter a nonpublic area of a place of "
     "labor without the consent of the employer or other person in control of the place of labor, the civil penalty "
     "shall not apply.",
     "“Violation” means each incident when it is found that subdivision (a) was violated without reference to the "
     "number of employees, the number of immigration enforcement agents involved in the incident, or the number of "
     "locations affected in a day."),
)
_PENALTY_WORDS_7285_1 = (
    f"Penalty: {_money(2000, 5000)} for a first violation, {_money(5000, 10000)} for each later one, per incident "
    "(7285.1(b)); none if a court finds the agent entered without the consent of the employer or person in control. "
    "Only the Labor Commissioner or the Attorney General may enforce it, by civil action (7285.1(d)).")

# 7285.1(a): "Except as otherwise required by federal law, an employer, or a person acting on behalf of the
# employer, shall not provide voluntary consent to an immigration enforcement agent to enter any nonpublic areas of a
# place of labor. This section does not apply if the immigration enforcement agent provides a judicial warrant."
# 7285.1(e): "This section applies to public and private employers."
worksite_entry = Decision(
    "consent_to_worksite_entry", "Consent to an immigration agent entering a nonpublic area of the workplace", ACT,
    employer & asks(R.WORKSITE_ENTRY),
    [
        Rule("worker_protection.entry.judicial_warrant", P, ("gov 7285.1(a)",),
             "The agent provides a judicial warrant: 7285.1 \"does not apply if the immigration enforcement agent "
             "provides a judicial warrant\". (An I-200 or I-205 administrative warrant is not a judicial warrant.)",
             when=has_document(D.JUDICIAL_WARRANT)),
        Rule("worker_protection.entry.public_area", P, ("gov 7285.1(a)",),
             "The agent asks to enter an area open to the public. 7285.1(a) forbids consent to entry to \"nonpublic "
             "areas of a place of labor\" only.",
             when=area == "public"),
        Rule("worker_protection.entry.court_order", REVIEW, ("gov 7285.1(a)",),
             "The agent shows a court order that is not a warrant. 7285.1(a) lifts only for \"a judicial warrant\", a "
             "term AB 450 does not define; whether this order (one authorizing the entry, for example) is one is for "
             "counsel. Do not consent meanwhile: without a judicial warrant the section forbids it.",
             when=has_document(D.COURT_ORDER) & ~has_document(D.JUDICIAL_WARRANT)),
        federal_law_rule("worker_protection.entry.federal_law", "gov 7285.1(a)"),
        Rule("worker_protection.entry.no_consent", X, ("gov 7285.1(a)", "gov 7285.1(b)", "gov 7285.1(d)", "gov 7285.1(e)"),
             "Without a judicial warrant, neither the employer nor anyone acting for it may give an immigration "
             "enforcement agent voluntary consent to enter a nonpublic area of the place of labor. This applies to "
             "public and private employers (7285.1(e)). " + _PENALTY_WORDS_7285_1,
             penalty=PENALTY_7285_1),
    ],
)

# 7285.1(c): "This section shall not preclude an employer or person acting on behalf of an employer from taking the
# immigration enforcement agent to a nonpublic area, where employees are not present, for the purpose of verifying
# whether the immigration enforcement agent has a judicial warrant, provided no consent to search nonpublic areas is
# given in the process."
escort_to_verify_warrant = Decision(
    "take_agent_to_nonpublic_area_to_verify_warrant",
    "Take the agent to a nonpublic area to check whether the agent has a judicial warrant", ACT,
    employer & asks(R.WORKSITE_ENTRY) & IsTrue(escort_to_verify),
    [
        Rule("worker_protection.escort.judicial_warrant", P, ("gov 7285.1(a)",),
             "The agent provides a judicial warrant, so 7285.1 does not apply.",
             when=has_document(D.JUDICIAL_WARRANT)),
        Rule("worker_protection.escort.no_employees_present", P, ("gov 7285.1(c)",),
             "7285.1 does not preclude taking the agent to a nonpublic area where employees are not present to verify "
             "whether the agent has a judicial warrant, provided no consent to search nonpublic areas is given in the "
             "process.",
             when=employees_present == False),  # noqa: E712
        federal_law_rule("worker_protection.escort.federal_law", "gov 7285.1(a)"),
        Rule("worker_protection.escort.employees_present", X, ("gov 7285.1(a)", "gov 7285.1(c)", "gov 7285.1(b)"),
             "Employees are present in that nonpublic area. 7285.1(c) allows taking the agent to a nonpublic area to "
             "verify a warrant only \"where employees are not present\"; otherwise bringing the agent in is the "
             "voluntary consent to entry that 7285.1(a) forbids. Verify the warrant in a public area or in a "
             "nonpublic area without employees. " + _PENALTY_WORDS_7285_1,
             penalty=PENALTY_7285_1),
    ],
)

# ================================================================ Gov. Code 7285.2: employee records

# 7285.2(b): same penalties as 7285.1(b); "If a court finds that an immigration enforcement agent was permitted to
# access, review, or obtain the employer's employee records without the consent of the employer or other person in
# control of the place of labor, the civil penalty shall not apply."
# 7285.2(c): "The exclusive authority to enforce this section is granted to the Labor Commissioner or the Attorney
# General and enforcement shall be through civil action. Any penalty recovered shall be deposited in the Labor
# [TEXT NOT FOUND IN SOURCES]"
PENALTY_7285_2 = Penalty(
    ("gov 7285.2(b)", "gov 7285.2(c)"), (2000, 5000), (5000, 10000),
    "the Labor Commissioner or the Attorney General (exclusive authority)",
    "civil action (the rest of 7285.2(c) is missing from the corpus)",
    ("If a court finds that an immigration enforcement agent was permitted to access, review, or obtain the "
     "employer’s employee records without the consent of the employer or other person in control of the place of "
     "labor, the civil penalty shall not apply.",
     "“Violation” means each incident when it is found that subdivision (a) was violated without reference to the "
     "number of employees, the number of immigration enforcement agents involved in the incident, or the number of "
     "employee records accessed, reviewed, or obtained."),
)

# 7285.2(a)(1): "Except as otherwise required by federal law, and except as provided in paragraph (2), an employer,
# or a person acting on behalf of the employer, shall not provide voluntary consent to an immigration enforcement
# agent to access, review, or obtain the employer's employee records without a subpoena or judicial warrant. This
# section does not prohibit an employer, or person acting on behalf of an employer, from challenging the validity of
# a subpoena or judicial warrant in a federal district court."
# (a)(2): "This subdivision shall not apply to I-9 Employment Eligibility Verification forms and other documents for
# which a Notice of Inspection has been provided to the employer."
employee_records = Decision(
    "consent_to_employee_records_access", "Let an immigration agent access, review or obtain employee records", ACT,
    employer & asks(R.EMPLOYEE_RECORDS, R.I9_INSPECTION),
    [
        Rule("worker_protection.records.subpoena_or_warrant", P, ("gov 7285.2(a)(1)",),
             "The agent has a subpoena (administrative or judicial: 7285.2(a)(1) says \"a subpoena\" without "
             "qualification) or a judicial warrant; 7285.2(a)(1) forbids consent only without one. The employer may "
             "still challenge the subpoena or warrant in a federal district court.",
             when=has_document(D.SUBPOENA, D.JUDICIAL_SUBPOENA, D.JUDICIAL_WARRANT)),
        Rule("worker_protection.records.notice_of_inspection", P, ("gov 7285.2(a)(2)",),
             "A Notice of Inspection was provided for these records: 7285.2(a) \"shall not apply to I-9 Employment "
             "Eligibility Verification forms and other documents for which a Notice of Inspection has been provided "
             "to the employer\". Labor Code 90.2 notice duties follow.",
             # provided: listed among the documents or its time of receipt given (vocabulary/employer.py)
             when=noi_provided & (records_covered_by_noi == True)),  # noqa: E712
        Rule("worker_protection.records.court_order", REVIEW, ("gov 7285.2(a)(1)",),
             "The agent shows a court order that is neither a subpoena nor a warrant. 7285.2(a)(1) forbids consent "
             "only \"without a subpoena or judicial warrant\", terms AB 450 does not define; whether an order directing "
             "production of the records is one is for counsel.",
             when=has_document(D.COURT_ORDER) & ~has_document(D.SUBPOENA, D.JUDICIAL_SUBPOENA, D.JUDICIAL_WARRANT)),
        federal_law_rule("worker_protection.records.federal_law", "gov 7285.2(a)(1)"),
        Rule("worker_protection.records.no_consent", X, ("gov 7285.2(a)(1)", "gov 7285.2(b)", "gov 7285.2(c)"),
             "Without a subpoena or judicial warrant, and for records no Notice of Inspection covers, the employer may "
             "not voluntarily let an immigration enforcement agent access, review or obtain employee records. "
             f"Penalty: {_money(2000, 5000)} for a first violation, {_money(5000, 10000)} for each later one, per "
             "incident (7285.2(b)); none if a court finds the agent got the records without consent. Only the Labor "
             "Commissioner or the Attorney General may enforce it, by civil action (7285.2(c)). Note: the corpus "
             "text of 7285.2 ends in the middle of (c) (13 words missing); nothing in the text it holds limits the "
             "section to private employers, and 7285.1(e) and 90.2(e) say their sections apply to public and private "
             "employers.",
             penalty=PENALTY_7285_2),
    ],
)

# ================================================================ Labor Code 90.2: notices of inspections

# 90.2(c): "An employer who fails to provide the notices required by this section shall be subject to a civil
# penalty of two thousand dollars ($2,000) up to five thousand dollars ($5,000) for a first violation and five
# thousand dollars ($5,000) up to ten thousand dollars ($10,000) for each subsequent violation. This section does not
# require a penalty to be imposed upon an employer or person who fails to provide notice to an employee at the
# express and specific direction or request of the federal government. The penalty shall be recoverable by the Labor
# Commissioner."
PENALTY_90_2 = Penalty(
    ("lab 90.2(c)",), (2000, 5000), (5000, 10000), "the Labor Commissioner (the penalty is recoverable by the Labor Commissioner)",
    None,
    ("This section does not require a penalty to be imposed upon an employer or person who fails to provide notice to "
     "an employee at the express and specific direction or request of the federal government.",),
)
_PENALTY_WORDS_90_2 = (f"Penalty for failing to give the notices: {_money(2000, 5000)} for a first violation, "
                       f"{_money(5000, 10000)} for each later one, recoverable by the Labor Commissioner (90.2(c)).")

inspection_notice_received = noi_provided | asks(R.I9_INSPECTION, R.EMPLOYEE_RECORDS)


def federal_direction_rule(rule_id: str, cite: str) -> Rule:
    # 90.2(c), second sentence, against the duty's opening words "Except as otherwise required by federal law".
    return Rule(
        rule_id, REVIEW, ("lab 90.2(c)", cite),
        "The federal government expressly and specifically directed or requested that notice not be given. 90.2(c) "
        "says the section \"does not require a penalty to be imposed\" on an employer who fails to give notice at "
        "that direction, and the duty itself applies \"except as otherwise required by federal law\"; whether the "
        "direction lifts the duty or only the penalty is not settled by the text. Have counsel review, and keep the "
        "direction in writing.",
        when=federal_direction == True,  # noqa: E712
    )


# A mere visit: records or I-9 forms asked for with no Notice of Inspection, no subpoena, warrant or court order, and
# no results notice (which would show that an inspection took place).
_compulsory_or_results = has_document(D.SUBPOENA, D.JUDICIAL_SUBPOENA, D.JUDICIAL_WARRANT, D.COURT_ORDER, D.INSPECTION_RESULTS)


def no_notice_received_rule(rule_id: str) -> Rule:
    # 90.2(a)(1): the notice is "of any inspections ... within 72 hours of receiving notice of the inspection", and
    # the posting contains "(D) A copy of the Notice of Inspection of I-9 Employment Eligibility Verification forms
    # for the inspection to be conducted". The Labor Commissioner / AG FAQ (STATUS.md §4): the duty is "triggered by
    # receipt of a Notice of Inspection, not by a mere visit".
    return Rule(
        rule_id, P, ("lab 90.2(a)(1)", "lab 90.2(a)(1)(D)"),
        "Not required yet: no Notice of Inspection was received (none listed, no time of receipt given) and the agent "
        "shows no subpoena, warrant or court order. The 90.2(a)(1) notices run \"within 72 hours of receiving notice "
        "of the inspection\" and the posting must contain \"a copy of the Notice of Inspection\" (90.2(a)(1)(D)); "
        "the Labor Commissioner and Attorney General's FAQ (as summarised in STATUS.md §4) says the duty is triggered "
        "by receipt of a Notice of Inspection, not by a mere visit. If a Notice of Inspection is received, the 72 "
        "hours run from its receipt.",
        when=~noi_provided & ~_compulsory_or_results,
    )


def records_without_noi_rule(rule_id: str) -> Rule:
    return Rule(
        rule_id, REVIEW, ("lab 90.2(a)(1)",),
        "The agent asks for I-9 forms or other employment records, with a subpoena, warrant or court order or after "
        "a results notice, but no Notice of Inspection is recorded as received (none is listed and no time of receipt "
        "is given). 90.2(a)(1) requires notice of \"any inspections of I-9 Employment "
        "Eligibility Verification forms or other employment records conducted by an immigration agency within 72 "
        "hours of receiving notice of the inspection\", and the posting must include \"a copy of the Notice of "
        "Inspection\" (90.2(a)(1)(D)); whether a request without a Notice is notice of an inspection, and when the "
        "72 hours would start, is not settled by the text (the Labor Commissioner and Attorney General's FAQ, as "
        "summarised in STATUS.md, ties the duty to receipt of a Notice of Inspection, not a mere visit). If a Notice "
        "was received, give its time of receipt. Have counsel review.",
        when=~noi_provided,
    )


_POSTING_CONTENT = ("(A) the name of the immigration agency conducting the inspection; (B) the date the employer "
                    "received notice of the inspection; (C) the nature of the inspection to the extent known; (D) a "
                    "copy of the Notice of Inspection")

# 90.2(a)(1): "Except as otherwise required by federal law, an employer shall provide a notice to each current
# employee, by posting in the language the employer normally uses to communicate employment-related information to
# the employee, of any inspections of I-9 Employment Eligibility Verification forms or other employment records
# conducted by an immigration agency within 72 hours of receiving notice of the inspection. ... The posted notice
# shall contain the following information: (A) ... (D)"
# 90.2(e): "This section applies to public and private employers."
post_inspection_notice = Decision(
    "post_notice_of_inspection", "Post a notice of the inspection to current employees within 72 hours", ACT,
    employer & inspection_notice_received,
    [
        no_notice_received_rule("worker_protection.posting.no_notice_received"),
        federal_law_rule("worker_protection.posting.federal_law", "lab 90.2(a)(1)"),
        federal_direction_rule("worker_protection.posting.federal_direction", "lab 90.2(a)(1)"),
        records_without_noi_rule("worker_protection.posting.records_without_notice"),
        Rule("worker_protection.posting", REQ,
             ("lab 90.2(a)(1)", "lab 90.2(a)(1)(A)", "lab 90.2(a)(1)(B)", "lab 90.2(a)(1)(C)", "lab 90.2(a)(1)(D)", "lab 90.2(e)"),
             "Within 72 hours of receiving notice of an inspection of I-9 forms or other employment records, the "
             "employer (public or private, 90.2(e)) must post a notice to each current employee, in the language it "
             "normally uses to communicate employment-related information to them, containing " + _POSTING_CONTENT +
             ". " + _PENALTY_WORDS_90_2,
             duty=Duty("Post a notice to each current employee containing " + _POSTING_CONTENT +
                       ", in the language the employer normally uses to communicate employment-related information",
                       "within 72 hours of receiving notice of the inspection", deadline_hours=72,
                       starts_from="receipt of notice of the inspection", starts_at_fact="notice_of_inspection_received_at",
                       to_whom="each current employee (by posting)"),
             penalty=PENALTY_90_2),
    ],
    kind="duty",
)

# 90.2(a)(1), second sentence: "Written notice shall also be given within 72 hours to the employee's authorized
# representative, if any." 90.2(d): "an 'employee's authorized representative' means an exclusive collective
# bargaining representative."
notify_representative = Decision(
    "notify_representative_of_inspection", "Give the employees' union representative written notice of the inspection within 72 hours", ACT,
    employer & inspection_notice_received,
    [
        no_notice_received_rule("worker_protection.representative.no_notice_received"),
        federal_law_rule("worker_protection.representative.federal_law", "lab 90.2(a)(1)"),
        federal_direction_rule("worker_protection.representative.federal_direction", "lab 90.2(a)(1)"),
        records_without_noi_rule("worker_protection.representative.records_without_notice"),
        Rule("worker_protection.representative", REQ, ("lab 90.2(a)(1)", "lab 90.2(d)"),
             "The employees have an exclusive collective bargaining representative (90.2(d)): written notice of the "
             "inspection must also be given to it within 72 hours. " + _PENALTY_WORDS_90_2,
             when=has_representative == True,  # noqa: E712
             duty=Duty("Give written notice of the inspection to the employees' authorized representative",
                       "within 72 hours (of receiving notice of the inspection)", deadline_hours=72,
                       starts_from="receipt of notice of the inspection", starts_at_fact="notice_of_inspection_received_at",
                       to_whom="the exclusive collective bargaining representative"),
             penalty=PENALTY_90_2),
        Rule("worker_protection.representative.none", P, ("lab 90.2(a)(1)", "lab 90.2(d)"),
             "Not required: the written notice goes to the employee's authorized representative \"if any\", and you "
             "say the employees have no exclusive collective bargaining representative."),
    ],
    kind="duty",
)

# 90.2(a)(3): "An employer, upon reasonable request, shall provide an affected employee a copy of the Notice of
# Inspection of I-9 Employment Eligibility Verification forms."
copy_of_notice = Decision(
    "give_employee_copy_of_notice_of_inspection", "Give an affected employee who asks a copy of the Notice of Inspection", ACT,
    employer & IsTrue(copy_requested),
    [
        Rule("worker_protection.copy_of_notice.no_notice_received", P, ("lab 90.2(a)(3)",),
             "Not required yet: the duty is to provide \"a copy of the Notice of Inspection of I-9 Employment "
             "Eligibility Verification forms\", and no Notice of Inspection was received (none listed, no time of "
             "receipt given; no subpoena, warrant, court order or results notice either). If one is received, give "
             "the employee a copy on reasonable request.",
             when=~noi_provided & ~_compulsory_or_results),
        Rule("worker_protection.copy_of_notice.no_notice", REVIEW, ("lab 90.2(a)(3)",),
             "An employee asks for a copy of the Notice of Inspection, but no Notice of Inspection is recorded as "
             "received (none listed among the documents, no time of receipt given). 90.2(a)(3) requires \"a copy of the "
             "Notice of Inspection of I-9 Employment Eligibility Verification forms\"; if one was received, give it, "
             "and the copy must be provided on reasonable request. Have counsel review.",
             when=~noi_provided),
        Rule("worker_protection.copy_of_notice", REQ, ("lab 90.2(a)(3)",),
             "On reasonable request, the employer must give an affected employee a copy of the Notice of Inspection of "
             "I-9 forms. " + _PENALTY_WORDS_90_2,
             duty=Duty("Give the affected employee a copy of the Notice of Inspection of I-9 forms",
                       "upon reasonable request (the statute sets no number of hours)", starts_from="the employee's request",
                       to_whom="the affected employee who asked"),
             penalty=PENALTY_90_2),
    ],
    kind="duty",
)

_RESULTS_CONTENT = ("(A) a description of any and all deficiencies or other items the results identify for the "
                    "employee; (B) the time period for correcting them; (C) the time and date of any meeting with the "
                    "employer to correct them; (D) notice that the employee has the right to representation during any "
                    "meeting scheduled with the employer")

# 90.2(b)(1): "Except as otherwise required by federal law, an employer shall provide to each current affected
# employee, and to the employee's authorized representative, if any, a copy of the written immigration agency notice
# that provides the results of the inspection ... within 72 hours of its receipt of the notice. Within 72 hours of
# its receipt of this notice, the employer shall also provide to each affected employee, and to the affected
# employee's authorized representative, if any, written notice of the obligations of the employer and the affected
# employee arising from the results of the inspection ... The notice shall relate to the affected employee only and
# shall be delivered by hand at the workplace if possible and, if hand delivery is not possible, by mail and email,
# if the email address of the employee is known, and to the employee's authorized representative. The notice shall
# contain the following information: (A) ... (D)"
# 90.2(b)(2): "an 'affected employee' is an employee identified by the immigration agency inspection results to be
# an employee who may lack work authorization, or an employee whose work authorization documents have been
# identified by the immigration agency inspection to have deficiencies."
results_notice = Decision(
    "notify_affected_employees_of_results", "Give each affected employee the inspection results and a notice of obligations within 72 hours", ACT,
    employer & IsTrue(results_received),
    [
        Rule("worker_protection.results.no_affected_employee", P, ("lab 90.2(b)(2)", "lab 90.2(b)(1)"),
             "Not required: the results identify no \"affected employee\" (an employee who may lack work "
             "authorization, or whose work authorization documents have deficiencies).",
             when=affected_count == 0),
        federal_law_rule("worker_protection.results.federal_law", "lab 90.2(b)(1)"),
        federal_direction_rule("worker_protection.results.federal_direction", "lab 90.2(b)(1)"),
        Rule("worker_protection.results", REQ,
             ("lab 90.2(b)(1)", "lab 90.2(b)(1)(A)", "lab 90.2(b)(1)(B)", "lab 90.2(b)(1)(C)", "lab 90.2(b)(1)(D)",
              "lab 90.2(b)(2)", "lab 90.2(e)"),
             "Within 72 hours of receiving the agency's written notice of the inspection results, the employer must "
             "give each current affected employee, and the employee's authorized representative if any, a copy of the "
             "results notice and a written notice, relating to that employee only, of the employer's and the "
             "employee's obligations, containing " + _RESULTS_CONTENT + "; by hand at the workplace if possible, "
             "otherwise by mail and email (if the email address is known). " + _PENALTY_WORDS_90_2,
             duty=Duty("Give each affected employee (and the authorized representative, if any) a copy of the results "
                       "notice and a written notice of obligations containing " + _RESULTS_CONTENT +
                       "; by hand at the workplace if possible, otherwise by mail and email if the email address is known",
                       "within 72 hours of receiving the results notice", deadline_hours=72,
                       starts_from="receipt of the written inspection results notice", starts_at_fact="results_received_at",
                       to_whom="each current affected employee, and the employee's authorized representative, if any"),
             penalty=PENALTY_90_2),
    ],
    kind="duty",
)

# ================================================================ Labor Code 1019.2: reverification

# 1019.2(b)(1): "Except as provided in paragraph (2), an employer who violates subdivision (a) shall be subject to a
# civil penalty of up to ten thousand dollars ($10,000). The penalty shall be recoverable by the Labor Commissioner."
# (b)(2): "The actions of an employer that violate subdivision (a) and result in a civil penalty under paragraph (1)
# shall not also form the basis for liability or penalty under Section 1019.1."
PENALTY_1019_2 = Penalty(
    ("lab 1019.2(b)(1)", "lab 1019.2(b)(2)"), (0, 10000), (0, 10000),
    "the Labor Commissioner (the penalty is recoverable by the Labor Commissioner)",
    "civil penalty of up to $10,000; 1019.2(b)(1) sets one range, not a separate one for later violations",
    ("The actions of an employer that violate subdivision (a) and result in a civil penalty under paragraph (1) shall "
     "not also form the basis for liability or penalty under Section 1019.1.",),
)

# 1019.2(a): "Except as otherwise required by federal law, a public or private employer, or a person acting on behalf
# of a public or private employer, shall not reverify the employment eligibility of a current employee at a time or
# in a manner not required by Section 1324a(b) of Title 8 of the United States Code."
# (c): "Subdivision (a) shall be interpreted and applied consistent with federal law and regulations. This section
# does not prohibit an employer from doing any of the following: (1) ... (4)"
# (d): "... nothing in this chapter shall be interpreted, construed, or applied to restrict or limit an employer's
# compliance with a memorandum of understanding governing the use of the federal E-Verify system."
_ALLOWANCE_FACTS = ("reverification_per_8cfr_274a2b1vii", "employer_knows_unauthorized", "reverification_reminder_90_days",
                    "correcting_i9_errors", "e_verify_mou_compliance", "reverification_required_by_federal_law")
# Reached only where no allowance holds; true where one of them is not known (null).
_allowance_unknown = ~IsTrue(Fact(_ALLOWANCE_FACTS[0]) == False)  # noqa: E712
for _f in _ALLOWANCE_FACTS[1:]:
    _allowance_unknown = _allowance_unknown | ~IsTrue(Fact(_f) == False)  # noqa: E712

reverification = Decision(
    "reverify_current_employee", "Reverify a current employee's employment eligibility", ACT,
    employer & asks(R.REVERIFICATION),
    [
        Rule("worker_protection.reverify.expiring_authorization", P, ("lab 1019.2(c)(1)",),
             "Reverifying in a time and manner consistent with 8 CFR 274a.2(b)(1)(vii) (expiring employment "
             "authorization) is not prohibited.",
             when=IsTrue(Fact("reverification_per_8cfr_274a2b1vii") == True)),  # noqa: E712
        Rule("worker_protection.reverify.knows_unauthorized", P, ("lab 1019.2(c)(2)", "lab 1019.2(e)"),
             "The employer knows (actual or constructive knowledge, 1019.2(e); never inferred from foreign appearance "
             "or accent) that the employee is or has become unauthorized, for example from specific and detailed DHS "
             "information: taking lawful action to review the employee's authorization is not prohibited.",
             when=IsTrue(Fact("employer_knows_unauthorized") == True)),  # noqa: E712
        Rule("worker_protection.reverify.reminder", P, ("lab 1019.2(c)(3)",),
             "Reminding the employee, at least 90 days before reverification is required, of the documents to present "
             "is not prohibited.",
             when=IsTrue(Fact("reverification_reminder_90_days") == True)),  # noqa: E712
        Rule("worker_protection.reverify.correct_i9", P, ("lab 1019.2(c)(4)",),
             "Taking lawful action to correct errors or omissions in a missing or incomplete Form I-9 is not prohibited.",
             when=IsTrue(Fact("correcting_i9_errors") == True)),  # noqa: E712
        Rule("worker_protection.reverify.e_verify_mou", P, ("lab 1019.2(d)",),
             "Nothing in the chapter restricts the employer's compliance with an E-Verify memorandum of understanding.",
             when=IsTrue(Fact("e_verify_mou_compliance") == True)),  # noqa: E712
        Rule("worker_protection.reverify.required_by_federal_law", P, ("lab 1019.2(a)",),
             "You say 8 U.S.C. 1324a(b) requires reverification at this time and in this manner; 1019.2(a) forbids "
             "only reverification \"at a time or in a manner not required by\" it. (8 U.S.C. 1324a is not in "
             "sanctuary's corpus; the answer rests on what you say.)",
             when=IsTrue(Fact("reverification_required_by_federal_law") == True)),  # noqa: E712
        # An allowance not stated (neither true nor false): whether (a)'s prohibition reaches this reverification is
        # open. The answer cites (a), the provision whose application is open, so that for a private employer the
        # 2018 order on "1019.2(a)&(b) as applied to private employers" applies to it as it does to the prohibition.
        Rule("worker_protection.reverify.allowance_open", REVIEW,
             ("lab 1019.2(a)", "lab 1019.2(c)", "lab 1019.2(d)"),
             "Not all of the allowances are stated: 1019.2(a) forbids reverifying \"at a time or in a manner not "
             "required by Section 1324a(b)\", and 1019.2(c) and (d) do not prohibit (1) reverifying in a time and "
             "manner consistent with 8 CFR 274a.2(b)(1)(vii) (expiring authorization), (2) lawful action on knowing the "
             "employee is or has become unauthorized, (3) a reminder at least 90 days before reverification is "
             "required, (4) lawful action to correct a missing or incomplete Form I-9, or complying with an E-Verify "
             "memorandum of understanding. Say which of these (and whether 8 U.S.C. 1324a(b) requires the "
             "reverification) apply, or have counsel review.",
             when=_allowance_unknown),
        federal_law_rule("worker_protection.reverify.federal_law", "lab 1019.2(a)"),
        Rule("worker_protection.reverify.prohibited", X,
             ("lab 1019.2(a)", "lab 1019.2(b)(1)", "lab 1019.2(c)", "lab 1019.1(a)(4)", "lab 1019(b)(1)"),
             "A public or private employer may not reverify a current employee's employment eligibility at a time or "
             "in a manner 8 U.S.C. 1324a(b) does not require, and none of the allowances of 1019.2(c) or (d) applies. "
             "Penalty: up to $10,000, recoverable by the Labor Commissioner (1019.2(b)(1)); the same acts do not also "
             "found liability under 1019.1 (1019.2(b)(2)). Separately, and not named in any court order in the "
             "corpus, Labor Code 1019.1(a)(4) makes it unlawful for an employer, in the course of satisfying 8 U.S.C. "
             "1324a(b), to \"attempt to reinvestigate or reverify an incumbent employee's authorization to work using "
             "an unfair immigration-related practice\" (a retaliatory practice, 1019(b)(1)).",
             penalty=PENALTY_1019_2),
    ],
)

# ================================================================ Labor Code 1019.1(a)(4): reverifying to retaliate

# 1019.1(a): "It is unlawful for an employer, in the course of satisfying the requirements of Section 1324a(b) of
# Title 8 of the United States Code, to do any of the following: ... (4) Attempt to reinvestigate or reverify an
# incumbent employee's authorization to work using an unfair immigration-related practice."
# 1019(b)(1): "'unfair immigration-related practice' means any of the following practices, when undertaken for the
# retaliatory purposes prohibited by subdivision (a): (A) Requesting more or different documents than are required
# under Section 1324a(b) ..., or a refusal to honor documents tendered ... that on their face reasonably appear to be
# genuine. (B) Using the federal E-Verify system ... at a time or in a manner not required ... (C) Threatening to file
# or the filing of a false police report, or a false report or complaint with any state or federal agency.
# (D) Threatening to contact or contacting immigration authorities." (b)(2): "does not include conduct undertaken at
# the express and specific direction or request of the federal government."
# A decision of its own, beside reverify_current_employee (1019.2): 1019.1 is not named in the 2018 order, binds
# whatever 1019.2(c) or (d) allows, and its text is in force from 2017-01-01, so the order's answer for 1019.2 (and
# the 1019.2 text's dates) stay as they are. In question only where the case says the practice is used (the field
# defaults to no): a condition that held where the fact is unknown but not where it is false (~IsTrue(x == False))
# would break the bulk engine's premise that making a fact unknown never makes a decision apply (fewer_keys).
unfair_practice = Fact("reverification_unfair_practice")
unfair_reverification = Decision(
    "reverify_using_unfair_practice",
    "Reverify a current employee using an unfair immigration-related practice (to retaliate)", ACT,
    employer & asks(R.REVERIFICATION) & IsTrue(unfair_practice),
    [
        Rule("worker_protection.reverify.unfair_practice", X,
             ("lab 1019.1(a)(4)", "lab 1019(b)(1)", "lab 1019(a)", "lab 1019.1(b)(1)", "lab 1019.1(b)(3)"),
             "An employer may not attempt to reinvestigate or reverify an incumbent employee's authorization to work "
             "using an unfair immigration-related practice (1019.1(a)(4)): requesting more or different documents than "
             "8 U.S.C. 1324a(b) requires, refusing genuine-looking documents, using E-Verify at a time or in a manner not "
             "required, threatening false reports, or threatening to contact or contacting immigration authorities, to "
             "retaliate against a person for exercising a right under the Labor Code or a local ordinance (1019(a), "
             "(b)(1); within 90 days of the protected act retaliation is presumed, 1019(c)). This holds for public and "
             "private employers whatever 1019.2 allows: the 2018 order enjoins 1019.2(a) and (b), not 1019.1. Penalty: "
             "imposed by the Labor Commissioner, up to $10,000 per violation, with equitable relief (1019.1(b)(1), "
             "(b)(3)); the employee may complain to the Division of Labor Standards Enforcement (1019.1(b)(2)); acts that "
             "violate 1019.2(a) and result in its civil penalty do not also found liability or penalty under 1019.1 "
             "(1019.2(b)(2)). Conduct at the express and specific direction or request of the federal government is not "
             "such a practice (1019(b)(2))."),
    ],
)

DECISIONS = [worksite_entry, escort_to_verify_warrant, employee_records, post_inspection_notice, notify_representative,
             copy_of_notice, results_notice, reverification, unfair_reverification]
