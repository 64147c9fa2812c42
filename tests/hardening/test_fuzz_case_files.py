"""Hostile case files: whatever bytes `sanctuary decide FILE` and `load_case` are given, they answer (exit 0) or
refuse with exit code 2 and a message naming the file and the problem; never a traceback, never a hang."""

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sanctuary.cli import app as cli
from sanctuary.vocabulary.case import Case
from sanctuary.vocabulary.load import MAX_CASE_BYTES, CaseError, load_case

from hardening_helpers import example, fuzz, json_values, mutated_cases, no_hang, problem_lines_ok, schema_cases

runner = CliRunner()


def _write(tmp_path_factory, data: bytes, suffix: str):
    d = tmp_path_factory.mktemp("case")
    p = d / f"case{suffix}"
    p.write_bytes(data)
    return p


def check_load(path):
    """load_case either gives a Case or a CaseError whose every line names a problem, with the file as source."""
    try:
        with no_hang(20):
            case = load_case(path)
    except CaseError as e:
        assert e.source == str(path)
        assert problem_lines_ok(e.problems), e.problems
        return None
    assert isinstance(case, Case)
    return case


def check_cli(path, *args):
    with no_hang(30):
        r = runner.invoke(cli, ["decide", str(path), *args])
    assert r.exit_code in (0, 2), (r.exit_code, r.output, r.exception)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output and "Traceback" not in r.stderr
    if r.exit_code == 2:
        lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error: ")]
        assert lines, r.stderr
        # a problem in the file names the file; a refusal by the engine names the field (the date, the actor, ...)
        said = r.stderr.replace("\n", "")
        assert path.name in said or any(w in said for w in ("as_of", "date", "actor.kind", "request.asks")), r.stderr
    return r


@fuzz(200)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".yml", ""]))
def test_random_bytes(tmp_path_factory, data, suffix):
    p = _write(tmp_path_factory, data, suffix)
    check_load(p)


@fuzz(150)
@given(data=json_values, as_yaml=st.booleans())
def test_random_documents(tmp_path_factory, data, as_yaml):
    text = yaml.safe_dump(data, allow_unicode=True) if as_yaml else json.dumps(data, allow_nan=True)
    p = _write(tmp_path_factory, text.encode("utf-8", "surrogatepass"), ".yaml" if as_yaml else ".json")
    check_load(p)


@fuzz(250, deadline_ms=10000)
@given(case=st.one_of(mutated_cases(), schema_cases), as_yaml=st.booleans())
def test_mutated_examples_through_the_cli(tmp_path_factory, case, as_yaml):
    text = yaml.safe_dump(case, allow_unicode=True) if as_yaml else json.dumps(case, allow_nan=True)
    p = _write(tmp_path_factory, text.encode("utf-8", "surrogatepass"), ".yaml" if as_yaml else ".json")
    check_load(p)
    check_cli(p)


@fuzz(100, deadline_ms=10000)
@given(case=mutated_cases(), cut=st.integers(0, 2000), junk=st.sampled_from(["", ":", "- ", "{", "[", "&x ", "*x", "\t", "\x00", "!!binary "]))
def test_corrupted_yaml_text(tmp_path_factory, case, cut, junk):
    """A real case file with bytes cut and junk inserted at a random place."""
    text = yaml.safe_dump(case, allow_unicode=True)
    i = cut % (len(text) + 1)
    p = _write(tmp_path_factory, (text[:i] + junk + text[i + 1:]).encode("utf-8", "surrogatepass"), ".yaml")
    check_cli(p)


@fuzz(50)
@given(as_of=st.one_of(st.text(max_size=20), st.dates().map(str)))
def test_as_of_option(tmp_path_factory, as_of):
    p = _write(tmp_path_factory, yaml.safe_dump(example("jail-interview-request")).encode(), ".yaml")
    r = check_cli(p, "--as-of", as_of)
    if r.exit_code == 2:
        assert "--as-of" in r.stderr or "as of" in r.stderr.lower() or "date" in r.stderr.lower()


BASE = "actor: {kind: county_jail}\nrequest: {asks: [hold]}\n"
ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))


@pytest.mark.parametrize("name, data, suffix, says", [
    ("deep JSON", b"[" * 200_000 + b"]" * 200_000, ".json", "nested too deeply"),
    ("deep YAML", b"[" * 200_000, ".yaml", "nested too deeply"),
    ("deep YAML block", b"- " * 100_000 + b"x", ".yaml", "nested too deeply"),
    ("deep YAML mapping", b"a: " + b"{b: " * 100_000, ".yaml", "nested too deeply"),
    ("alias bomb", (ALIAS_BOMB + BASE + "person: {history: {convictions: *i}}\n").encode(), ".yaml", "person.history.convictions"),
    ("alias bomb in an unknown field", (ALIAS_BOMB + BASE).encode(), ".yaml", "unknown field"),
    ("python tag", (BASE + "as_of: !!python/object/apply:os.system ['true']\n").encode(), ".yaml", "cannot be read as YAML"),
    ("two documents", (BASE + "---\n" + BASE).encode(), ".yaml", "cannot be read as YAML"),
    ("impossible date", (BASE + "as_of: 2026-02-30\n").encode(), ".yaml", "as_of"),
    ("huge integer", (BASE + "as_of: " + "9" * 5000 + "\n").encode(), ".yaml", "as_of"),
    ("huge integer JSON", b'{"as_of": ' + b"9" * 5000 + b"}", ".json", "cannot be read as JSON"),
    ("NaN", b'{"actor": {"kind": NaN}, "request": {"asks": ["hold"]}}', ".json", "actor.kind"),
    ("not UTF-8", b"actor: {kind: \xff\xfe}\n", ".yaml", "not UTF-8"),
    ("NUL bytes", b"\x00" * 100, ".yaml", "cannot be read as YAML"),
    ("empty", b"", ".yaml", "expected a mapping"),
    ("a list", b"- a\n- b\n", ".yaml", "expected a mapping"),
    ("too large", b"#" * (MAX_CASE_BYTES + 1), ".yaml", "larger than"),
    ("long value", (BASE + "person: {reference: " + "x" * 100_000 + "}\n").encode(), ".yaml", "person.reference"),
    ("many convictions", (BASE + "person: {history: {convictions: [" + ",".join(["{citation: PC 999999, level: felony, date: 2020-01-01}"] * 3000) + "]}}\n").encode(), ".yaml", "convictions"),
])
def test_known_hostile_files(tmp_path, name, data, suffix, says):
    p = tmp_path / f"case{suffix}"
    p.write_bytes(data)
    r = check_cli(p)
    assert r.exit_code == 2, (name, r.output)
    assert says in r.stderr.replace("\n", " ") or says in r.stderr.replace("\n", ""), (name, r.stderr[:2000])
    assert len(r.stderr) < 200_000, "the message does not echo the whole input back"


def test_not_a_file(tmp_path):
    r = check_cli(tmp_path)
    assert r.exit_code == 2 and "folder" in r.stderr
    r = check_cli(tmp_path / "missing.yaml")
    assert r.exit_code == 2 and "cannot open" in " ".join(r.stderr.split())


def test_byte_order_mark_is_accepted(tmp_path):
    p = tmp_path / "case.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(example("jail-interview-request")).encode())
    assert check_cli(p, "--json").exit_code == 0
