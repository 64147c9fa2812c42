"""The TRUST Act as amended by SB 54: Gov. Code 7282 and 7282.5 (Chapter 17.1).

7282.5(a) lets the release-date/notification response of 7284.6(a)(1)(C) and the transfer of 7284.6(a)(4)
"only occur" under the circumstances of its paragraphs (1) to (5), never for the Proposition 47 misdemeanors of
(a)(6); 7282.5(b) adds a magistrate's probable cause finding, for the notification response only.

The corpus holds 7282 and 7282.5 as SB 54 enacted them (in force from 2018-01-01). The TRUST Act text of
2014-01-01 to 2017-12-31 (AB 4) is not in the corpus, so for dates before 2018 the notification and transfer are
not answered from the law: needs review naming the section and its first date (docs/coverage.md).
Each variable below is the test of one paragraph, over the person's convictions and charges; the offense lists
themselves come from the offense classifier (sanctuary.offenses), which reads them from the corpus.
"""

from sanctuary.engine import AnyRecord, Const, Fact, IsTrue, WithinYears, variable

from ..common import as_of

# ---- one conviction (columns of the history table; fields of a case's convictions) ----
conv_level = Fact("conv_level")
conv_date = Fact("conv_date")
conv_jurisdiction = Fact("conv_jurisdiction")
# (a)(6) "In no case shall cooperation occur pursuant to this section for individuals ... convicted of misdemeanors
# that were previously felonies, or were previously crimes punishable as either misdemeanors or felonies, prior to
# passage of the Safe Neighborhoods and Schools Act of 2014". A conviction marked `reduced_under_prop47` ("Reduced to
# a misdemeanor under Proposition 47 (Pen. Code 1170.18)") is such a misdemeanor whatever level the record was
# entered at: a rap sheet shows the original felony conviction with the later reduction, so a clerk may enter
# `level: felony` with the flag. It is never a felony conviction for (a)(1)-(a)(3), and always (a)(6)'s misdemeanor.
reduced_under_prop47 = IsTrue(Fact("conv_reduced_prop47"))
felony_conviction = (conv_level == "felony") & ~reduced_under_prop47
misdemeanor_conviction = (conv_level == "misdemeanor") | reduced_under_prop47
california_conviction = conv_jurisdiction == "california"
# Reduced under Proposition 47, or a misdemeanor under one of its sections: 7282.5(a)(6).
prop47_conviction = reduced_under_prop47 | (misdemeanor_conviction & Fact("cls_prop47"))

# 7282(a): "“Conviction” shall have the same meaning as subdivision (d) of Section 667 of the Penal Code." Pen. Code
# 667(d)(2): "A prior conviction in another jurisdiction for an offense that, if committed in California, is
# punishable by imprisonment in the state prison constitutes a prior conviction of a particular serious or violent
# felony if the prior conviction in the other jurisdiction is for an offense that includes all of the elements of a
# particular violent felony as defined in subdivision (c) of Section 667.5 or serious felony as defined in
# subdivision (c) of Section 1192.7." A federal court is "another jurisdiction": whether a federal felony
# conviction is one of the 7282.5(a)(1) felonies, or one of the offenses 7282.5(a)(3) names by category ("Assault,
# as specified in, but not limited to, ..."; "(M) An offense involving the felony possession, sale, distribution,
# manufacture, or trafficking of controlled substances"), turns on a comparison of elements the citation cannot
# settle: unknown (needs review), never "no". (a)(5) is the paragraph written for federal crimes, but nothing in
# (a)(1) or (a)(3) confines them to California convictions. Other-state convictions are left unknown by the
# classifier (7282(f), (g)).
federal_conviction = conv_jurisdiction == "federal"
federal_felony_open = felony_conviction & federal_conviction & Const(None)  # None for a federal felony, else False

# (a)(1) "The individual has been convicted of a serious or violent felony identified in subdivision (c) of
# Section 1192.7 of, or subdivision (c) of Section 667.5 of, the Penal Code."
# 7282(f), (g) extend "serious felony" and "violent felony" to out-of-state offenses that would be one in
# California: the classifier leaves those unknown (needs review).
serious_or_violent_felony = variable(
    "convicted_of_serious_or_violent_felony",
    AnyRecord("convictions", felony_conviction & (Fact("cls_serious_or_violent") | federal_felony_open)),
    "convicted of a felony listed in Pen. Code 1192.7(c) or 667.5(c)",
    "gov 7282.5(a)(1)",
)

# (a)(2) "The individual has been convicted of a felony punishable by imprisonment in the state prison."
# Whether a felony is punishable in the state prison, rather than in county jail under Pen. Code 1170(h), often
# cannot be read from the citation; a state prison sentence on a California record shows that it was. A prison
# sentence in another state or a federal court does not: "the state prison" is California's, and Pen. Code 667(d)(2)
# (read in by 7282(a)) asks whether the offense, "if committed in California, is punishable by imprisonment in the
# state prison", which turns on the other jurisdiction's statute: open (other states: the classifier leaves
# cls_state_prison unknown; federal felonies: open, as under (a)(1)).
state_prison_felony = variable(
    "convicted_of_state_prison_felony",
    AnyRecord("convictions", felony_conviction & (
        (california_conviction & IsTrue(Fact("conv_state_prison_sentence"))) | Fact("cls_state_prison") | federal_felony_open)),
    "convicted of a felony punishable by imprisonment in the state prison",
    "gov 7282.5(a)(2)",
)

