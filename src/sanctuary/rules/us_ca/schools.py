"""Schools: Education Code 234.7 (Article 5.7, Pupil Protections Relating to Immigration and Citizenship Status).

Dates. The corpus holds 234.7 only as amended by AB 495 (Stats. 2025, Ch. 664), in force from 2026-01-01. The AB 49
urgency version (2025-09-20 to 2025-12-31) and the AB 699 version (from 2018) were not retrieved (the file's
version_note), so the rulebook refuses dates before 2026-01-01 for these decisions rather than answer from a text
that was not in force.

Actor: a local educational agency (school district, county office of education or charter school, 234.7(l)(2)),
its school officials, employees and personnel. "Immigration enforcement" (234.7(l)(1)) covers civil immigration law
and the criminal immigration laws on presence, entry, reentry and employment; the case says whether the officer
seeks access or information for it (place.site.for_immigration_enforcement).
"""

from sanctuary.engine import Decision, Duty, Fact, IsTrue, Rule, Status
from sanctuary.vocabulary.case import ActorKind as A, DocumentKind as D, RequestKind as R

from ..common import actor_kind, asks, has_document

ACT = "us-ca/schools"
P, X, REQ, REVIEW = Status.PERMITTED, Status.PROHIBITED, Status.REQUIRED, Status.NEEDS_REVIEW

lea = actor_kind == A.LOCAL_EDUCATIONAL_AGENCY
for_enforcement = Fact("site_for_immigration_enforcement")
# 234.7(a)(2) and (b) name "an officer or employee of an agency conducting immigration enforcement" (for (a)(2): "for
# any purpose"); (c) names requests "for the purpose of enforcing the immigration laws". Outside (a)(2) and (b) only
# where the request is not for immigration enforcement AND the officer's agency does not conduct it: an officer
# seeking access for immigration enforcement is one of such an agency; one on other business may still be (an ICE
# officer "for any purpose"), so an unknown agency leaves it open.
agency_conducts = Fact("site_agency_conducts_immigration_enforcement")
outside_enforcement_agency = ~for_enforcement & ~agency_conducts
required_by_law = Fact("site_required_by_law_or_program")
judicial_document = has_document(D.JUDICIAL_WARRANT, D.JUDICIAL_SUBPOENA, D.COURT_ORDER)

# "(a) Except as required by state or federal law or as required to administer a state or federally supported
# educational program, school officials and employees of a local educational agency shall not do either of the
# following:" -- the opening exception, shared by (a)(1) and (a)(2). Whether some law requires it is a question
# of other law, so a yes (or an unknown) is for counsel, not a permission.
def _required_by_law(rule_id: str, cite: str) -> Rule:
    return Rule(rule_id, REVIEW, (cite, "edc 234.7(a)"),
                "State or federal law, or administering a state or federally supported educational program, may "
                "require this, which 234.7(a) excepts; which law and whether it applies is for counsel.",
                when=required_by_law)


# ---------------------------------------------------------------- 234.7(a)(1)
# "Collect information or documents regarding citizenship or immigration status of pupils or their family members."
collect_status = Decision(
    "collect_pupil_immigration_status", "Collect information about pupils' or families' citizenship or immigration status", ACT,
    lea & asks(R.COLLECT_IMMIGRATION_STATUS),
    [
        _required_by_law("school.collect.required_by_law", "edc 234.7(a)(1)"),
        Rule("school.no_status_collection", X, ("edc 234.7(a)(1)",),
             "School officials and employees may not collect information or documents about the citizenship or "
             "immigration status of pupils or their family members."),
    ],
)

