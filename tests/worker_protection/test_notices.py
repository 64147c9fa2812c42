"""The Labor Code 90.2 notices: the HTML that feeds the PDF carries every element the statute requires, the PDF is a
valid non-empty PDF whose laid-out text (read back from WeasyPrint's layout) carries them too, and the CLI refuses
bad input with exit 2 and writes nothing."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sanctuary.cli import app
from sanctuary.notices import NoticeError, render_html
from sanctuary.vocabulary.load import case_from_data, load_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOI_CASE = EXAMPLES / "employer-i9-notice-of-inspection.yaml"
RESULTS_CASE = EXAMPLES / "employer-inspection-results.yaml"


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").replace("&amp;", "&").split())


def pdf_text(html: str) -> list[str]:
    """The text WeasyPrint lays out on each page of the PDF (no PDF text extractor is installed)."""
    from weasyprint import HTML

    doc = HTML(string=html).render()
    pages = []
    for p in doc.pages:
        pages.append(" ".join(" ".join(b.text for b in p._page_box.descendants() if isinstance(getattr(b, "text", None), str)).split()))
    return pages


# 90.2(a)(1)(A)-(D), as filled from the example case
POSTING_ELEMENTS = [
    "(A) Name of the immigration agency conducting the inspection",
    "U.S. Immigration and Customs Enforcement (ICE), Homeland Security Investigations",
    "(B) Date the employer received notice of the inspection",
    "March 6, 2026",
    "(C) Nature of the inspection, to the extent known",
    "Inspection of Form I-9 Employment Eligibility Verification forms for current and former employees",
    "(D) Copy of the Notice of Inspection",
    "A copy of the Notice of Inspection of I-9 Employment Eligibility Verification forms",
    "Notice to Employees",
]


def test_posting_html_has_every_element_and_the_deadline():
    text = plain(render_html("employee-posting", load_case(NOI_CASE)))
    for element in POSTING_ELEMENTS:
        assert element in text, element
    # 72 elapsed hours from Friday 3:30 PM PST across the 8 March 2026 DST change
    assert "Post by: Monday, March 9, 2026, 4:30 PM PDT" in text
    assert "authorized representative (Teamsters Local 000), by Monday, March 9, 2026, 4:30 PM PDT" in text
    assert "Translation required" not in text


def test_posting_pdf_is_valid_and_carries_the_elements(tmp_path):
    out = tmp_path / "posting.pdf"
    r = CliRunner().invoke(app, ["notice", str(NOI_CASE), "--format", "pdf", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] and len(data) > 5000
    pages = pdf_text(render_html("employee-posting", load_case(NOI_CASE)))
    assert len(pages) == 2
    for element in POSTING_ELEMENTS:
        assert element in pages[0], element  # the posting itself is page 1
    assert "do not post this page" in pages[1]


def test_affected_employee_notice_has_every_element():
    html = render_html("affected-employee", load_case(RESULTS_CASE))
    pages = pdf_text(html)
    assert len(pages) == 3  # one page per affected employee, then the employer's instructions
    first, second = pages[0], pages[1]
    for page, ref in ((first, "Employee 1042"), (second, "Employee 2210")):
        assert ref in page
        assert "(A) Deficiencies or other items identified in the inspection results notice related to you" in page
        assert "(B) Time period for correcting any potential deficiencies" in page
        assert "10 business days from the date of the results notice" in page
        assert "(C) Time and date of any meeting with the employer" in page
        assert "(D) Right to representation" in page
        assert "You have the right to representation during any meeting scheduled with the employer." in page
        assert "A copy of the written immigration agency notice that provides the results of the inspection is attached" in page
    assert "Tuesday, April 14, 2026, 10:00 AM PDT" in first and "Section 1 not signed" not in first  # relates to that employee only
    assert "No meeting has been scheduled" in second and "Section 1 not signed" in second
    assert "Deliver by: Monday, April 13, 2026, 9:00 AM PDT" in pages[2]


def _data(path):
    return yaml.safe_load(path.read_text())


def test_translation_not_bundled_is_said_on_the_notice():
    data = _data(NOI_CASE)
    data["employer"]["language"] = "Spanish"
    text = plain(render_html("employee-posting", case_from_data(data)))
    assert "Translation required, not included" in text and "no Spanish translation is bundled" in text


def test_nature_unknown_is_said():
    data = _data(NOI_CASE)
    del data["employer"]["nature_of_inspection"]
    assert "Not known to the employer at the time of this notice." in plain(render_html("employee-posting", case_from_data(data)))


@pytest.mark.parametrize("field,message", [("agency", "90.2(a)(1)(A)"), ("notice_of_inspection_received_at", "90.2(a)(1)(B)")])
def test_missing_required_element_is_refused(field, message):
    data = _data(NOI_CASE)
    del data["employer"][field]
    with pytest.raises(NoticeError, match=re.escape(message)):
        render_html("employee-posting", case_from_data(data))


def test_cli_bad_input_exit_2_and_nothing_written(tmp_path):
    data = copy.deepcopy(_data(RESULTS_CASE))
    data["employer"]["affected_employees"][0]["correction_period"] = None
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data))
    out = tmp_path / "out.pdf"
    r = CliRunner().invoke(app, ["notice", str(bad), "--kind", "affected-employee", "-o", str(out)])
    assert r.exit_code == 2 and "correction_period" in r.output and not out.exists()
    r = CliRunner().invoke(app, ["notice", str(NOI_CASE), "--format", "docx", "-o", str(out)])
    assert r.exit_code == 2 and not out.exists()
    typo = tmp_path / "typo.yaml"
    typo.write_text(NOI_CASE.read_text().replace("agency:", "agencyy:"))
    r = CliRunner().invoke(app, ["notice", str(typo), "-o", str(out)])
    assert r.exit_code == 2 and "agencyy" in r.output and not out.exists()


def test_cli_decide_handles_employer_cases():
    r = CliRunner().invoke(app, ["decide", str(EXAMPLES / "employer-kitchen-entry.yaml"), "--json"])
    assert r.exit_code == 0, r.output
    assert '"unenforceable"' in r.output and "us-v-ca-pi-2018" in r.output


def test_affected_employee_notice_does_not_claim_a_language_rule_the_statute_lacks():
    """90.2(a)(1) sets the language of the posting only ("by posting in the language the employer normally uses");
    90.2(b)(1) names no language for the notice to an affected employee. The notice says the English text is all
    sanctuary bundles, without saying the statute requires that language for this notice."""
    data = _data(RESULTS_CASE)
    data["employer"]["language"] = "Spanish"
    text = plain(render_html("affected-employee", case_from_data(data)))
    assert "requires this notice in the language" not in text
    assert "90.2(b)(1) names no language" in text and "no Spanish translation is bundled" in text
    # the posting keeps the statute's rule
    posting = _data(NOI_CASE)
    posting["employer"]["language"] = "Spanish"
    assert "Labor Code section 90.2(a)(1) requires this notice in the language" in plain(
        render_html("employee-posting", case_from_data(posting)))


def test_posting_takes_the_receipt_time_the_engine_uses():
    """A Notice of Inspection listed among the documents with only the request's time of receipt: the engine counts
    the 72 hours of 90.2(a)(1) from that time, so the posting's (B) date and deadline come from it too, instead of the
    notice refusing for want of employer.notice_of_inspection_received_at."""
    data = _data(NOI_CASE)
    data["request"]["received_at"] = data["employer"].pop("notice_of_inspection_received_at")
    text = plain(render_html("employee-posting", case_from_data(data)))
    assert "(B) Date the employer received notice of the inspection March 6, 2026" in text
    assert "Post by: Monday, March 9, 2026, 4:30 PM PDT" in text


def test_affected_notice_takes_the_receipt_time_the_engine_uses():
    data = _data(RESULTS_CASE)
    data["request"]["documents"] = ["inspection_results_notice"]  # the request's time is the results notice's receipt
    data["request"]["received_at"] = data["employer"].pop("results_received_at")
    html = render_html("affected-employee", case_from_data(data))
    assert "Deliver by: Monday, April 13, 2026, 9:00 AM PDT" in plain(html)
