"""The questionnaire in real headless Chromium (Debian's build, driven by Playwright): walk examples/ cases and check
the answers and citations on the page against the engine. Screenshots go to test-artifacts/."""

import datetime as dt
from pathlib import Path

import pytest

from sanctuary.engine.rulebook import default_rulebook
from sanctuary.service.interview import plan
from sanctuary.vocabulary.load import case_from_data

from svc_helpers import ROOT, case_value, example

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-artifacts" / "service"
STATUS_WORDS = {"prohibited": "PROHIBITED", "permitted": "PERMITTED", "required": "REQUIRED",
                "needs_review": "NEEDS REVIEW", "unenforceable": "UNENFORCEABLE"}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def walk(page, base, name):
    data = example(name)
    case = case_from_data(data)
    p = plan(default_rulebook(), case.actor.kind, list(case.request.asks), case.as_of)
    page.goto(base + "/")
    page.click("#path-clerk")
    page.check(f"input[name=actor][value={case.actor.kind.value}]")
    for a in case.request.asks:
        page.check(f"input[name=asks][value={a.value}]")
    page.fill("#as_of", case.as_of.isoformat())
    page.click("button[type=submit]")
    if not p.empty:
        page.wait_for_selector("#decide")
        asked = {q.id for q in p.questions}
        # only the questions that matter: none other is on the page
        for q in p.questions:
            v = case_value(case, q.path)
            page.check(f"input[name={q.id}][value={'unknown' if v is None else 'yes' if v else 'no'}]")
        assert page.locator("fieldset.q").count() == len(asked)
        for d in case.request.documents:
            if d in p.documents:
                page.check(f"input[name=documents][value={d.value}]")
        if p.convictions:
            for i, c in enumerate(case.person.history.convictions):
                if i:
                    page.click("button[name=add_row][value=conv]")
                    for q in p.questions:  # the answers survive the round trip
                        v = case_value(case, q.path)
                        assert page.is_checked(f"input[name={q.id}][value={'unknown' if v is None else 'yes' if v else 'no'}]")
                page.fill(f"#conv-{i}-citation", c.citation)
                page.select_option(f"#conv-{i}-level", c.level.value)
                page.fill(f"#conv-{i}-date", c.date.isoformat())
                page.select_option(f"#conv-{i}-jurisdiction", c.jurisdiction.value)
        else:
            assert page.locator("#q-convictions").count() == 0
        if p.charges:
            for i, c in enumerate(case.person.history.pending_charges):
                page.fill(f"#charge-{i}-citation", c.citation)
                page.select_option(f"#charge-{i}-level", c.level.value)
                if c.magistrate_probable_cause:
                    page.check(f"input[name=charge-{i}-magistrate_pc]")
        page.click("#decide")
    page.wait_for_selector("ol.answers")
    return case


@pytest.mark.parametrize("name", ["jail-detainer-robbery-conviction", "jail-magistrate-probable-cause",
                                  "police-i200-arrest", "jail-interview-request", "cdcr-detainer"])
def test_walk_example(browser, live_server, name):
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    case = walk(page, live_server, name)
    want = default_rulebook().decide(case)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    for a in want.answers:
        li = page.locator(f"#answer-{a.action}")
        assert li.count() == 1, a.action
        assert li.locator(".status").inner_text().strip().endswith(STATUS_WORDS[a.status]), a.action
        text = li.inner_text()
        assert a.reason[:60] in text
        for c in a.citations:
            assert c.display in text
            assert " ".join(c.quote.split())[:80] in " ".join(text.split())
    assert page.locator("ol.answers > li").count() == len(want.answers)
    assert "Not legal advice" in page.inner_text("body")
    page.close()


def test_phone_and_keyboard_only(browser, live_server):
    """A phone-sized screen, keyboard only: the interview question for an interview request has no criminal-history
    questions, and the answer is readable as words."""
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(live_server + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    page.keyboard.press("Tab")  # first path
    assert page.evaluate("document.activeElement.id") == "path-clerk"
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=actor]")
    page.focus("input[name=actor][value=county_jail]")
    page.keyboard.press("Space")
    page.focus("input[name=asks][value=interview]")
    page.keyboard.press("Space")
    page.focus("#as_of")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_selector("#decide")
    assert page.locator("#q-convictions").count() == 0 and page.locator("#q-charges").count() == 0
    assert page.locator("#q-task_force_primary_purpose_immigration").count() == 0
    page.focus("input[name=local_policy_restricts][value=no]")
    page.keyboard.press("Space")
    page.focus("input[name=interview_declined][value=no]")  # the consent form's answer (7283.1(a))
    page.keyboard.press("Space")
    page.focus("input[name=in_custody][value=yes]")  # (b)(5) and 7283.1(a) are about a person in custody
    page.keyboard.press("Space")
    page.focus("#decide")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.answers")
    words = page.locator(".status").all_inner_texts()
    assert words and all(any(w in t for w in STATUS_WORDS.values()) for t in words)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1  # no sideways scrolling
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-interview.png"), full_page=True)
    page.close()