# ---------------------------------------------------------------- 234.7(a)(2)
# "Allow an officer or employee of an agency conducting immigration enforcement to enter a nonpublic area of a
# schoolsite for any purpose without being presented with a valid judicial warrant or judicial subpoena, or a court
# order. Any school official or employee ... shall, to the extent practicable, request a valid identification ...
# This subdivision shall not be construed to limit a local educational agency's or school official's right to
# consult with counsel or challenge the validity of a warrant, subpoena, or court order ..."
area = Fact("site_area")
enter_nonpublic = Decision(
    "allow_entry_to_nonpublic_schoolsite_area", "Let an immigration enforcement officer into a nonpublic area of a schoolsite", ACT,
    lea & asks(R.ENTER_NONPUBLIC_AREA),
    [
        Rule("school.entry.public_area", P, ("edc 234.7(a)(2)",),
             "The area is not a nonpublic area of the schoolsite; 234.7(a)(2) restricts entry to nonpublic areas only.",
             when=area == "public"),
        Rule("school.entry.not_immigration_enforcement", P, ("edc 234.7(a)(2)", "edc 234.7(l)(1)"),
             "The officer is not from an agency conducting immigration enforcement (234.7(l)(1)) and does not seek "
             "entry for it, so 234.7(a)(2) does not apply. (If the agency does conduct immigration enforcement, "
             "234.7(a)(2) bars entry to a nonpublic area \"for any purpose\" without a judicial warrant, judicial "
             "subpoena or court order, whatever the purpose of the visit.)",
             when=outside_enforcement_agency),
        Rule("school.entry.judicial_document", P, ("edc 234.7(a)(2)",),
             "A judicial warrant, judicial subpoena or court order was presented: 234.7(a)(2) allows entry on a valid "
             "one. Request the officer's identification where practicable; the agency may consult counsel or challenge "
             "the document's validity in court first.",
             when=judicial_document),
        _required_by_law("school.entry.required_by_law", "edc 234.7(a)(2)"),
        Rule("school.no_entry_without_judicial_document", X, ("edc 234.7(a)(2)",),
             "School officials and employees may not let an officer or employee of an agency conducting immigration "
             "enforcement enter a nonpublic area of a schoolsite, for any purpose, without a valid judicial warrant, "
             "judicial subpoena or court order (an administrative warrant such as an I-200 or I-205 is none of them). "
             "A schoolsite includes school-sponsored activity areas and school buses (234.7(l)(3))."),
    ],
)

# 234.7(a)(2), second sentence: "Any school official or employee of a local educational agency shall, to the extent
# practicable, request a valid identification from an officer or employee of an agency conducting immigration
# enforcement seeking to enter a nonpublic area of a schoolsite." The duty turns on who seeks entry and where, not on
# the documents shown: it holds with a judicial warrant too.
identification = Decision(
    "request_identification_from_officer", "Ask the officer seeking to enter a nonpublic area of the schoolsite for valid identification", ACT,
    lea & asks(R.ENTER_NONPUBLIC_AREA),
    [
        Rule("school.identification.not_nonpublic", P, ("edc 234.7(a)(2)",),
             "Not required by 234.7(a)(2): the officer does not seek to enter a nonpublic area of the schoolsite, and "
             "the duty concerns an officer \"seeking to enter a nonpublic area of a schoolsite\".",
             when=area == "public"),
        Rule("school.identification.not_enforcement_agency", P, ("edc 234.7(a)(2)", "edc 234.7(l)(1)"),
             "Not required by 234.7(a)(2): the officer is not from an agency conducting immigration enforcement "
             "(234.7(l)(1)) and does not seek entry for it.",
             when=outside_enforcement_agency),
        Rule("school.identification.required", REQ, ("edc 234.7(a)(2)",),
             "Any school official or employee must, to the extent practicable, request a valid identification from an "
             "officer or employee of an agency conducting immigration enforcement who seeks to enter a nonpublic area "
             "of a schoolsite, whatever documents the officer presents.",
             duty=Duty("Request a valid identification from the officer or employee seeking entry", "to the extent practicable",
                       starts_from="the request to enter a nonpublic area", to_whom="the officer or employee seeking entry")),
    ],
    kind="duty",
)

