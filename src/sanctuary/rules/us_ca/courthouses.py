"""Courthouses: Civil Code 43.54 and Code of Civil Procedure 177(e) (AB 668, Stats. 2019, Ch. 787, in force
2020-01-01), and Evidence Code 351.3 and 351.4 (immigration status in open court).

Dates. The corpus holds 43.54 and 177 as in force from 2020-01-01, so earlier dates are refused. It holds 351.3 and
351.4 only as re-enacted by SB 836 (in force 2022-08-22): the SB 785 text (2018-05-17 to 2021-12-31) is not in the
corpus, and from 2022-01-01 to 2022-08-21 no text of either section was in force (SB 785 repealed itself on
2022-01-01; see each file's history note and LATER.md A2). The rulebook refuses every date before 2022-08-22 for
those decisions: for a date in the lapse, that refusal is also the answer's substance (no text in force).
"""

from sanctuary.engine import Decision, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import ActorKind as A, DocumentKind as D, RequestKind as R

from ..common import actor_kind, asks, has_document

ACT = "us-ca/courthouses"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

in_courthouse = IsTrue(Fact("courthouse_in_courthouse"))
attending = Fact("courthouse_attending_or_legal_business")

# ---------------------------------------------------------------- Civ. Code 43.54
# "(a) A person shall not be subject to civil arrest in a courthouse while attending a court proceeding or having
# legal business in the courthouse. (b) This section does not narrow, or in any way lessen, any existing common law
# privilege. (c) This section does not apply to arrests made pursuant to a valid judicial warrant."
# The section binds no named actor: it is asked by whoever would make, allow or answer for the arrest (court
# staff, local or federal officers). It does not distinguish civil immigration arrests from other civil arrests.
civil_arrest = Decision(
    "civil_arrest_in_courthouse", "Make (or allow) a civil arrest in a courthouse", ACT,
    asks(R.CIVIL_ARREST_IN_COURTHOUSE),
    [
        Rule("courthouse.judicial_warrant", P, ("civ 43.54(c)",),
             "The arrest is made pursuant to a judicial warrant; 43.54 does not apply to such arrests (whether the "
             "warrant is valid is for the person relying on it to check).",
             when=has_document(D.JUDICIAL_WARRANT)),
        # (b) keeps "any existing common law privilege", and CCP 177(e) speaks of "the privilege from civil arrest at
        # courthouses and court proceedings": outside the courthouse, a person attending court may still hold a
        # privilege the corpus does not state. Listed before the permission it qualifies.
        Rule("courthouse.outside_while_attending", REVIEW, ("civ 43.54(b)", "civ 43.54(a)", "ccp 177(e)"),
             "The arrest would be made outside the courthouse, of a person attending a court proceeding or having "
             "legal business there. 43.54(a) protects only \"in a courthouse\", but 43.54(b) says the section "
             "\"does not narrow, or in any way lessen, any existing common law privilege\", and Code Civ. Proc. 177(e) "
             "speaks of \"the privilege from civil arrest at courthouses and court proceedings\"; that common-law "
             "privilege is not stated in the corpus. Have counsel review.",
             when=~Fact("courthouse_in_courthouse") & attending),
        Rule("courthouse.not_in_courthouse", P, ("civ 43.54(a)",),
             "The arrest would not be made in a courthouse, and the person is not attending a court proceeding or "
             "having legal business in the courthouse, so 43.54(a) does not reach it.",
             when=~Fact("courthouse_in_courthouse")),
        Rule("courthouse.attending_or_legal_business", X, ("civ 43.54(a)", "civ 43.54(b)"),
             "A person attending a court proceeding or having legal business in the courthouse shall not be subject "
             "to civil arrest there (a civil immigration arrest on an administrative warrant such as an I-200 is a "
             "civil arrest). The section reads the same for every arresting officer; the corpus holds no court "
             "ruling on its application to federal officers (LATER.md A3: none found).",
             when=attending),
        Rule("courthouse.no_legal_business", REVIEW, ("civ 43.54(b)", "civ 43.54(a)"),
             "The person is in the courthouse without attending a proceeding or having legal business there, so "
             "43.54(a) does not protect them; 43.54(b) keeps any existing common law privilege from arrest, which "
             "the corpus does not state. Have counsel review."),
    ],
)

