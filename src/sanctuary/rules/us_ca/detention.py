"""Detention: Civil Code 1670.9 (SB 29, 2017), Government Code 7310 and 7311 (AB 103, 2017, Chapter 17.8), Penal Code
9500 and 9501 (AB 32, 2019) and Government Code 12532 (the Attorney General's reviews).

Overlap with the Values Act: values_act.py answers `house_federal_detainees` for California law enforcement agencies
(7284.6(a)(6) with 7310, and before 2018-01-01 7310 alone). This module answers `detention_contract` under 1670.9
(contracts with the federal government or a private corporation, keyed to January 1, 2018), 7310 (adults) and 7311
(minors) for every actor they name: "A city, county, city and county, or local law enforcement agency".

Dates and texts (see each file's front matter):
- 1670.9: the corpus holds the AB 474 text in force from 2022-01-01 (operative 2023-01-01, a CPRA cross-reference in
  (c) only); the SB 29 text of 2018-2021 is not in the corpus, so earlier dates are refused.
- 7310: third-party copy; the corpus does not know its in-force date (7311 of the same chapter: 2017-06-27).
- 7311: third-party copy, in force 2017-06-27.
- 9500, 9501: the AB 32 bill text, in force 2020-01-01; the codified text and 9502-9505 (the title's exceptions)
  are not in the corpus. GEO Group v. Newsom (9th Cir. en banc 2022) is in timeline/later-laws.yaml.
- 12532: INCOMPLETE (text ends in (b)(1)(B)); in-force date unknown. The 2019 Ninth Circuit holding on (b)(1)(C)
  is in timeline/later-laws.yaml.
"""

import datetime as dt

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import LOCAL_LAW_ENFORCEMENT, ActorKind as A, RequestKind as R

from ..common import actor_kind, as_of, asks

ACT = "us-ca/detention"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

local_government = actor_kind == A.LOCAL_GOVERNMENT
local_le = actor_kind.isin(LOCAL_LAW_ENFORCEMENT)
contract_with = Fact("detention_contract_with")
detainees = Fact("detention_detainees")
new_contract = Fact("detention_contract_action") == "new"
renewal = Fact("detention_contract_action") == "renew_or_modify"
expands = Fact("detention_expands_beds")
locked = Fact("detention_locked_facility")
civil_custody = Fact("detention_civil_immigration_custody")

# ---------------------------------------------------------------- Civ. Code 1670.9(a), (b)
# "(a) A city, county, city and county, or local law enforcement agency that does not, as of January 1, 2018, have a
# contract with the federal government or any federal agency or a private corporation to house or detain noncitizens
# for purposes of civil immigration custody, shall not, on and after January 1, 2018, enter into a contract with the
# federal government or any federal agency or a private corporation, to house or detain in a locked detention
# facility noncitizens for purposes of civil immigration custody.
# (b) A city, county, city and county, or local law enforcement agency that, as of January 1, 2018, has an existing
# contract ... shall not, on and after January 1, 2018, renew or modify that contract in a manner that would expand
# the maximum number of contract beds ..."
existed_2018 = Fact("detention_contract_existed_2018_01_01")
contract_1670_9 = Decision(
    "detention_contract_civ_1670_9", "Enter, renew or modify a contract to detain noncitizens in civil immigration custody (Civ. Code 1670.9)", ACT,
    (local_government | local_le) & asks(R.DETENTION_CONTRACT),
    [
        Rule("detention.1670_9.not_civil_immigration", P, ("civ 1670.9(a)",),
             "The contract is not to house or detain noncitizens for civil immigration custody in a locked detention "
             "facility, so 1670.9(a) and (b) do not reach it.",
             when=~civil_custody | ~locked),
        Rule("detention.1670_9.other_party", P, ("civ 1670.9(a)",),
             "1670.9 reaches contracts with the federal government, a federal agency or a private corporation only.",
             when=~contract_with.isin(["federal", "private_corporation"])),
        Rule("detention.1670_9.new_contract", X, ("civ 1670.9(a)",),
             "A city, county or local law enforcement agency with no such contract as of January 1, 2018 may not, on "
             "and after that date, enter into one to house or detain noncitizens in a locked facility for civil "
             "immigration custody.",
             when=new_contract & ~existed_2018),
        Rule("detention.1670_9.expansion", X, ("civ 1670.9(b)",),
             "A contract existing on January 1, 2018 may not be renewed or modified to expand the maximum number of "
             "contract beds.",
             when=renewal & existed_2018 & expands),
        Rule("detention.1670_9.renewal_without_expansion", P, ("civ 1670.9(b)",),
             "Renewing or modifying a contract that existed on January 1, 2018 without expanding its maximum number of "
             "contract beds is not barred by 1670.9(b) (other law, such as 7310 and 7311, may still apply). Any "
             "facility detaining a noncitizen under a local contract is subject to the Public Records Act (1670.9(c)).",
             when=renewal & existed_2018 & ~expands),
        Rule("detention.1670_9.review", REVIEW, ("civ 1670.9(a)", "civ 1670.9(b)"),
             "The facts given do not fit (a) or (b) as written (e.g. a new contract by one that already had such a "
             "contract on January 1, 2018, or a renewal of a contract made after it): give contract_action, "
             "contract_existed_2018_01_01 and expands_beds, or have counsel review."),
    ],
)

