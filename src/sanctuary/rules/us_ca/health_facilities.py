"""Health facilities: Health and Safety Code 24251 (SB 81, Stats. 2025, Ch. 123; urgency, in force 2025-09-20).

The corpus's text of 24251 is a third-party copy (codecond.com), not the official code: every answer below rests
on an unverified text and says so. Answered: access to nonpublic areas (b), the witnessed denial (c), and the standing
duties to designate the nonpublic areas (a) and to inform staff and volunteers (d). "Health care provider entity" is defined in 24250, which is not in the corpus:
answers assume the actor is one, as the case states.
"""

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import ActorKind as A, DocumentKind as D, RequestKind as R

from ..common import actor_kind, asks, has_document

ACT = "us-ca/health_facilities"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW
UNVERIFIED = " (H&S Code 24251 is read from a third-party copy, not the official code: verify the text.)"

provider = actor_kind == A.HEALTH_CARE_PROVIDER_ENTITY
area = Fact("site_area")
for_enforcement = Fact("site_for_immigration_enforcement")
grants_access = Fact("site_order_specifically_grants_access")

# "(b) Unless required by state or federal law, a health care provider entity and its personnel shall not allow any
# person access to the nonpublic areas of the facility, as described in subdivision (a), for immigration
# enforcement purposes, unless that person has a valid judicial warrant or court order that specifically grants
# access to the nonpublic areas of the facility."
# (a): the entity "shall designate areas where patients are receiving treatment or care, or where a patient is
# discussing protected health information, as nonpublic".
# Whether "that specifically grants access" qualifies "judicial warrant" as well as "court order" is not settled by
# the text: a warrant that does not specifically grant access to the nonpublic areas is left for review.
access = Decision(
    "allow_access_to_nonpublic_health_facility_area", "Allow immigration enforcement into a nonpublic area of the health facility", ACT,
    provider & asks(R.ENTER_NONPUBLIC_AREA),
    [
        Rule("health.access.public_area", P, ("hsc 24251(b)",),
             "The area is not a nonpublic area (24251(a): where patients receive treatment or care, or discuss protected "
             "health information); 24251(b) restricts access to nonpublic areas only." + UNVERIFIED,
             when=area == "public"),
        Rule("health.access.not_immigration_enforcement", P, ("hsc 24251(b)",),
             "The access is not for immigration enforcement purposes, so 24251(b) does not apply." + UNVERIFIED,
             when=~for_enforcement),
        Rule("health.access.order_grants_access", P, ("hsc 24251(b)",),
             "The person has a judicial warrant or court order that specifically grants access to the nonpublic areas; "
             "24251(b) allows access on a valid one." + UNVERIFIED,
             when=has_document(D.JUDICIAL_WARRANT, D.COURT_ORDER) & grants_access),
        Rule("health.access.warrant_not_specific", REVIEW, ("hsc 24251(b)",),
             "A judicial warrant was presented that does not specifically grant access to the nonpublic areas (or it is "
             "not known whether it does). Whether 24251(b)'s words \"that specifically grants access\" qualify a "
             "judicial warrant as well as a court order is not settled by the text. Have counsel review." + UNVERIFIED,
             when=has_document(D.JUDICIAL_WARRANT) & ~IsTrue(grants_access)),
        Rule("health.access.required_by_law", REVIEW, ("hsc 24251(b)",),
             "24251(b) yields where state or federal law requires access; which law and whether it applies here is for "
             "counsel." + UNVERIFIED,
             when=Fact("site_other_law_requires_access")),
        Rule("health.no_access", X, ("hsc 24251(b)", "hsc 24251(a)"),
             "The health care provider entity and its personnel may not allow anyone into the nonpublic areas for "
             "immigration enforcement without a valid judicial warrant or court order that specifically grants access "
             "to them (an administrative warrant such as an I-200 or I-205 is neither)." + UNVERIFIED),
    ],
)

