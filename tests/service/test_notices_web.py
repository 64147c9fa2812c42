"""The printable notices from the web questionnaire: the answer page offers exactly the notices the case calls for
(`notices.offer`), each as a printable page and a PDF; a notice that needs more than the questionnaire asked gets a
small form with only its fields; a notice asked for with fields missing is refused with 422 naming each one; the
printed text carries the statute's required content and citations; nothing is stored and nothing identifying is
logged; the login gate covers these pages too."""

import logging
import re

import pytest

from sanctuary.law.corpus import default_corpus

from svc_helpers import PASSWORD

JAIL = "Example County Sheriff, Custody Division"
INTERVIEW = {"actor": "county_jail", "asks": ["interview"], "as_of": "2026-11-02", "local_policy_restricts": "no"}
ROBBERY = {"actor": "county_jail", "asks": ["hold", "notification"], "as_of": "2026-11-02", "documents": ["i247a"],
           "local_policy_restricts": "no", "information_is_public": "no", "current_sex_arson_registrant": "no",
           "federal_felony_warrant_identified_by_ice": "no", "conv-0-citation": "PC 211", "conv-0-level": "felony",
           "conv-0-date": "2016-04-12", "conv-0-jurisdiction": "california"}
NO_RECORD = ROBBERY | {"conv-0-citation": "", "conv-0-date": ""}
CDCR = {"actor": "cdcr", "asks": ["hold"], "as_of": "2026-11-02", "documents": ["i247a"]}
EMPLOYER = {"actor": "private_employer", "asks": ["i9_inspection"], "as_of": "2026-03-06", "documents": ["notice_of_inspection"],
            "federal_law_requires_otherwise": "no", "records_covered_by_notice_of_inspection": "yes",
            "notice_of_inspection_received_at": "2026-03-06T15:30", "employees_have_authorized_representative": "no",
            "federal_direction_not_to_notify": "no"}
KITCHEN = {"actor": "private_employer", "asks": ["worksite_entry"], "as_of": "2026-03-06", "area": "nonpublic",
           "escort_to_verify_warrant": "no", "employees_present_in_area": "yes", "federal_law_requires_otherwise": "no"}
PATH = {"county_jail": "clerk", "cdcr": "clerk", "private_employer": "employer"}


def answer_page(client, form):
    r = client.post(f"/ask/{PATH[form['actor']]}/answer", data=form)
    assert r.status_code == 200, r.text[:2000]
    assert "ol class=\"answers\"" in r.text
    return r.text


def offered(html: str) -> list[str]:
    return re.findall(r'<div class="notice-offer" id="notice-([a-z-]+)">', html)


def notice(client, form, name, **fields):
    return client.post(f"/ask/{PATH[form['actor']]}/notice/{name}", data=form | fields)


def plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    for a, b in (("&#39;", "'"), ("&amp;", "&"), ("&#34;", '"'), ("&nbsp;", " ")):
        text = text.replace(a, b)
    return " ".join(text.split())


@pytest.mark.parametrize("form,want", [
    (INTERVIEW, ["interview-consent"]),
    (ROBBERY, ["request-notice", "release-notice"]),
    (NO_RECORD, ["request-notice"]),  # telling ICE the release date is prohibited: no release notice offered
    (CDCR, ["cdcr-request-notice"]),  # not the TRUTH Act's (local agencies): Gov. Code 7284.10(a)(2)
    (EMPLOYER, ["employee-posting", "affected-employee"]),
    (KITCHEN, []),
])
def test_answer_page_offers_the_notices_the_case_calls_for(client, form, want):
    html = answer_page(client, form)
    assert offered(html) == want
    if not want:
        assert 'id="notices"' not in html


def test_each_offer_has_a_printable_page_and_a_pdf_once_ready(client):
    html = answer_page(client, EMPLOYER | {"actor": "private_employer"})
    # the questionnaire did not ask the employer's name or the agency: the offer says it needs details first
    block = html.split('id="notice-employee-posting"')[1].split('class="notice-offer"')[0]
    assert 'id="fill-employee-posting"' in block and 'id="html-employee-posting"' not in block
    assert "Needs 2 more details first." in block
    assert "within 72 hours" in block and "lab 90.2(a)(1)" in block


