"""The TRUTH Act notices of Gov. Code 7283.1: each carries the content the statute names (checked against the corpus
text, not against a copy in this test), is called for exactly when the engine's answer has the duty, refuses to print
what it lacks (naming each field), and renders to a valid PDF; the CLI lists and writes them."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.engine.rulebook import default_rulebook
from sanctuary.law.corpus import default_corpus
from sanctuary.notices import NoticeError, choose, offer, render_html, render_pdf, specs
from sanctuary.notices.truth import COMPLY_ACTION
from sanctuary.vocabulary.load import CaseError, case_from_data

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
AGENCY = "Example County Sheriff, Custody Division"


def plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html)
    for a, b in (("&#39;", "'"), ("&amp;", "&"), ("&#34;", '"'), ("&quot;", '"'), ("&nbsp;", " ")):
        text = text.replace(a, b)
    return " ".join(text.split())


def pdf_pages(html: str) -> list[str]:
    from weasyprint import HTML

    doc = HTML(string=html).render()
    return [" ".join(" ".join(b.text for b in p._page_box.descendants() if isinstance(getattr(b, "text", None), str)).split())
            for p in doc.pages]


def statute(address: str) -> str:
    return " ".join(default_corpus().quote(address).replace("’", "'").split())


def data(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())


def interview_case(**request):
    return case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail", "name": AGENCY},
                           "request": {"asks": ["interview"], "interview_purpose": "Questions about your immigration case", **request}})


def robbery(**request):
    d = data("jail-detainer-robbery-conviction")
    d["request"].update(request)
    return d


# ---------------------------------------------------------------------------- the registry

def test_every_notice_cites_provisions_in_the_corpus():
    corpus = default_corpus()
    for name, spec in specs().items():
        assert spec.cites, name
        for c in spec.cites:
            assert corpus.exists(c), f"{name} cites {c}, not in the corpus"


def test_comply_actions_are_the_rulebook_actions():
    actions = {d.action for d in default_rulebook().decisions}
    assert set(COMPLY_ACTION.values()) <= actions


# ---------------------------------------------------------------------------- 7283.1(a): consent form

def test_consent_form_carries_what_7283_1_a_requires():
    law = statute("gov 7283.1(a)")
    # the statute's own words for what the form explains, found in the corpus ...
    for words in ("explains the purpose of the interview", "the interview is voluntary", "may decline to be interviewed",
                  "may choose to be interviewed only with the individual's attorney present", "regarding civil immigration violations"):
        assert words in law, words
    text = plain(render_html("interview-consent", interview_case()))
    # ... and on the form, addressed to the person
    for words in ("The purpose of the interview", "Questions about your immigration case", "The interview is voluntary.",
                  "You may decline to be interviewed", "interviewed only with your attorney present",
                  "regarding civil immigration violations", f"in the custody of {AGENCY}", "7283.1(a)"):
        assert words in text, words
    # the agency's page quotes the statute itself
    assert law[:200] in text.replace("’", "'")


def test_consent_form_names_the_statutes_languages_and_says_only_english_is_bundled():
    law = statute("gov 7283.1(a)")
    m = re.search(r"available in ([A-Za-z, ]+), and ([A-Za-z]+)\.", law)
    languages = [x.strip() for x in m.group(1).split(",")] + [m.group(2)]
    assert languages == ["English", "Spanish", "Chinese", "Tagalog", "Vietnamese", "Korean"]
    text = plain(render_html("interview-consent", interview_case()))
    assert "Translations required, not included" in text and "English text only; no translation is bundled" in text
    assert ", ".join(languages) in text
    assert "county threshold" in text


def test_consent_pdf_two_pages_form_first():
    case = interview_case()
    pdf = render_pdf("interview-consent", case)
    assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:] and len(pdf) > 5000
    pages = pdf_pages(render_html("interview-consent", case))
    assert len(pages) == 2
    assert "The interview is voluntary." in pages[0] and "I decline to be interviewed." in pages[0]
    assert "do not give this page to the person" in pages[1] and "in advance of the interview" in pages[1]


@pytest.mark.parametrize("actor,in_custody,asks,want", [
    ("county_jail", True, ["interview"], True),
    ("city_police", True, ["interview"], True),
    ("county_jail", False, ["interview"], False),  # 7283.1(a): "an individual in local law enforcement custody"
    ("cdcr", True, ["interview"], False),  # not a local law enforcement agency (the engine gives no such duty)
    ("county_jail", True, ["hold"], False),
])
def test_consent_form_called_for_when_the_answer_has_the_duty(actor, in_custody, asks, want):
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": actor}, "request": {"asks": asks},
                           "person": {"in_custody": in_custody}})
    assert ("interview-consent" in choose(case)) is want
    has_duty = any(a.action == "give_interview_consent_form" for a in default_rulebook().decide(case).answers)
    assert want <= has_duty


def test_consent_form_missing_fields_named():
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail"}, "request": {"asks": ["interview"]}})
    with pytest.raises(NoticeError) as e:
        render_html("interview-consent", case)
    fields = [p.split(":")[0] for p in e.value.problems]
    assert fields == ["actor.name", "request.interview_purpose"]
    assert "7283.1(a)" in e.value.problems[1]


# ---------------------------------------------------------------------------- 7283.1(b): the request

def test_request_notice_says_for_each_ask_whether_the_agency_will_comply():
    law = statute("gov 7283.1(b)")
    assert "provide a copy of the request to the individual and inform the individual whether the law enforcement agency intends to comply with the request" in law
    case = case_from_data(robbery(agency_will_comply=["notification"]))
    assert choose(case) == ["request-notice", "release-notice"]
    html = render_html("request-notice", case)
    text = plain(html)
    assert "A copy of the request is given to you with this notice." in text
    assert f"Hold request : that this agency keep you in custody beyond the time you would otherwise be eligible for release" in text
    assert re.search(r'id="ask-hold">.*?<strong>No</strong>', html, re.S)
    assert re.search(r'id="ask-notification">.*?<strong>Yes</strong>', html, re.S)
    assert "Monday, November 2, 2026, 9:15 AM PST" in text  # received_at, in California time
    assert "must promptly give you the same notification in writing, and also to your attorney or to one additional person you may designate" in text
    # the agency's page: the answers for each ask, with their citations
    assert "PROHIBITED" in text and "Gov. Code § 7284.6(a)(1)(B)" in text and "upon receiving the request" in text
    pages = pdf_pages(html)
    assert "Notice of an ICE Request" in pages[0] and "Yes" in pages[0] and "PROHIBITED" not in pages[0]
    assert "do not give this page to the person" in pages[1]  # the agency's pages follow (the quotes run long)


def test_request_notice_will_not_say_the_agency_will_do_what_is_prohibited():
    case = case_from_data(robbery(agency_will_comply=["hold", "notification"]))
    with pytest.raises(NoticeError) as e:
        render_html("request-notice", case)
    assert len(e.value.problems) == 1
    assert e.value.problems[0].startswith("request.agency_will_comply: 'hold'") and "PROHIBITED" in e.value.problems[0]


def test_request_notice_missing_fields_named():
    d = robbery()
    del d["actor"]["name"]
    with pytest.raises(NoticeError) as e:
        render_html("request-notice", case_from_data(d))
    assert [p.split(":")[0] for p in e.value.problems] == ["actor.name", "request.agency_will_comply"]
    assert "hold, notification" in e.value.problems[1]


def test_request_notice_only_for_hold_notification_transfer_at_local_agencies():
    assert "request-notice" not in choose(interview_case())
    assert "request-notice" not in choose(case_from_data(data("cdcr-detainer")))
    assert "request-notice" in choose(case_from_data(data("jail-detainer-no-qualifying-record")))


def test_will_comply_must_be_one_of_the_asks():
    with pytest.raises(CaseError) as e:
        case_from_data(robbery(agency_will_comply=["transfer"]))
    assert "agency_will_comply" in str(e.value) and "transfer" in str(e.value)


# ---------------------------------------------------------------------------- 7283.1(b): the release notification

def test_release_notice_same_notification_in_writing():
    d = robbery(agency_will_comply=["notification"])
    d["person"]["release_at"] = "2026-11-05T10:00"
    html = render_html("release-notice", case_from_data(d))
    text = plain(html)
    assert "you are being, or will be, released on" in text and "Thursday, November 5, 2026, 10:00 AM PST" in text
    assert "the person's attorney, or one additional person the person designates" in text
    assert "promptly" in text
    d["person"]["release_at"] = "2026-11-05"
    text = plain(render_html("release-notice", case_from_data(d)))
    assert "released on: November 5, 2026" in text


def test_release_notice_only_where_the_notification_may_be_given():
    assert "release-notice" in choose(case_from_data(robbery()))  # intention not yet said: offered
    assert "release-notice" not in choose(case_from_data(robbery(agency_will_comply=[])))  # the agency will not notify ICE
    # no qualifying record: telling ICE the release date is prohibited, so no notice of it is offered
    assert "release-notice" not in choose(case_from_data(data("jail-detainer-no-qualifying-record")))
    with pytest.raises(NoticeError) as e:
        render_html("release-notice", case_from_data(data("jail-detainer-no-qualifying-record") | {"actor": {"kind": "county_jail", "name": "X"}}))
    assert any("PROHIBITED" in p for p in e.value.problems)


def test_release_notice_missing_date_named():
    with pytest.raises(NoticeError) as e:
        render_html("release-notice", case_from_data(robbery(agency_will_comply=["notification"])))
    assert [p.split(":")[0] for p in e.value.problems] == ["person.release_at"]


# ---------------------------------------------------------------------------- CLI

def test_cli_lists_and_writes_the_truth_notices(tmp_path):
    r = CliRunner().invoke(app, ["notice", "--list"])
    assert r.exit_code == 0
    for name in ("interview-consent", "request-notice", "release-notice", "employee-posting", "affected-employee"):
        assert name in r.output
    r = CliRunner().invoke(app, ["notice", "--list", str(EXAMPLES / "jail-interview-request.yaml")])
    assert r.exit_code == 0 and r.output.split()[0] == "interview-consent" and "request-notice" not in r.output
    d = robbery(agency_will_comply=["notification"])
    f = tmp_path / "case.yaml"
    f.write_text(yaml.safe_dump(d))
    out = tmp_path / "n.pdf"
    r = CliRunner().invoke(app, ["notice", str(f), "-o", str(out)])
    assert r.exit_code == 0 and out.read_bytes().startswith(b"%PDF-") and "request-notice" in r.output
    assert "release-notice" in r.output  # the case also calls for it


def test_cli_missing_field_exit_2_nothing_written(tmp_path):
    d = copy.deepcopy(robbery())
    f = tmp_path / "case.yaml"
    f.write_text(yaml.safe_dump(d))
    out = tmp_path / "n.html"
    r = CliRunner().invoke(app, ["notice", str(f), "--kind", "request-notice", "--format", "html", "-o", str(out)])
    assert r.exit_code == 2 and "request.agency_will_comply" in r.output and not out.exists()


def test_release_date_only_request_offered_with_the_engines_needs_review():
    """For a request only for the release date the engine answers the copy-of-request duty "needs review" (whether it
    is a "notification request" turns on 7283's definition, not in the corpus): the notice is offered, its row says
    what was asked, and the agency's page carries the review reason."""
    d = robbery(asks=["release_date"], agency_will_comply=["release_date"])
    d["request"]["documents"] = []
    case = case_from_data(d)
    answer = {a.action: a for a in default_rulebook().decide(case).answers}["give_person_copy_of_request"]
    assert answer.status == "needs_review"
    assert "request-notice" in choose(case)
    html = render_html("request-notice", case)
    assert re.search(r'id="ask-release_date">.*?Request for your release date.*?<strong>Yes</strong>', html, re.S)
    text = plain(html)
    assert "NEEDS REVIEW" in text and "notification request" in text


# ---------------------------------------------------------------------------- 7284.10(a)(1), (2): the department

CDCR_NAME = "California State Prison, Example"


def cdcr_case(**request) -> object:
    return case_from_data({"as_of": "2026-11-02", "actor": {"kind": "cdcr", "name": CDCR_NAME},
                           "request": {"asks": ["hold", "notification", "interview"], "documents": ["i247a"],
                                       "interview_purpose": "Questions about your immigration case", **request}})


def test_cdcr_gets_the_notices_its_duties_call_for():
    """The engine answers the department's duties of 7284.10(a)(1) and (a)(2) REQUIRED; no notice was offered for
    them (the TRUTH Act notices bind local agencies only)."""
    case = cdcr_case()
    duties = {a.action: a.status for a in default_rulebook().decide(case).answers}
    assert duties["cdcr_interview_consent_form"] == "required" and duties["cdcr_copy_of_request"] == "required"
    assert offer(case) == [("cdcr-interview-consent", True), ("cdcr-request-notice", True)]
    jail = interview_case()
    assert not {"cdcr-interview-consent", "cdcr-request-notice"} & set(choose(jail))


def test_cdcr_consent_form_carries_what_7284_10_a_1_requires():
    law = statute("gov 7284.10(a)(1)")
    for words in ("explains the purpose of the interview", "the interview is voluntary", "may decline to be interviewed",
                  "interviewed only with his or her attorney present", "regarding civil immigration violations",
                  "English, Spanish, Chinese, Tagalog, Vietnamese, and Korean"):
        assert words in law, words
    text = plain(render_html("cdcr-interview-consent", cdcr_case()))
    for words in ("Questions about your immigration case", "The interview is voluntary.", "You may decline to be interviewed",
                  "interviewed only with your attorney present", f"in the custody of {CDCR_NAME}", "7284.10(a)(1)",
                  "English, Spanish, Chinese, Tagalog, Vietnamese, Korean"):
        assert words in text, words
    # 7284.10(a)(1) has no county-threshold languages, and "ICE access" is the TRUTH Act's (7283(d))
    assert "county threshold" not in text and "7283.1" not in text and "7283(d)" not in text
    assert law[:150] in text.replace("’", "'")
    assert render_pdf("cdcr-interview-consent", cdcr_case()).startswith(b"%PDF-")


def test_cdcr_request_notice_says_whether_the_department_will_comply():
    law = statute("gov 7284.10(a)(2)")
    assert "provide a copy of the request to the individual and inform him or her whether the department intends to comply" in law
    with pytest.raises(NoticeError) as e:
        render_html("cdcr-request-notice", cdcr_case())
    assert any(p.startswith("request.agency_will_comply: not given; 7284.10(a)(2)") for p in e.value.problems)
    text = plain(render_html("cdcr-request-notice", cdcr_case(agency_will_comply=["notification"])))
    assert "Hold request" in text and f"No : {CDCR_NAME} does not intend to comply" in text
    assert f"Yes : {CDCR_NAME} intends to comply" in text and "7284.10(a)(2)" in text
    assert "7283.1" not in text  # the release-notice paragraph is 7283.1(b)'s, not the department's


def test_cdcr_notices_refuse_a_local_agency():
    jail = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "county_jail", "name": "X"},
                           "request": {"asks": ["interview"], "interview_purpose": "x"}})
    with pytest.raises(NoticeError) as e:
        render_html("cdcr-interview-consent", jail)
    assert any(p.startswith("actor.kind: 'county_jail' is not the Department of Corrections") for p in e.value.problems)