# (a)(3) "convicted within the past five years of a misdemeanor for a crime that is punishable as either a
# misdemeanor or a felony for, or has been convicted within the last 15 years of a felony for, any of the
# following offenses: (A) ... (AE)". A Proposition 47 misdemeanor never counts ((a)(6)).
listed_offense_within_window = variable(
    "convicted_of_listed_offense_within_window",
    AnyRecord(
        "convictions",
        Fact("cls_a3_listed")
        & ~prop47_conviction
        & (
            (misdemeanor_conviction & Fact("cls_wobbler") & WithinYears(conv_date, as_of, 5))
            | (felony_conviction & WithinYears(conv_date, as_of, 15))
        )
        # a federal felony within 15 years: whether it is one of the offenses (A)-(AE) is open (see above)
        | (federal_felony_open & WithinYears(conv_date, as_of, 15)),
    ),
    "a wobbler misdemeanor within five years, or a felony within fifteen, for an offense of 7282.5(a)(3)(A)-(AE)",
    "gov 7282.5(a)(3)",
)

# (a)(4) "The individual is a current registrant on the California Sex and Arson Registry."
current_registrant = variable(
    "current_sex_arson_registrant",
    Fact("current_sex_arson_registrant"),
    "a current registrant on the California Sex and Arson Registry",
    "gov 7282.5(a)(4)",
)

# (a)(5) "convicted of a federal crime that meets the definition of an aggravated felony as set forth in
# subparagraphs (A) to (P), inclusive, of [8 U.S.C. 1101(a)(43)], or is identified by [ICE] as the subject of an
# outstanding federal felony arrest warrant."
federal_aggravated_felony_or_warrant = variable(
    "federal_aggravated_felony_or_warrant",
    AnyRecord("convictions", (conv_jurisdiction == "federal") & Fact("conv_aggravated_felony"))
    | Fact("federal_felony_warrant_identified_by_ice"),
    "a federal aggravated felony conviction, or an outstanding federal felony arrest warrant identified by ICE",
    "gov 7282.5(a)(5)",
)

# (a)(6) "In no case shall cooperation occur pursuant to this section for individuals arrested, detained, or
# convicted of misdemeanors that were previously felonies, or were previously crimes punishable as either
# misdemeanors or felonies, prior to passage of the Safe Neighborhoods and Schools Act of 2014".
prop47_misdemeanor = variable(
    "arrested_or_convicted_of_prop47_misdemeanor",
    AnyRecord("convictions", prop47_conviction)
    | AnyRecord("charges", (Fact("charge_level") == "misdemeanor") & Fact("cls_prop47")),
    "arrested, detained or convicted of a misdemeanor that was a felony or wobbler before Proposition 47",
    "gov 7282.5(a)(6)",
)

# (b) "arrested and taken before a magistrate on a charge involving a serious or violent felony ... or a felony
# that is punishable by imprisonment in state prison, and the magistrate makes a finding of probable cause as to
# that charge pursuant to Section 872 of the Penal Code" -> discretion under 7284.6(a)(1)(C) only.
magistrate_probable_cause = variable(
    "magistrate_probable_cause_on_qualifying_felony",
    AnyRecord(
        "charges",
        Fact("charge_magistrate_pc")
        & (Fact("charge_level") == "felony")
        & (Fact("cls_serious_or_violent") | Fact("cls_state_prison")),
    ),
    "a magistrate found probable cause (Pen. Code 872) on a serious, violent or state-prison felony charge",
    "gov 7282.5(b)",
)

# The paragraphs of 7282.5(a) that allow both the notification response and the transfer, in the statute's order.
GROUNDS_A = (
    (serious_or_violent_felony, "gov 7282.5(a)(1)", "convicted of a serious or violent felony (Pen. Code 1192.7(c) or 667.5(c); a conviction in another jurisdiction counts if its offense includes all the elements of one, Pen. Code 667(d)(2) read in by Gov. Code 7282(a))"),
    (state_prison_felony, "gov 7282.5(a)(2)", "convicted of a felony punishable by imprisonment in the state prison"),
    (listed_offense_within_window, "gov 7282.5(a)(3)", "convicted of an offense listed in 7282.5(a)(3) within its lookback window (5 years for a wobbler misdemeanor, 15 for a felony)"),
    (current_registrant, "gov 7282.5(a)(4)", "a current registrant on the California Sex and Arson Registry"),
    (federal_aggravated_felony_or_warrant, "gov 7282.5(a)(5)", "convicted of a federal crime that is an aggravated felony (8 U.S.C. 1101(a)(43)(A)-(P)), or identified by ICE as the subject of an outstanding federal felony arrest warrant"),
)

any_ground_a = GROUNDS_A[0][0] | GROUNDS_A[1][0] | GROUNDS_A[2][0] | GROUNDS_A[3][0] | GROUNDS_A[4][0]
any_ground_for_notification = any_ground_a | magistrate_probable_cause

VARIABLES = [serious_or_violent_felony, state_prison_felony, listed_offense_within_window, current_registrant,
             federal_aggravated_felony_or_warrant, prop47_misdemeanor, magistrate_probable_cause]