def test_extra_form_asks_only_the_notices_fields(client):
    r = notice(client, INTERVIEW, "interview-consent")
    assert r.status_code == 200
    names = set(re.findall(r'name="(nf\.[^"]+)"', r.text))
    assert names == {"nf.actor.name", "nf.request.interview_purpose", "nf.person.reference"}
    assert "actor.name: missing" in r.text and "request.interview_purpose: missing" in r.text  # "still needed"
    # the questionnaire's answers ride along, hidden, so nothing is kept on the server
    assert 'type="hidden" name="local_policy_restricts" value="no"' in r.text
    r = notice(client, ROBBERY, "request-notice")
    names = set(re.findall(r'name="(nf\.[^"]+)"', r.text))
    assert names == {"nf.actor.name", "nf.request.agency_will_comply.hold", "nf.request.agency_will_comply.notification",
                     "nf.request.received_at", "nf.person.reference"}
    r = notice(client, EMPLOYER, "affected-employee")
    assert {"nf.employer.results_received_at", "nf.actor.name"} <= set(re.findall(r'name="(nf\.[^"]+)"', r.text))
    assert 'name="nfemp-0-reference"' in r.text and 'name="nfemp-1-reference"' not in r.text
    r = notice(client, EMPLOYER, "affected-employee", add_emp="1", **{"nfemp-0-reference": "E1"})
    assert r.status_code == 200 and 'name="nfemp-1-reference"' in r.text and 'value="E1"' in r.text


@pytest.mark.parametrize("form,name,fields", [
    (INTERVIEW, "interview-consent", ["actor.name", "request.interview_purpose"]),
    (ROBBERY, "request-notice", ["actor.name", "request.agency_will_comply"]),
    (ROBBERY, "release-notice", ["actor.name", "person.release_at"]),
    (EMPLOYER, "employee-posting", ["employer.employer_name (or actor.name)", "employer.agency"]),
    (EMPLOYER, "affected-employee", ["employer.employer_name (or actor.name)", "employer.results_received_at", "employer.affected_employees"]),
])
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_missing_fields_422_naming_each(client, form, name, fields, fmt):
    r = notice(client, form, name, format=fmt)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    errors = r.text.split('id="errors"')[1].split("</div>")[0]
    got = [plain(li).split(":")[0] for li in re.findall(r"<li>(.*?)</li>", errors, re.S)]
    assert got == fields
    assert 'id="notice-form"' in r.text  # the form to give them is right there


def test_interview_consent_html_and_pdf(client):
    fields = {"nf.actor.name": JAIL, "nf.request.interview_purpose": "Questions about your immigration case"}
    r = notice(client, INTERVIEW, "interview-consent", format="html", **fields)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = plain(r.text)
    for words in ("The interview is voluntary.", "You may decline to be interviewed",
                  "interviewed only with your attorney present", "Questions about your immigration case",
                  "English, Spanish, Chinese, Tagalog, Vietnamese, Korean", "English text only", "gov 7283.1(a)",
                  "Gov. Code § 7283.1(a)"):
        assert words in text, words
    quote = " ".join(default_corpus().quote("gov 7283.1(a)").split())
    assert quote[:150].replace("’", "'") in text.replace("’", "'")
    # the page's own policy lets its inline stylesheet (by hash) and nothing else
    csp = r.headers["content-security-policy"]
    assert "style-src 'sha256-" in csp and "script-src" not in csp and "default-src 'none'" in csp
    r = notice(client, INTERVIEW, "interview-consent", format="pdf", **fields)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and len(r.content) > 5000
    assert 'filename="interview-consent.pdf"' in r.headers["content-disposition"]


def test_request_and_release_notices(client):
    fields = {"nf.actor.name": JAIL, "nf.request.agency_will_comply.hold": "no",
              "nf.request.agency_will_comply.notification": "yes"}
    r = notice(client, ROBBERY, "request-notice", format="html", **fields)
    assert r.status_code == 200, r.text[:3000]
    text = plain(r.text)
    assert "A copy of the request is given to you with this notice." in text
    assert re.search(r'id="ask-hold">.*?<strong>No</strong>', r.text, re.S)
    assert re.search(r'id="ask-notification">.*?<strong>Yes</strong>', r.text, re.S)
    assert "Gov. Code § 7283.1(b)" in text and "gov 7283.1(b)" in text
    # saying the agency will hold the person is saying it will do what 7284.6(a)(1)(B) prohibits: refused
    r = notice(client, ROBBERY, "request-notice", format="pdf", **(fields | {"nf.request.agency_will_comply.hold": "yes"}))
    assert r.status_code == 422 and "PROHIBITED" in r.text and "7284.6(a)(1)(B)" in r.text
    r = notice(client, ROBBERY, "request-notice", format="pdf", **fields)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = notice(client, ROBBERY, "release-notice", format="html", **{"nf.actor.name": JAIL, "nf.person.release_at": "2026-11-05",
                                                                   "nf.person.release_at.time": "10:00"})
    assert r.status_code == 200
    text = plain(r.text)
    assert "Thursday, November 5, 2026, 10:00 AM PST" in text and "the same notification, given to you in writing" in text