def test_state_agency_consent_form_through_7284_6_b_5():
    """The engine requires the consent form of a state agency through 7284.6(b)(5) ("All interview access shall comply
    with requirements of the TRUTH Act"), and the notice list called it for; printing it was refused ("is not a local
    law enforcement agency"). Now it prints, naming (b)(5) as what applies 7283.1(a) to the agency."""
    b5 = statute("gov 7284.6(b)(5)")
    assert "All interview access shall comply with requirements of the TRUTH Act" in b5
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "state_law_enforcement", "name": "California Highway Patrol"},
                           "request": {"asks": ["interview"], "interview_purpose": "Questions about your immigration case"}})
    duty = {a.action: a for a in default_rulebook().decide(case).answers}["give_interview_consent_form"]
    assert duty.status == "required" and duty.citations[0].address == "gov 7284.6(b)(5)"
    assert "interview-consent" in choose(case)
    text = plain(render_html("interview-consent", case))
    for words in ("The interview is voluntary.", "in the custody of California Highway Patrol", "7283.1(a)", "7284.6(b)(5)",
                  "All interview access shall comply with requirements of the TRUTH Act"):
        assert words in text, words
    # the request notice of 7283.1(b) has no such bridge: still refused for a state agency
    hold = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "state_law_enforcement", "name": "X"},
                           "request": {"asks": ["hold"], "agency_will_comply": []}})
    with pytest.raises(NoticeError) as e:
        render_html("request-notice", hold)
    assert any(p.startswith("actor.kind: 'state_law_enforcement' is not a local law enforcement agency") for p in e.value.problems)


