"""Hostile citation strings and rap sheets: the reader, the classifier, the offense report, `sanctuary offense`
and the DOJ rap-sheet reader either read the input or say which input they could not read; nothing else escapes,
and nothing takes long. (tests/offenses/test_citations.py already checks that parse_citation round-trips; here the
doors behind it.)"""

import csv
import io
import time

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sanctuary.cli import app as cli
from sanctuary.offenses.citations import MAX_LEN, CitationError, from_doj, parse_citation
from sanctuary.offenses.classify import Classification, classify
from sanctuary.offenses.rapsheet import read_convictions, split_offense
from sanctuary.offenses.report import offense_report

from hardening_helpers import NASTY, fuzz, nasty_text, no_hang

PIECES = ["PC", "VC", "H&S", "HS", "W&I", "Pen. Code", "§", "§§", "subd.", "(a)", "(1)", "(A)", "(i)", "(I)", "664/", "182/",
          "/", "-", " ", ",", ".", "F", "M", "I", "felony", "18 U.S.C.", "CFR", "CCR", "USC", "0", "245", "11350", "187",
          "23152", "(", ")", "((", "))", "a", "ZZ", "of the", "Code", "\u00a0", "\t", "’", "'", "9" * 7]

citation_like = st.one_of(
    nasty_text,
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
    st.text(alphabet="PCVHS&().§/-, 0123456789aAiIfFmM", min_size=150, max_size=MAX_LEN + 5),
)


def check_parse(text: str):
    t0 = time.perf_counter()
    try:
        c = parse_citation(text)
    except CitationError as e:
        msg = str(e)
        assert msg.startswith("cannot read the citation"), msg
        assert repr(text[:40])[1:-1][:20] in msg or "not a string" in msg, msg  # names the input
        c = None
    assert time.perf_counter() - t0 < 1.0, f"reading {text!r} took {time.perf_counter() - t0:.2f} s"
    return c


@fuzz(400, deadline_ms=2000)
@given(text=citation_like)
def test_parse_names_what_it_cannot_read(text):
    check_parse(text)


@fuzz(200, deadline_ms=3000)
@given(text=citation_like, level=st.sampled_from([None, "felony", "misdemeanor", "infraction"]),
       enh=st.lists(citation_like, max_size=3))
def test_classify_never_raises(text, level, enh):
    c = classify(text, level, enhancements=enh)
    assert isinstance(c, Classification)
    if c.citation is None:  # unreadable: said so, for a person to read
        assert any(f.category == "unreadable" and f.confidence == "needs_review" for f in c.findings)


@fuzz(150, deadline_ms=3000)
@given(text=citation_like, level=st.one_of(st.sampled_from([None, "felony", "misdemeanor", "infraction"]), nasty_text),
       convicted=st.one_of(st.dates().map(str), nasty_text), as_of=st.one_of(st.none(), st.dates().map(str), nasty_text))
def test_offense_report_refuses_by_name(text, level, convicted, as_of):
    try:
        r = offense_report(text, level, convicted, as_of)
    except ValueError as e:  # a bad date or level: the message names it
        assert any(w in str(e) for w in ("convicted", "as_of", "level", "date")), str(e)
        return
    assert isinstance(r, dict)


runner = CliRunner()


@fuzz(80, deadline_ms=5000)
@given(text=citation_like, level=st.one_of(st.sampled_from(["felony", "misdemeanor", "infraction"]), nasty_text),
       convicted=st.one_of(st.dates().map(str), nasty_text))
def test_cli_offense(text, level, convicted):
    args = ["offense", text, "--level", level, "--convicted", convicted, "--as-of", "2026-01-01"]
    if text.startswith("-") or level.startswith("-") or convicted.startswith("-") or "\x00" in "".join(args):
        return  # an option-like or NUL argument is the shell's business, not ours
    with no_hang(20):
        r = runner.invoke(cli, args)
    assert r.exit_code in (0, 2), (r.exit_code, r.output, r.exception)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    if r.exit_code == 2:
        assert r.stderr.startswith("error: "), r.stderr


@fuzz(150, deadline_ms=2000)
@given(statute=nasty_text, code=st.one_of(st.sampled_from(["PC", "VC", "HS", "US", "CA", "", "ZZ"]), nasty_text))
def test_doj_columns(statute, code):
    try:
        from_doj(statute, code)
    except CitationError as e:
        assert str(e).startswith("cannot read the citation")


RAP_COLUMNS = ["CII_NUMBER", "CYC_ORDER", "STP_TYPE_DESCR", "STP_EVENT_DATE", "CNT_ORDER", "DISP_DATE", "OFFENSE_DESCR",
               "OFFENSE_TOC", "CONV_OFFENSE_DESCR", "CONV_OFFENSE_TOC", "DISP_DESCR", "SENT_LENGTH", "SENT_TIME_DESCR",
               "SENT_LOC_DESCR"]
rap_value = st.one_of(nasty_text, st.sampled_from(["CONVICTED-PROBATION", "CONVICTED", "DISMISSED", "F", "M", "I",
                                                   "459 PC-BURGLARY", "245(A)(1) PC-ASSAULT", "20190231", "20190101",
                                                   "- - -", "-" * 150]))


@fuzz(120, deadline_ms=3000)
@given(columns=st.lists(st.one_of(st.sampled_from(RAP_COLUMNS), nasty_text), min_size=1, max_size=10, unique=True),
       rows=st.lists(st.lists(rap_value, max_size=12), max_size=6))
def test_rap_sheet_reader(columns, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    if "\x00" in text:
        text = text.replace("\x00", "")
    with no_hang(20):
        got = read_convictions(io.StringIO(text))
    for c in got:
        assert c.disposition.upper().startswith("CONVICTED")
        assert (c.citation is None) == (c.error is not None)  # unreadable: kept with its error, never dropped
        if c.error:
            assert c.error.startswith("cannot read the citation")


@fuzz(60, deadline_ms=3000)
@given(text=st.one_of(st.text(alphabet="-PC 0123456789()A", max_size=MAX_LEN * 3), nasty_text))
def test_rap_sheet_offense_with_many_dashes_is_quick(text):
    """split_offense tries every '-' as the end of the citation: many dashes must not make it slow."""
    t0 = time.perf_counter()
    try:
        split_offense(text)
    except CitationError:
        pass
    assert time.perf_counter() - t0 < 2.0


def test_nasty_strings_each_named():
    for s in NASTY:
        check_parse(s)


def test_lookback_window_before_year_one():
    """Found by the fuzzer: a 15-year window ending in year 15 raised 'year 0 is out of range' (exit 2, unnamed)."""
    r = offense_report("PC 211", "felony", "0015-01-01", "0015-01-02")
    assert r["citation"] if "citation" in r else r
    res = runner.invoke(cli, ["offense", "PC 211", "--level", "felony", "--convicted", "0015-01-01", "--as-of", "0015-01-02"])
    assert res.exit_code == 0, res.output