# "(c) A health care provider entity and its personnel shall, to the extent possible, have the denial of permission
# for access to nonpublic areas of the facility pursuant to subdivision (b) witnessed and documented by at least one
# health care provider entity personnel."
document_denial = Decision(
    "witness_and_document_denial", "Have the denial of access witnessed and documented", ACT,
    provider & asks(R.ENTER_NONPUBLIC_AREA) & IsTrue(area == "nonpublic") & IsTrue(for_enforcement),
    [
        # "the denial of permission for access ... pursuant to subdivision (b)": where (b) lets the person in
        # ("unless that person has a valid judicial warrant or court order that specifically grants access"), there
        # is no denial under (b) to witness; where the access answer is open, so is this duty.
        Rule("health.denial_documented.access_granted", P, ("hsc 24251(c)", "hsc 24251(b)"),
             "Not required: the person has a judicial warrant or court order that specifically grants access to the "
             "nonpublic areas, so 24251(b) does not require denying access, and 24251(c) applies to \"the denial of "
             "permission for access to nonpublic areas of the facility pursuant to subdivision (b)\". (If access is "
             "nevertheless denied, for example because the document is not valid, have the denial witnessed and "
             "documented.)" + UNVERIFIED,
             when=has_document(D.JUDICIAL_WARRANT, D.COURT_ORDER) & grants_access),
        Rule("health.denial_documented.access_open", REVIEW, ("hsc 24251(c)", "hsc 24251(b)"),
             "Whether access is to be denied under 24251(b) is open (a judicial warrant that does not specifically "
             "grant access to the nonpublic areas, or another law said to require access), so whether there is a "
             "\"denial of permission for access ... pursuant to subdivision (b)\" to witness and document is open too. "
             "If access is denied, have at least one staff member witness and document the denial, to the extent "
             "possible." + UNVERIFIED,
             when=(has_document(D.JUDICIAL_WARRANT) & ~IsTrue(grants_access)) | Fact("site_other_law_requires_access")),
        Rule("health.denial_documented", REQ, ("hsc 24251(c)",),
             "When access to a nonpublic area is denied under 24251(b), the denial is to be witnessed and documented "
             "by at least one of the entity's personnel, to the extent possible." + UNVERIFIED,
             duty=Duty("Have at least one staff member witness and document the denial of access", "to the extent possible",
                       starts_from="the denial", only_if="if access is denied under 24251(b)")),
    ],
    kind="duty",
)

# "(a) ... a health care provider entity shall designate areas where patients are receiving treatment or care, or
# where a patient is discussing protected health information, as nonpublic. The facility is encouraged to designate
# these areas through mapping, signage, key entry, policy, or a combination of those."
# "(d) Health care provider entities shall inform staff and relevant volunteers on how to respond to requests
# relating to immigration enforcement that grants access to health care provider entity sites or to patients."
# Standing duties, set by no request and no date: answered beside every access question, from the section's first
# day (the urgency statute's 2025-09-20), as Ed. Code 234.7(h) is beside the school questions.
designate = Decision(
    "designate_nonpublic_areas", "Designate the areas where patients receive care or discuss health information as nonpublic", ACT,
    provider & asks(R.ENTER_NONPUBLIC_AREA),
    [
        Rule("health.designate_nonpublic_areas", REQ, ("hsc 24251(a)",),
             "The health care provider entity must designate as nonpublic the areas where patients are receiving "
             "treatment or care, or where a patient is discussing protected health information; it is encouraged to do "
             "so through mapping, signage, key entry, policy, or a combination of those. These are the nonpublic areas "
             "24251(b) closes to immigration enforcement without a judicial warrant or court order that specifically "
             "grants access. The statute sets no date: the duty runs from the section's effective date." + UNVERIFIED,
             duty=Duty("Designate the areas where patients are receiving treatment or care, or where a patient is "
                       "discussing protected health information, as nonpublic (encouraged: mapping, signage, key entry, "
                       "policy, or a combination)",
                       "the statute sets no date (24251 took effect September 20, 2025)")),
    ],
    kind="duty",
)

inform_staff = Decision(
    "inform_staff_on_immigration_enforcement_requests",
    "Inform staff and relevant volunteers how to respond to immigration enforcement requests", ACT,
    provider & asks(R.ENTER_NONPUBLIC_AREA),
    [
        Rule("health.inform_staff", REQ, ("hsc 24251(d)",),
             "Health care provider entities must inform staff and relevant volunteers on how to respond to requests "
             "relating to immigration enforcement that grants access to the entity's sites or to patients. The statute "
             "sets no date: the duty runs from the section's effective date." + UNVERIFIED,
             duty=Duty("Inform staff and relevant volunteers on how to respond to requests relating to immigration "
                       "enforcement that grants access to the entity's sites or to patients",
                       "the statute sets no date (24251 took effect September 20, 2025)",
                       to_whom="staff and relevant volunteers")),
    ],
    kind="duty",
)

DECISIONS = [access, document_denial, designate, inform_staff]