# ---------------------------------------------------------------- Code Civ. Proc. 177(e)
# "A judicial officer shall have power: ... (e) To prohibit activities that threaten access to state courthouses
# and court proceedings, and to prohibit interruption of judicial administration, including protecting the
# privilege from civil arrest at courthouses and court proceedings."
courthouse_access = Decision(
    "protect_courthouse_access", "As a judicial officer, prohibit activities that threaten access to the courthouse", ACT,
    (actor_kind == A.COURT) & asks(R.PROTECT_COURTHOUSE_ACCESS),
    [
        Rule("courthouse.judicial_officer_power", P, ("ccp 177(e)",),
             "A judicial officer has power to prohibit activities that threaten access to state courthouses and court "
             "proceedings, including protecting the privilege from civil arrest (Civ. Code 43.54). It is a power, "
             "not a duty; court staff act under the judicial officer's orders."),
    ],
)

# ---------------------------------------------------------------- Evid. Code 351.3 (civil) and 351.4 (criminal)
# "(a) In a civil action not governed by Section 351.2 [351.4: In a criminal action], evidence of a person's
# immigration status shall not be disclosed in open court by a party or their attorney unless the judge presiding
# over the matter first determines that the evidence is admissible in an in camera hearing requested by the party
# seeking disclosure of the person's immigration status. (b) This section does not do any of the following:
# (1) Apply to cases in which a person's immigration status is necessary to prove an element of a claim [an
# offense] or an affirmative defense. ... (3) Prohibit a person or their attorney from voluntarily revealing the
# person's immigration status to the court."
proceeding = Fact("courthouse_proceeding")


def _open_court(section: str, kind: str, element: str) -> list[Rule]:
    s = f"evid {section}"
    return [
        Rule(f"open_court.{section}.volunteered", P, (f"{s}(b)(3)",),
             "A person or their attorney may voluntarily reveal the person's own immigration status to the court.",
             when=IsTrue(Fact("courthouse_person_volunteers_own_status"))),
        Rule(f"open_court.{section}.element", P, (f"{s}(b)(1)",),
             f"The person's immigration status is necessary to prove an element of {element} or an affirmative "
             f"defense; {section} does not apply to such cases.",
             when=Fact("courthouse_status_is_element")),
        Rule(f"open_court.{section}.in_camera_ruling", P, (f"{s}(a)",),
             "The presiding judge first determined, in an in camera hearing requested by the party seeking "
             "disclosure, that the evidence is admissible.",
             when=Fact("courthouse_in_camera_admissibility_ruling")),
        Rule(f"open_court.{section}.no_disclosure", X, (f"{s}(a)",),
             f"In a {kind}, a party or their attorney shall not disclose a person's immigration status in open court "
             "unless the presiding judge first rules it admissible in an in camera hearing requested by that party."),
    ]


open_court_civil = Decision(
    "disclose_status_in_open_court_civil", "Disclose a person's immigration status in open court (civil action)", ACT,
    (actor_kind == A.PARTY_OR_ATTORNEY) & asks(R.DISCLOSE_STATUS_IN_OPEN_COURT) & proceeding.isin(["civil", "civil_governed_by_351_2"]),
    [
        Rule("open_court.351.3.governed_by_351.2", REVIEW, ("evid 351.3(a)",),
             "351.3 covers civil actions \"not governed by Section 351.2\"; this action is governed by 351.2, whose "
             "text is not in the corpus. Have counsel review.",
             when=proceeding == "civil_governed_by_351_2"),
        *_open_court("351.3", "civil action not governed by Section 351.2", "a claim"),
    ],
)

open_court_criminal = Decision(
    "disclose_status_in_open_court_criminal", "Disclose a person's immigration status in open court (criminal action)", ACT,
    (actor_kind == A.PARTY_OR_ATTORNEY) & asks(R.DISCLOSE_STATUS_IN_OPEN_COURT) & (proceeding == "criminal"),
    _open_court("351.4", "criminal action", "an offense"),
)

# The kind of action is not known: either section may govern, and both read alike; the answer waits for it.
open_court_unknown = Decision(
    "disclose_status_in_open_court", "Disclose a person's immigration status in open court", ACT,
    (actor_kind == A.PARTY_OR_ATTORNEY) & asks(R.DISCLOSE_STATUS_IN_OPEN_COURT) & ~IsTrue(proceeding.isin(["civil", "civil_governed_by_351_2", "criminal"])),
    [
        Rule("open_court.kind_of_action_unknown", REVIEW, ("evid 351.3(a)", "evid 351.4(a)"),
             "Whether 351.3 (civil actions not governed by 351.2) or 351.4 (criminal actions) governs depends on the "
             "kind of action: give place.courthouse.proceeding."),
    ],
)

DECISIONS = [civil_arrest, courthouse_access, open_court_civil, open_court_criminal, open_court_unknown]