# ---------------------------------------------------------------- Gov. Code 7310 (cities, counties, local law enforcement agencies)
# "(a) A city, county, city and county, or local law enforcement agency that does not, as of June 15, 2017, have a
# contract with the federal government or any federal agency to detain adult noncitizens for purposes of civil
# immigration custody, is prohibited from entering into a contract with the federal government or any federal
# agency, to house or detain in a locked detention facility owned and operated by a local entity, noncitizens for
# purposes of civil immigration custody. (b) [one that has such a contract] shall not renew or modify that contract
# in such a way as to expand the maximum number of contract beds ..."
existed_2017 = Fact("detention_contract_existed_2017_06_15")
contract_7310 = Decision(
    "detention_contract_gov_7310", "Enter, renew or modify a contract to detain adult noncitizens in a locally owned and operated facility (Gov. Code 7310)", ACT,
    (local_government | local_le) & asks(R.DETENTION_CONTRACT) & ~IsTrue(detainees == "minors"),
    [
        Rule("detention.7310.date_unknown", REVIEW, ("gov 7310(a)",),
             "The corpus does not give 7310's in-force date (7311, of the same chapter, took effect June 27, 2017); "
             "for an earlier date, have counsel review.",
             when=as_of < dt.date(2017, 6, 27)),
        # "owned and operated by a local entity" is in (a) (new contracts) only; (b) (expanding an existing
        # contract's beds "in a locked detention facility") has no ownership words.
        Rule("detention.7310.not_covered", P, ("gov 7310(a)",),
             "7310 reaches contracts with the federal government or a federal agency to detain noncitizens for civil "
             "immigration custody in a locked facility (for a new contract under 7310(a), one owned and operated by a "
             "local entity); this contract is not one.",
             when=(contract_with != "federal") | ~civil_custody | ~locked
             | (new_contract & ~Fact("detention_facility_owned_operated_by_local_entity"))),
        Rule("detention.7310.new_contract", X, ("gov 7310(a)",),
             "A city, county or local law enforcement agency with no contract on June 15, 2017 to detain adult "
             "noncitizens for civil immigration custody may not enter one to detain noncitizens in a locally owned "
             "and operated locked facility.",
             when=new_contract & ~existed_2017),
        Rule("detention.7310.expansion", X, ("gov 7310(b)",),
             "A contract existing on June 15, 2017 may not be renewed or modified to expand the maximum number of "
             "contract beds.",
             when=renewal & existed_2017 & expands),
        Rule("detention.7310.renewal_without_expansion", P, ("gov 7310(b)",),
             "Renewing or modifying a contract that existed on June 15, 2017 without expanding its beds is not barred "
             "by 7310(b).",
             when=renewal & existed_2017 & ~expands),
        Rule("detention.7310.review", REVIEW, ("gov 7310(a)", "gov 7310(b)"),
             "The facts given do not fit 7310(a) or (b) as written: give contract_action, contract_existed_2017_06_15 "
             "and expands_beds, or have counsel review."),
    ],
)