def test_task_force_questions_only_for_task_force(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/ask/clerk")
    page.check("input[name=actor][value=county_sheriff]")
    page.check("input[name=asks][value=joint_task_force]")
    page.click("button[type=submit]")
    page.wait_for_selector("#decide")
    assert page.locator("#q-task_force_primary_purpose_immigration").count() == 1
    assert page.locator("#q-convictions").count() == 0
    # leave a required question unanswered: the browser keeps us on the page (no silent default)
    page.click("#decide")
    assert page.locator("ol.answers").count() == 0
    page.close()


# ---------------------------------------------------------------------------- printable notices

def _no_csp_violations(page) -> list[str]:
    msgs: list[str] = []
    page.on("console", lambda m: msgs.append(m.text) if "Content Security Policy" in m.text else None)
    return msgs


def test_jail_interview_to_the_printable_consent_form_on_a_phone(browser, live_server, tmp_path):
    """Phone-sized, keyboard for the buttons: the interview answer offers the 7283.1(a) consent form; its small form
    asks only the agency's name, the interview's purpose and (optionally) the person's reference; the PDF downloads
    and the printable page shows the statute's content with its stylesheet allowed."""
    page = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, accept_downloads=True)
    csp = _no_csp_violations(page)
    walk(page, live_server, "jail-interview-request")
    offers = page.locator("div.notice-offer")
    assert offers.count() == 1 and "Written Consent Form" in offers.inner_text()
    page.focus("#fill-interview-consent")
    page.keyboard.press("Enter")
    page.wait_for_selector("#notice-form")
    assert sorted(page.eval_on_selector_all("#notice-form [name^='nf.']", "els => els.map(e => e.name)")) == \
        ["nf.actor.name", "nf.person.reference", "nf.request.interview_purpose"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    # asking for the page before giving the fields: the same form, naming them
    page.focus("#make-html")
    page.keyboard.press("Enter")
    page.wait_for_selector("#errors")
    assert "request.interview_purpose" in page.inner_text("#errors")
    # focus moves to the errors, for a screen reader (enhance.js, once the page has loaded)
    # polled from Python (expect), not page.wait_for_function: a string predicate that is not true at once is
    # re-evaluated with eval, which the page's CSP (script-src 'self') rightly blocks
    from playwright.sync_api import expect

    expect(page.locator("#errors")).to_be_focused(timeout=10000)
    page.fill("[name='nf.actor.name']", "Example County Sheriff, Custody Division")
    page.fill("[name='nf.request.interview_purpose']", "Questions about your immigration case")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "notice-form-phone.png"), full_page=True)
    with page.expect_download() as dl:
        page.click("#make-pdf")
    pdf = tmp_path / "consent.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF") and dl.value.suggested_filename == "interview-consent.pdf"
    page.click("#make-html")
    page.wait_for_selector("#voluntary")
    text = page.inner_text("body")
    assert "The interview is voluntary." in text and "Questions about your immigration case" in text
    assert "English, Spanish, Chinese, Tagalog, Vietnamese, Korean" in text
    # the notice's own stylesheet applied (allowed by its hash): the warning box has its border
    assert page.eval_on_selector(".warn", "e => getComputedStyle(e).borderTopStyle") == "solid"
    assert not csp, csp
    page.screenshot(path=str(SHOTS / "notice-interview-consent.png"), full_page=True)
    page.close()


def test_employer_inspection_to_the_printable_posting(browser, live_server, tmp_path):
    page = browser.new_page(viewport={"width": 1000, "height": 900}, accept_downloads=True)
    csp = _no_csp_violations(page)
    page.goto(live_server + "/")
    page.click("#path-employer")
    page.check("input[name=actor][value=private_employer]")
    page.check("input[name=asks][value=i9_inspection]")
    page.fill("#as_of", "2026-03-06")
    page.click("button[type=submit]")
    page.wait_for_selector("#decide")
    page.check("input[name=documents][value=notice_of_inspection]")
    for q, v in (("federal_law_requires_otherwise", "no"), ("records_covered_by_notice_of_inspection", "yes"),
                 ("employees_have_authorized_representative", "no"), ("federal_direction_not_to_notify", "no"),
                 ("employee_requested_notice_copy", "no")):
        page.check(f"input[name={q}][value={v}]")
    page.fill("#notice_of_inspection_received_at", "2026-03-06T15:30")
    page.click("#decide")
    page.wait_for_selector("ol.answers")
    assert [t.split("\n")[0] for t in page.locator("div.notice-offer h3").all_inner_texts()] == [
        "Notice to Employees of an Inspection of I-9 Forms or Other Employment Records",
        "Notice to Affected Employee of the Results of an Immigration Inspection (when it applies)"]
    page.click("#fill-employee-posting")
    page.wait_for_selector("#notice-form")
    # what the questionnaire asked is filled in already
    assert page.input_value("[name='nf.employer.notice_of_inspection_received_at']") == "2026-03-06T15:30"
    page.fill("[name='nf.actor.name']", "Valley Warehouse LLC")
    page.fill("[name='nf.employer.agency']", "U.S. Immigration and Customs Enforcement (ICE)")
    with page.expect_download() as dl:
        page.click("#make-pdf")
    pdf = tmp_path / "posting.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.click("#make-html")
    page.wait_for_selector("#agency")
    text = page.inner_text("body")
    assert "U.S. Immigration and Customs Enforcement (ICE)" in page.inner_text("#agency")
    assert "March 6, 2026" in page.inner_text("#received")
    assert "Post by: Monday, March 9, 2026, 4:30 PM PDT" in text
    assert not csp, csp
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "notice-employee-posting.png"), full_page=True)
    page.close()