def test_school_police_consent_form_names_7284_6_b_5_as_the_engine_does():
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "school_police", "name": "Example USD Police"},
                           "request": {"asks": ["interview"], "interview_purpose": "x"}})
    duty = {a.action: a for a in default_rulebook().decide(case).answers}["give_interview_consent_form"]
    assert duty.citations[0].address == "gov 7284.6(b)(5)"
    assert "applies to this agency through section 7284.6(b)(5)" in plain(render_html("interview-consent", case))
    # a county jail's duty is 7283.1(a)'s own: no bridge sentence
    assert "7284.6(b)(5)" not in plain(render_html("interview-consent", interview_case())).split("For the agency")[0]


def test_cdcr_asking_the_local_consent_form_is_pointed_to_its_own():
    case = case_from_data({"as_of": "2026-11-02", "actor": {"kind": "cdcr", "name": "X"},
                           "request": {"asks": ["interview"], "interview_purpose": "x"}})
    with pytest.raises(NoticeError) as e:
        render_html("interview-consent", case)
    assert any("cdcr-interview-consent (7284.10(a)(1))" in p for p in e.value.problems)


# ---------------------------------------------------------------------------- 7283.1(b): an agency that will not notify ICE
# "If a local law enforcement agency provides ICE with notification that an individual is being, or will be, released
# on a certain date, the local law enforcement agency shall promptly provide the same notification in writing ...":
# the duty arises from the act, not from an intention stated beforehand. The answer stays a conditional duty (the bulk
# audit flags it only where agency_response is complied), but says that no notice is owed without the notification,
# and the request notice's agency page says so where request.agency_will_comply leaves the notification out.

def test_release_notice_duty_says_no_notice_is_owed_without_the_notification():
    law = statute("gov 7283.1(b)")
    assert "If a local law enforcement agency provides ICE with notification that an individual is being, or will be, released on a certain date" in law
    answers = {a.action: a for a in default_rulebook().decide(case_from_data(robbery(agency_will_comply=[]))).answers}
    a = answers["notify_person_of_release_notice"]
    assert a.status == "required" and a.duty.only_if
    assert "no written notice is owed" in a.reason


def test_request_notice_agency_page_says_the_release_notice_is_not_called_for_unless_ice_is_told():
    text = plain(render_html("request-notice", case_from_data(robbery(agency_will_comply=[]))))
    person, agency = text.split("do not give this page to the person", 1)
    assert "must promptly give you the same notification" not in person  # the agency will not notify ICE
    assert "does not intend to give ICE the release date" in agency
    assert "no written release notice is owed" in agency and "if it gives ICE the release date after all" in agency
    assert "release-notice" in agency  # the notice to print then
    # intends to notify: the person's page says what follows, the agency page does not repeat the caveat
    text = plain(render_html("request-notice", case_from_data(robbery(agency_will_comply=["notification"]))))
    assert "does not intend to give ICE the release date" not in text
