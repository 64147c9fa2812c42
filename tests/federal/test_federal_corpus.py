"""The federal texts are addressable to the subdivision, with their own layouts: headings after the label
("(a) In general"), "(43)" under 1101(a), the ⟨—?⟩ marks, and subsections the source omits (1357 (b), (c), ...)."""

from sanctuary.law.corpus import default_corpus


def test_federal_addresses():
    c = default_corpus()
    for a in ["usc8 1373(a)", "usc8 1373(b)(1)", "usc8 1373(c)", "usc8 1644", "usc8 1357(a)(3)", "usc8 1357(d)(3)",
              "usc8 1357(g)", "usc8 1357(g)(10)(B)", "usc8 1326(b)(2)", "usc8 1101(a)(43)(A)", "usc8 1101(a)(43)(P)",
              "usc8 1101(a)(43)(E)(ii)", "cfr8 287.7(a)", "cfr8 287.7(d)", "cfr8 287.7(e)"]:
        assert c.exists(a), a


def test_1357_subsections_after_an_omission_are_siblings_not_children():
    c = default_corpus()
    assert not c.exists("usc8 1357(a)(5)(B)(d)")
    _, g = c.provision("usc8 1357(g)")
    assert g.text.startswith("Performance of immigration officer functions")
    assert [ch.label for ch in g.children] == [str(i) for i in range(1, 11)]


def test_lead_ins_with_the_missing_dash_mark_are_quoted():
    q = default_corpus().quote("usc8 1101(a)(43)(A)")
    assert "aggravated felony" in q and "murder, rape, or sexual abuse of a minor" in q
    q = default_corpus().quote("usc8 1357(a)(3)")
    assert "without warrant" in q


def test_287_7_d_says_48_hours():
    _, d = default_corpus().provision("cfr8 287.7(d)")
    assert "shall maintain custody of the alien for a period not to exceed 48 hours" in d.text


def test_gap_rule_leaves_pen_667_h_at_the_top():
    c = default_corpus()
    assert c.exists("pen 667(h)")