# ---------------------------------------------------------------- Gov. Code 7311 (minors)
# "(a) A city, county, city and county, or local law enforcement agency that does not, as of June 15, 2017, have a
# contract with the federal government or any federal agency to house or detain any accompanied or unaccompanied
# minor in the custody of or detained by the federal Office of Refugee Resettlement or the United States Immigration
# and Customs Enforcement is prohibited from entering into a contract with the federal government or any federal
# agency to house minors in a locked detention facility. (b) [existing contract:] shall not renew or modify that
# contract in such a way as to expand the maximum number of contract beds ... (c) This section does not apply to
# temporary housing of any accompanied or unaccompanied minor in less restrictive settings when the State Department
# of Social Services certifies a necessity ... and if the housing contract meets the following requirements: (1) It
# is temporary in nature and nonrenewable on a long-term or permanent basis. (2) It meets all applicable federal and
# state standards for that housing."
contract_7311 = Decision(
    "detention_contract_gov_7311", "Enter, renew or modify a contract to house minors in ORR or ICE custody (Gov. Code 7311)", ACT,
    (local_government | local_le) & asks(R.DETENTION_CONTRACT) & IsTrue(detainees == "minors"),
    [
        Rule("detention.7311.dss_certified", P, ("gov 7311(c)",),
             "Temporary housing in a less restrictive setting, certified as necessary by the State Department of Social "
             "Services, temporary and nonrenewable long-term, and meeting all federal and state standards, is outside "
             "7311.",
             when=Fact("detention_dss_certified_temporary_less_restrictive")),
        Rule("detention.7311.not_covered", P, ("gov 7311(a)",),
             "7311 reaches contracts with the federal government or a federal agency to house minors in a locked "
             "detention facility; this contract is not one.",
             when=(contract_with != "federal") | ~locked),
        Rule("detention.7311.new_contract", X, ("gov 7311(a)",),
             "With no such contract on June 15, 2017, the city, county or agency may not contract with the federal "
             "government to house minors in ORR or ICE custody in a locked detention facility.",
             when=new_contract & ~existed_2017),
        Rule("detention.7311.expansion", X, ("gov 7311(b)",),
             "A contract existing on June 15, 2017 may not be renewed or modified to expand its maximum number of beds.",
             when=renewal & existed_2017 & expands),
        Rule("detention.7311.renewal_without_expansion", P, ("gov 7311(b)",),
             "Renewing or modifying a contract that existed on June 15, 2017 without expanding its beds is not barred "
             "by 7311(b).",
             when=renewal & existed_2017 & ~expands),
        Rule("detention.7311.review", REVIEW, ("gov 7311(a)", "gov 7311(b)"),
             "The facts given do not fit 7311(a) or (b) as written: give contract_action, contract_existed_2017_06_15 "
             "and expands_beds, or have counsel review."),
    ],
)

# ---------------------------------------------------------------- Civ. Code 1670.9(d)
# "A city, county, city and county, or public agency shall not, on and after January 1, 2018, approve or sign a
# deed, instrument, or other document related to a conveyance of land or issue a permit for the building or reuse of
# existing buildings by any private corporation, contractor, or vendor to house or detain noncitizens for purposes of
# civil immigration proceedings unless [it] has done both of the following: (1) Provided notice to the public ... at
# least 180 days before execution ... (2) Solicited and heard public comments ... in at least two separate meetings
# open to the public."
land_or_permit = Decision(
    "approve_detention_land_or_permit", "Approve a land conveyance or permit for a private immigration detention facility", ACT,
    (local_government | local_le) & asks(R.DETENTION_LAND_OR_PERMIT),
    [
        Rule("detention.1670_9d.notice_and_hearings", P, ("civ 1670.9(d)",),
             "Notice was given to the public at least 180 days before, and public comments were solicited and heard "
             "in at least two public meetings, so 1670.9(d) allows the approval.",
             when=Fact("detention_public_notice_180_days") & Fact("detention_two_public_meetings")),
        Rule("detention.1670_9d.no_approval", X, ("civ 1670.9(d)", "civ 1670.9(d)(1)", "civ 1670.9(d)(2)"),
             "The conveyance or permit may not be approved without public notice at least 180 days before and public "
             "comment heard in at least two separate open meetings."),
    ],
)