def test_employer_notices_html_and_pdf(client):
    fields = {"nf.actor.name": "Valley Warehouse LLC", "nf.employer.agency": "U.S. Immigration and Customs Enforcement"}
    r = notice(client, EMPLOYER, "employee-posting", format="html", **fields)
    assert r.status_code == 200
    text = plain(r.text)
    for words in ("(A) Name of the immigration agency conducting the inspection", "U.S. Immigration and Customs Enforcement",
                  "(B) Date the employer received notice of the inspection", "March 6, 2026",
                  "(D) Copy of the Notice of Inspection", "Post by: Monday, March 9, 2026, 4:30 PM PDT", "lab 90.2(a)(1)(A)"):
        assert words in text, words
    r = notice(client, EMPLOYER, "employee-posting", format="pdf", **fields)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    emp = {"nf.actor.name": "Valley Warehouse LLC", "nf.employer.results_received_at": "2026-04-10T09:00",
           "nfemp-0-reference": "Employee 1042", "nfemp-0-deficiencies": "Section 1 not signed\nSection 2 late",
           "nfemp-0-correction_period": "10 business days", "nfemp-1-reference": "Employee 2210",
           "nfemp-1-deficiencies": "List A document expired", "nfemp-1-correction_period": "10 business days",
           "nfemp-1-meeting_at": "2026-04-14T10:00"}
    r = notice(client, EMPLOYER | {"as_of": "2026-04-10"}, "affected-employee", format="html", **emp)
    assert r.status_code == 200, r.text[:3000]
    text = plain(r.text)
    assert r.text.count("<h1>Notice to Affected Employee</h1>") == 2 and "Section 2 late" in text
    assert "Tuesday, April 14, 2026, 10:00 AM PDT" in text and "Deliver by: Monday, April 13, 2026, 9:00 AM PDT" in text
    assert "You have the right to representation during any meeting scheduled with the employer." in text
    # an employee row without its correction period: named
    bad = emp | {"nfemp-1-correction_period": ""}
    r = notice(client, EMPLOYER | {"as_of": "2026-04-10"}, "affected-employee", format="pdf", **bad)
    assert r.status_code == 422 and "employer.affected_employees[1].correction_period" in r.text


def test_notice_not_called_for_is_refused(client):
    r = notice(client, KITCHEN, "employee-posting", format="html")
    assert r.status_code == 422 and "does not call for" in r.text
    r = notice(client, CDCR, "request-notice", format="pdf")
    assert r.status_code == 422
    r = notice(client, INTERVIEW, "no-such-notice")
    assert r.status_code == 404


def test_bad_values_422_naming_the_field(client):
    r = notice(client, ROBBERY, "release-notice", format="html", **{"nf.actor.name": JAIL, "nf.person.release_at": "2026-13-45"})
    assert r.status_code == 422 and "person.release_at" in r.text
    r = notice(client, INTERVIEW, "interview-consent", format="html", **{"nf.actor.name": "x" * 300,
                                                                        "nf.request.interview_purpose": "y"})
    assert r.status_code == 422 and "actor.name" in r.text


def test_nothing_stored_and_no_identifiers_logged(client, store, caplog):
    secret = "BOOKING-SECRET-4411"
    with caplog.at_level(logging.DEBUG):
        r = notice(client, INTERVIEW, "interview-consent", format="pdf", **{"nf.actor.name": JAIL, "nf.person.reference": secret,
                                                                           "nf.request.interview_purpose": "p"})
        assert r.status_code == 200
        r = notice(client, INTERVIEW, "interview-consent", format="html", **{"nf.person.reference": secret})
        assert r.status_code == 422 and secret in r.text  # given back to the user on the form, nowhere else
    text = "\n".join(rec.getMessage() for rec in caplog.records if not rec.name.startswith(("httpx", "httpcore")))
    assert "/notice/{name}" in text and secret not in text
    assert store.count() == 0


def test_login_gate_covers_notices(remote):
    r = remote.post("/ask/clerk/notice/interview-consent", data=INTERVIEW | {"format": "pdf"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    r = remote.post("/login", data={"username": "clerk", "password": PASSWORD, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303
    r = remote.post("/ask/clerk/notice/interview-consent", data=INTERVIEW | {"format": "pdf"})
    assert r.status_code == 403  # no form token
    csrf = re.search(r'name="csrf" value="([^"]+)"', remote.get("/ask/clerk").text).group(1)
    r = remote.post("/ask/clerk/notice/interview-consent", data=INTERVIEW | {
        "csrf": csrf, "format": "pdf", "nf.actor.name": JAIL, "nf.request.interview_purpose": "p"})
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_cdcr_request_notice_through_the_web(client):
    r = notice(client, CDCR, "cdcr-request-notice", format="html")
    assert r.status_code == 422 and "actor.name: missing" in plain(r.text)
    r = notice(client, CDCR, "cdcr-request-notice", format="html",
               **{"nf.actor.name": "California State Prison, Example", "nf.request.agency_will_comply.hold": "no"})
    assert r.status_code == 200, plain(r.text)[:1000]
    text = plain(r.text)
    assert "No : California State Prison, Example does not intend to comply" in text and "7284.10(a)(2)" in text