# ---------------------------------------------------------------- 234.7(b)
# "A local educational agency and its personnel, to the extent practicable, shall not disclose or provide ... the
# education records of or any information about a pupil or a pupil's family and household without the pupil's
# parents' or guardians' written consent, a school employee, or a teacher, including, but not limited to, personal
# information ..., to an officer or employee of an agency conducting immigration enforcement absent a valid
# judicial warrant or judicial subpoena, or court order directing the local educational agency or its personnel to
# do so. Any disclosure of a pupil's education records pursuant to a valid judicial warrant or judicial subpoena, or
# court order shall be in accordance with the parent notification requirements set forth in Section
# 99.31(a)(9)(ii) of Title 34 of the Code of Federal Regulations."
# (i) "This section does not prohibit or restrict any governmental entity or official from sending to, or receiving
# from, federal immigration authorities, information regarding the citizenship or immigration status ... pursuant
# to Sections 1373 and 1644 of Title 8 of the United States Code."
disclose = Decision(
    "disclose_pupil_information", "Give immigration enforcement records or information about a pupil, family, employee or teacher", ACT,
    lea & asks(R.PUPIL_INFORMATION),
    [
        Rule("school.records.not_immigration_enforcement", P, ("edc 234.7(b)", "edc 234.7(l)(1)"),
             "The request is not for immigration enforcement and the requester is not an officer or employee of an "
             "agency conducting immigration enforcement, so 234.7(b) does not apply (other privacy law, such as "
             "FERPA, still does). (To an officer or employee of such an agency, 234.7(b) bars disclosure absent a "
             "judicial warrant, judicial subpoena or court order, whatever the stated purpose.)",
             when=outside_enforcement_agency),
        Rule("school.records.judicial_document", P, ("edc 234.7(b)",),
             "A judicial warrant, judicial subpoena or court order directing the disclosure lifts 234.7(b) if valid. "
             "Disclosing a pupil's education records on it must follow the parent notice of 34 C.F.R. "
             "99.31(a)(9)(ii).",
             when=judicial_document),
        Rule("school.records.status_only", REVIEW, ("edc 234.7(i)", "edc 234.7(b)"),
             "Only citizenship or immigration status information is asked: 234.7(i) says the section does not restrict "
             "sending it to federal immigration authorities under 8 U.S.C. 1373 and 1644, while 234.7(b) forbids "
             "disclosing information about a pupil; how the two meet for a given record is for counsel.",
             when=Fact("site_information_is_immigration_status")),
        Rule("school.records.parent_consent", P, ("edc 234.7(b)",),
             "The pupil's parents or guardians gave written consent, which 234.7(b) names as lifting the bar for "
             "information about the pupil and family (other law, such as FERPA, still applies; the consent does not "
             "reach information about school employees or teachers).",
             when=Fact("site_parent_written_consent")),
        Rule("school.records.not_practicable", REVIEW, ("edc 234.7(b)",),
             "234.7(b) binds \"to the extent practicable\"; where refusing is said not to be practicable, whether "
             "disclosure is excused is open. Have counsel review.",
             when=Fact("site_refusal_not_practicable")),
        Rule("school.no_records_without_judicial_document", X, ("edc 234.7(b)",),
             "The agency and its personnel may not disclose education records or any information about a pupil, the "
             "pupil's family or household, a school employee or a teacher (home, travel schedule, personal "
             "information) to immigration enforcement without a valid judicial warrant, judicial subpoena or court "
             "order directing it."),
    ],
)

# ---------------------------------------------------------------- 234.7(c)
# "The superintendent of a school district, the superintendent of a county office of education, and the principal
# of a charter school, as applicable, shall report to the respective governing board or body of the local
# educational agency in a timely manner any requests for information or access to a schoolsite by an officer or
# employee of a law enforcement agency for the purpose of enforcing the immigration laws in a manner that ensures
# the confidentiality and privacy of any potentially identifying information."
report = Decision(
    "report_request_to_governing_board", "Report the request to the governing board", ACT,
    lea & asks(R.ENTER_NONPUBLIC_AREA, R.PUPIL_INFORMATION),
    [
        Rule("school.report.required", REQ, ("edc 234.7(c)",),
             "A request for information or for access to a schoolsite for immigration enforcement must be reported to "
             "the governing board or body.",
             when=for_enforcement,
             duty=Duty("The superintendent (or charter school principal) reports the request to the governing board or "
                       "body, keeping any potentially identifying information confidential and private",
                       "in a timely manner", starts_from="the request", to_whom="the governing board or body of the local educational agency")),
        Rule("school.report.not_for_enforcement", P, ("edc 234.7(c)",),
             "The request was not for the purpose of enforcing the immigration laws, so 234.7(c) requires no report."),
    ],
    kind="duty",
)