# ---------------------------------------------------------------- Pen. Code 9500, 9501
# 9500(b): "'Private detention facility' means a detention facility that is owned and operated by a private,
# nongovernmental, for-profit entity, and operating pursuant to a contract or agreement with a governmental
# entity." 9500(a): a detention facility confines persons "for purposes of execution of a punitive sentence imposed
# by a court or detention pending a trial, hearing, or other judicial or administrative proceeding".
# 9501: "Except as otherwise provided in this title, a person shall not operate a private detention facility within
# the state." The exceptions (9502-9505) are not in the corpus: unless the case says none applies, review.
operator = actor_kind.isin([A.PRIVATE_DETENTION_OPERATOR, A.PRIVATE_IMMIGRATION_DETENTION_OPERATOR])
private_facility = Decision(
    "operate_private_detention_facility", "Operate a private detention facility in California", ACT,
    operator & asks(R.OPERATE_PRIVATE_DETENTION_FACILITY),
    [
        Rule("detention.9500.not_private_detention_facility", P, ("pen 9500(b)", "pen 9500(a)"),
             "The facility is not a \"private detention facility\" as 9500 defines it, so 9501 does not reach it.",
             when=~Fact("detention_private_for_profit_under_government_contract") | ~Fact("detention_confines_for_sentence_or_proceeding")),
        # GEO Group v. Newsom (9th Cir. en banc 2022; timeline/later-laws.yaml, LATER.md A4) held 9501 invalid as
        # applied to ICE's private immigration detention (the private_immigration_detention_operator overlay). The
        # corpus has no holding on other federal contracts; the same ground may reach them, so it is left open. An
        # unknown contract party keeps the text's answer (the vocabulary has no value for a state or local contract).
        # Not before the first order (LATER.md A4: "Oct 8, 2020: preliminary injunction granted in part, denied in
        # part"; en banc "Sept 26, 2022"): from AB 32's first day to 2020-10-07 9501 is answered as it reads, as for an
        # ICE operator (the geo-v-newsom overlays start on those same dates, timeline/later-laws.yaml).
        Rule("detention.9501.federal_contract_pending", REVIEW, ("pen 9501", "pen 9500(b)"),
             "The facility operates under a contract with the federal government. In GEO Group v. Newsom (S.D. Cal.) a "
             "preliminary injunction against AB 32 (Penal Code 9501) was granted in part and denied in part on "
             "2020-10-08 (which parts is not in the corpus); a Ninth Circuit panel reversed on 2021-10-05 and the court "
             "then reheard the case en banc. Whether 9501 may be enforced against this facility in this period is not "
             "settled by the sources. Have counsel review.",
             when=(actor_kind == A.PRIVATE_DETENTION_OPERATOR) & IsTrue(contract_with == "federal")
             & (as_of >= dt.date(2020, 10, 8)) & (as_of < dt.date(2022, 9, 26))),
        Rule("detention.9501.federal_contract", REVIEW, ("pen 9501", "pen 9500(b)"),
             "The facility operates under a contract with the federal government. GEO Group, Inc. v. Newsom, 50 F.4th "
             "745 (9th Cir. 2022) (en banc), held that AB 32 (Penal Code 9501) violates the Supremacy Clause as "
             "applied to ICE's privately operated immigration detention facilities; the corpus records no holding on "
             "private facilities under other federal contracts (for example the U.S. Marshals Service), and whether the "
             "same ground reaches them is not settled by the sources. Have counsel review.",
             when=(actor_kind == A.PRIVATE_DETENTION_OPERATOR) & IsTrue(contract_with == "federal")
             & (as_of >= dt.date(2022, 9, 26))),
        Rule("detention.9501.exception", REVIEW, ("pen 9501",),
             "An exception elsewhere in Title 9.5 is said to apply (9501: \"Except as otherwise provided in this "
             "title\"); those sections (9502-9505) are not in the corpus. Have counsel review.",
             when=Fact("detention_title_9_5_exception_applies")),
        Rule("detention.9501.no_private_detention", X, ("pen 9501", "pen 9500(b)"),
             "A person may not operate a private detention facility within the state. (Penal Code 9500 and 9501 are "
             "read from the AB 32 bill text, not the codified section.)"),
    ],
)

