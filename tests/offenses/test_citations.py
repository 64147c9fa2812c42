from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctuary.offenses.citations import Citation, CitationError, from_doj, parse_citation


@pytest.mark.parametrize(
    "text, expected",
    [
        ("PC 245(a)(1)", Citation("pen", "245", ("a", "1"))),
        ("245(A)(1) PC", Citation("pen", "245", ("a", "1"))),
        ("Pen. Code, § 245, subd. (a)(1)", Citation("pen", "245", ("a", "1"))),
        ("VC23152(A)", Citation("veh", "23152", ("a",))),
        ("HS 11378", Citation("hsc", "11378")),
        ("H&S 11350(a) M", Citation("hsc", "11350", ("a",), "misdemeanor")),
        ("PC 459 F", Citation("pen", "459", (), "felony")),
        ("VC 22350 I", Citation("veh", "22350", (), "infraction")),
        ("Health and Safety Code section 11350", Citation("hsc", "11350")),
        ("Section 245 of the Penal Code", Citation("pen", "245")),
        ("W&I 707(b)", Citation("wic", "707", ("b",))),
        ("B&P 4060", Citation("bpc", "4060")),
        ("288A(C)(2)(B) PC", Citation("pen", "288a", ("c", "2", "B"))),
        ("273AB(A) PC", Citation("pen", "273ab", ("a",))),
        ("PC 136.2(a)(7)(B)(ii)", Citation("pen", "136.2", ("a", "7", "B", "ii"))),
        ("664/187(A) PC", Citation("pen", "187", ("a",), None, "664")),
        ("182/211 PC F", Citation("pen", "211", (), "felony", "182")),
        ("18 U.S.C. § 111(a)", Citation("usc18", "111", ("a",))),
        ("8 USC 1326", Citation("usc8", "1326")),
    ],
)
def test_reads_common_spellings(text, expected):
    assert parse_citation(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "garbage", "245", "PC", "XYZ 245", "240/242 PC", "PC 0", "245 F",
                                  "VC 664/187", "PC 245(a1)"])
def test_unreadable_names_the_input(text):
    with pytest.raises(CitationError) as e:
        parse_citation(text)
    assert repr(text) in str(e.value) or "empty" in str(e.value)


def test_canonical_form_prints_and_rereads():
    c = parse_citation("245(A)(1) PC F")
    assert str(c) == "pen 245(a)(1) F"
    assert c.display == "Pen. Code § 245(a)(1)"
    assert parse_citation(str(c)) == c


def test_doj_columns():
    assert from_doj("245(A)(1)", "PC") == Citation("pen", "245", ("a", "1"))
    assert from_doj("18 111(A)", "US") == Citation("usc18", "111", ("a",))
    assert from_doj("14 122(N)", "CA") == Citation("ccr14", "122", ("n",))


citation_like = st.one_of(
    st.text(max_size=60),
    st.builds(lambda a, b, c, d: f"{a}{b}{c}{d}",
              st.sampled_from(["", "PC ", "VC", "H&S ", "Pen. Code, § ", "664/", "18 USC ", "W&I"]),
              st.from_regex(r"[0-9]{1,5}(\.[0-9]{1,2})?[A-Za-z]?", fullmatch=True),
              st.from_regex(r"(\([A-Za-z0-9]{1,3}\)){0,4}", fullmatch=True),
              st.sampled_from(["", " PC", " F", " M", " I", " HS", " felony", "-", "/"])),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citation_like)
def test_never_crashes_and_round_trips(text):
    try:
        c = parse_citation(text)
    except CitationError as e:
        assert str(e)  # a clear error that says what it could not read
        return
    again = parse_citation(str(c))
    assert again == c
    assert str(again) == str(c)