# ---------------------------------------------------------------- 234.7(h), (j)
# "(h) All local educational agencies shall do all of the following: (1) Adopt the model policies developed pursuant
# to paragraph (1) of subdivision (g), or equivalent policies, by July 1, 2018. (2) Revise their model policies as
# necessary to be consistent with any revisions or updates to the model policies developed by the Attorney General,
# including [the guidance of January 6, 2025] ... (3) Update their model policies to align with this section,
# including paragraph (2) of subdivision (g), by March 1, 2026." "(j) A local educational agency shall maintain its
# policy adopted pursuant to subdivision (h) and make the policy available to the department upon request."
# Asked with the school questions, as 7284.8(a)'s duty is (values_act.model_policy), which sets no date of its own.
model_policies = Decision(
    "adopt_school_model_policy", "Adopt the Attorney General's model school policies (or equivalent ones) and update them to align with Ed. Code 234.7", ACT,
    lea & asks(R.ENTER_NONPUBLIC_AREA, R.PUPIL_INFORMATION, R.COLLECT_IMMIGRATION_STATUS),
    [
        Rule("school.model_policy", REQ, ("edc 234.7(h)", "edc 234.7(h)(1)", "edc 234.7(h)(3)", "edc 234.7(j)"),
             "Every local educational agency must have adopted the Attorney General's model policies limiting assistance "
             "with immigration enforcement at public schools, or equivalent policies (due by July 1, 2018), revise them "
             "as the Attorney General updates them (including the guidance of January 6, 2025), and update them to align "
             "with 234.7, including the Attorney General's update under 234.7(g)(2), by March 1, 2026. It keeps the policy "
             "and makes it available to \"the department\" upon request (234.7(j)).",
             duty=Duty("Adopt the model policies or equivalent ones, revise them with the Attorney General's updates, and "
                       "update them to align with Education Code 234.7; keep the policy and make it available to the "
                       "department upon request (234.7(j))",
                       "by March 1, 2026 for the update (234.7(h)(3)); the policies themselves were due by July 1, 2018 (234.7(h)(1))",
                       to_whom="the local educational agency's own policies (the department upon request, 234.7(j))")),
    ],
    kind="duty",
)

# ---------------------------------------------------------------- 234.7(e)(1)
# "(e) The governing board or body of a local educational agency shall do all of the following: (1) (A) Provide
# information to parents and guardians, as appropriate, regarding their child's right to a free public education,
# regardless of immigration status or religious beliefs. This information shall include information relating to both
# of the following: (i) [the AG's "Know Your Educational Rights" guide] (ii) [the AG's guidance and model policies of
# January 6, 2025] ... (B) The information may be provided in the annual notification to parents and guardians
# pursuant to Section 48980 or any other cost-effective means ... (C) The guide specified in clause (i) subparagraph
# (A) shall be posted in the administrative buildings and on the internet websites of the local educational agency
# and each of its schoolsites. The guide shall be posted in every language that the Attorney General provides and
# shall be updated the school year following any updates published by the Attorney General."
# A standing duty with no date of its own, asked with the school questions as (h) is. (e)(2) (educating pupils about
# bullying) is not an immigration enforcement question and is not answered.
parent_information = Decision(
    "inform_parents_of_educational_rights",
    "Inform parents of the right to a free public education regardless of immigration status, and post the Know Your Educational Rights guide", ACT,
    lea & asks(R.ENTER_NONPUBLIC_AREA, R.PUPIL_INFORMATION, R.COLLECT_IMMIGRATION_STATUS),
    [
        Rule("school.parent_information", REQ, ("edc 234.7(e)(1)", "edc 234.7(e)(1)(C)"),
             "The governing board or body must provide parents and guardians, as appropriate, information on their "
             "child's right to a free public education regardless of immigration status or religious beliefs, including "
             "the Attorney General's \"Know Your Educational Rights\" guide and the guidance and model policies of "
             "January 6, 2025 (family safety plans, the caregiver's authorization affidavit, emergency contacts); it may "
             "do so in the annual notification to parents or another cost-effective means (234.7(e)(1)(B)). The guide "
             "must be posted in the administrative buildings and on the websites of the agency and each schoolsite, in "
             "every language the Attorney General provides, and updated the school year after the Attorney General "
             "updates it (234.7(e)(1)(C)).",
             duty=Duty("Provide parents and guardians information on the right to a free public education regardless of "
                       "immigration status, including the Know Your Educational Rights guide; post the guide in the "
                       "administrative buildings and on the websites of the agency and each schoolsite, in every language "
                       "the Attorney General provides",
                       "the statute sets no date; the posted guide is updated the school year following any update by the "
                       "Attorney General",
                       to_whom="parents and guardians; the public (posting)")),
    ],
    kind="duty",
)

DECISIONS = [collect_status, enter_nonpublic, identification, disclose, report, model_policies, parent_information]