# ---------------------------------------------------------------- Gov. Code 12532
# "(a) Until July 1, 2027, the Attorney General, or the Attorney General's designee, shall engage in reviews of
# county, local, or private locked detention facilities in which noncitizens are being housed or detained for
# purposes of civil immigration proceedings in California, including any ... facility in which an accompanied or
# unaccompanied minor is housed or detained on behalf of, or pursuant to a contract with, the federal Office of
# Refugee Resettlement or the United States Immigration and Customs Enforcement. The order and number of facilities
# to be reviewed shall be determined by the Department of Justice. ..."
# "(b) The Attorney General ... shall, on or before March 1, 2019, conduct a review ... (1) This review shall
# include, but not be limited to, the following: (A) A review of the conditions of confinement. (B) A review of the
# standard of care and due process [TEXT NOT FOUND IN SOURCES]"
ag = actor_kind == A.ATTORNEY_GENERAL
reviews = Decision(
    "review_detention_facilities", "Review locked detention facilities holding noncitizens for civil immigration proceedings", ACT,
    ag & asks(R.REVIEW_DETENTION_FACILITIES),
    [
        Rule("detention.12532.date_unknown", REVIEW, ("gov 12532(a)",),
             "The corpus does not give 12532's in-force date (AB 103, 2017, per secondary sources); for a date before "
             "June 27, 2017, have counsel review.",
             when=as_of < dt.date(2017, 6, 27)),
        Rule("detention.12532.sunset", REVIEW, ("gov 12532(a)",),
             "12532(a) runs \"until July 1, 2027\"; the section's later text (its sunset) is not in the corpus.",
             when=as_of >= dt.date(2027, 7, 1)),
        # 12532(b): "The Attorney General, or the Attorney General's designee, shall, on or before March 1, 2019,
        # conduct a review of county, local, or private locked detention facilities ... (1) This review shall include,
        # but not be limited to, the following: (A) A review of the conditions of confinement. (B) A review of the
        # standard of care and due process [the rest is not in the corpus]". Until that date the first review is the
        # dated duty; the reviews of (a) go on beside it.
        Rule("detention.12532.first_review", REQ, ("gov 12532(b)", "gov 12532(b)(1)(A)", "gov 12532(a)"),
             "On or before March 1, 2019 the Attorney General (or designee) must conduct a review of county, local and "
             "private locked detention facilities holding noncitizens for civil immigration proceedings, including "
             "facilities holding minors for ORR or ICE; the Department of Justice decides the order and number of "
             "facilities. The review includes, but is not limited to, the conditions of confinement (12532(b)(1)(A)) "
             "and the standard of care and due process (12532(b)(1)(B)). The ongoing reviews of 12532(a), until July 1, "
             "2027, go on beside it. (12532 is INCOMPLETE in the corpus: its text ends within (b)(1)(B).)",
             when=as_of <= dt.date(2019, 3, 1),
             duty=Duty("Conduct a review of the facilities, including the conditions of confinement and the standard of care and due process",
                       "on or before March 1, 2019")),  # to whom it reports is in the part of (b) the corpus lacks
        Rule("detention.12532.reviews", REQ, ("gov 12532(a)", "gov 12532(b)(1)(A)"),
             "Until July 1, 2027 the Attorney General (or designee) must engage in reviews of county, local and private "
             "locked detention facilities holding noncitizens for civil immigration proceedings, including facilities "
             "holding minors for ORR or ICE; the Department of Justice decides which and when, and reports through the "
             "budget process. The first review (due March 1, 2019) had to include conditions of confinement. "
             "(12532 is INCOMPLETE in the corpus: its text ends within (b)(1)(B).)",
             duty=Duty("Engage in reviews of the facilities; report progress and findings to the Legislature and the Governor during the budget process",
                       "until July 1, 2027", to_whom="the Legislature and the Governor")),
    ],
    kind="duty",
)

# (b)(1)(C) is not in the corpus; STATUS.md section 5 gives its subject (the circumstances around apprehension and
# transfer to the facility) and the Ninth Circuit's 2019 holding on it (timeline/later-laws.yaml).
apprehension = Decision(
    "review_apprehension_and_transfer", "Review the circumstances around detainees' apprehension and transfer", ACT,
    ag & asks(R.REVIEW_APPREHENSION_AND_TRANSFER),
    [
        # From the Ninth Circuit's opinion (court-orders.yaml ca9-us-v-ca-2019; STATUS.md section 5). The overlay
        # cannot attach to a rule that cites (b)(1), so the reason names the holding itself, and only from its date.
        Rule("detention.12532.b1c.held", REVIEW, ("gov 12532(b)(1)",),
             "The corpus's text of 12532(b)(1) ends within (B): the words of (b)(1)(C) (on the circumstances around "
             "apprehension and transfer, per STATUS.md) are missing. On April 18, 2019 the Ninth Circuit (United "
             "States v. California, 921 F.3d 865, No. 18-16496) held that 12532(b)(1)(C) \"discriminates against and "
             "impermissibly burdens the federal government\" and reversed the denial of a preliminary injunction as to "
             "it; no order entered on remand was found, so whether an injunction is in force is not known. The review "
             "\"shall include, but not be limited to\" the listed items. Have counsel review.",
             when=as_of >= dt.date(2019, 4, 18)),
        Rule("detention.12532.b1c", REVIEW, ("gov 12532(b)(1)",),
             "The corpus's text of 12532(b)(1) ends within (B): the words of (b)(1)(C) (on the circumstances around "
             "apprehension and transfer, per STATUS.md) are missing. The review \"shall include, but not be limited "
             "to\" the listed items. Have counsel review."),
    ],
)

DECISIONS = [contract_1670_9, contract_7310, contract_7311, land_or_permit, private_facility, reviews, apprehension]
