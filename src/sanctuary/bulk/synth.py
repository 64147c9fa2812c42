"""Synthetic requests and histories, for trying the audit at any size without real personal data.

Every value is drawn from the fixed distributions below (seeded, so the same N and seed give the same files).
They are plausible, not estimates: shares loosely shaped like published California detainer figures (most
requests reach county jails; holds and notifications dominate; compliance with holds is rare, with notifications
common), with enough of every rare case (judicial warrants, Proposition 47 reductions, federal convictions, unknown
facts, CDCR, task forces) that each rule is exercised. Ids are random tokens; there are no names.

- persons: about N / 1.4 (each request picks a person uniformly, so some have several requests);
- history rows per person: Poisson(5); 75% convictions, 25% pending charges; citations from OFFENSES; about 4% of
  California felony convictions (and 0.5% of misdemeanors) with enhancements from ENHANCEMENTS;
- conviction dates uniform over 1998-2025; charge dates within 400 days before 2025-12-31; requests received
  uniformly over 2018-01-01..2025-12-31.

`all_areas=True` (`sanctuary synth --all-areas`) adds the other areas' requests (employers, courthouses, schools and
health facilities, detention contracts and facilities, officers' coverings and identification: AREA_PAIRS, about
AREA_SHARE of the rows, drawn from a random stream of their own so that every other value is the default's) and
every column those areas add (`schema.extra_fact_columns`), filled on the rows of their area (see _with_areas).
Without it the files are exactly as before (the benchmark's data and figures depend on them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

ACTORS = {"county_jail": 0.68, "county_sheriff": 0.10, "city_police": 0.08, "county_probation": 0.04,
          "school_police": 0.01, "state_law_enforcement": 0.03, "cdcr": 0.05, "private_employer": 0.01}
KINDS = {"hold": 0.28, "notification": 0.28, "transfer": 0.14, "interview": 0.08, "release_date": 0.05,
         "criminal_history": 0.04, "home_or_work_address": 0.02, "personal_information": 0.01,
         "immigration_status_info": 0.02, "inquire_immigration_status": 0.01, "arrest_civil_warrant": 0.01,
         "joint_task_force": 0.01, "office_space": 0.005, "house_federal_detainees": 0.005, "tu_visa_certification": 0.01,
         "own_criminal_enforcement": 0.005, "immigration_enforcement_assistance": 0.005, "illegal_reentry_arrest": 0.005,
         "border_search_assistance": 0.002, "immigration_officer_functions": 0.003, "deputization": 0.002,
         "interpreter": 0.003, "programming_restriction": 0.002, "custody_classification": 0.002}
# probability that the agency did what was asked, by request kind (others: 0.3)
COMPLY = {"hold": 0.05, "notification": 0.45, "transfer": 0.30, "interview": 0.5, "release_date": 0.35}
DOCS = {"i247a": 0.65, "i247d": 0.08, "i247n": 0.08, "i200": 0.25, "i205": 0.08, "judicial_warrant": 0.03,
        "judicial_probable_cause_determination": 0.02, "other_civil_immigration_warrant": 0.02, "subpoena": 0.01}
GROUPS = {"Hispanic or Latino": 0.62, "White": 0.12, "Asian or Pacific Islander": 0.12, "Black": 0.05, "Other": 0.05,
          "": 0.04}
# (citation, level, jurisdiction, weight): California sections, a few federal and out-of-state convictions
OFFENSES = [
    ("PC 211", "felony", "california", 4), ("PC 459", "felony", "california", 5), ("PC 459", "misdemeanor", "california", 3),
    ("PC 245(a)(1)", "felony", "california", 4), ("PC 245(a)(1)", "misdemeanor", "california", 2),
    ("PC 273.5(a)", "felony", "california", 3), ("PC 273.5(a)", "misdemeanor", "california", 4),
    ("VC 23152(a)", "misdemeanor", "california", 10), ("VC 23152(a)", "felony", "california", 1),
    ("PC 602", "misdemeanor", "california", 4), ("HS 11350(a)", "misdemeanor", "california", 6),
    ("HS 11377(a)", "misdemeanor", "california", 5), ("PC 484(a)", "misdemeanor", "california", 4),
    ("PC 488", "misdemeanor", "california", 3), ("PC 496(a)", "felony", "california", 2), ("PC 496(a)", "misdemeanor", "california", 2),
    ("PC 666", "felony", "california", 1), ("HS 11378", "felony", "california", 3), ("HS 11351", "felony", "california", 2),
    ("VC 10851(a)", "felony", "california", 3), ("VC 10851(a)", "misdemeanor", "california", 1),
    ("PC 243(e)(1)", "misdemeanor", "california", 3), ("PC 148(a)(1)", "misdemeanor", "california", 5),
    ("PC 187(a)", "felony", "california", 1), ("PC 288(a)", "felony", "california", 1), ("PC 422", "felony", "california", 2),
    ("PC 664/211", "felony", "california", 1), ("PC 182(a)(1)", "felony", "california", 1), ("VC 20001(a)", "felony", "california", 1),
    ("PC 29800(a)(1)", "felony", "california", 2), ("VC 14601.1(a)", "misdemeanor", "california", 4),
    ("PC 647(f)", "misdemeanor", "california", 4), ("VC 22350", "infraction", "california", 2), ("PC 12020(a)", "felony", "california", 1),
    ("8 USC 1326", "felony", "federal", 3), ("21 USC 841(a)(1)", "felony", "federal", 1),
    ("TX PC 22.01", "misdemeanor", "other_state", 1), ("AZ RS 13-1105", "felony", "other_state", 1),
]
# enhancements found true, given to about 4% of California felony convictions (drawn last, so the other columns are
# those of a seed without them): 667.5(c)(8) (12022.7(a), 12022.5(a)), 1192.7(c)(40) and 667.5(c)(22) (12022.53(b)),
# 7282.5(a)(3) only (12022.1(b), 186.22(b)(1), which 1192.7(c)(28) and 667.5(c)(19), (20) leave for review), and one no
# list names (12022.6(a)(1)); and to a few misdemeanors, where the classifier decides what they change
ENHANCEMENTS = {"PC 12022.7(a)": 3, "PC 12022.5(a)": 1, "PC 12022.53(b)": 1, "PC 12022.1(b)": 1, "PC 186.22(b)(1)": 1,
                "PC 12022.6(a)(1)": 2, "PC 12022.7(a);PC 12022.6(a)(1)": 1}
PROP47_SECTIONS = ("HS 11350(a)", "HS 11377(a)", "PC 496(a)", "PC 484(a)", "PC 459", "PC 666")
START, END = dt.date(2018, 1, 1), dt.date(2025, 12, 31)


def _pick_codes(rng, d: dict, n: int) -> np.ndarray:
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return rng.choice(len(keys), size=n, p=p / p.sum())


def _strings(values, codes: np.ndarray) -> pl.Series:
    """values[codes] as a polars string column (gathered in polars: no Python string per row)."""
    return pl.Series(list(values), dtype=pl.String).gather(pl.Series(codes, dtype=pl.Int64))


def _tri(rng, n, p_true, p_null) -> pl.Series:
    u = rng.random(n)
    return _strings(("true", "", "false"), np.where(u < p_true, 0, np.where(u < p_true + p_null, 1, 2)))


def _ids(prefix: str, start: int, n: int, width: int) -> pl.Series:
    return pl.select(pl.lit(prefix) + pl.int_range(start, start + n, dtype=pl.Int64, eager=True).cast(pl.String)
                     .str.zfill(width)).to_series()


def _dates(base: dt.date, offsets: np.ndarray) -> pl.Series:
    return pl.select((pl.lit(base) + pl.duration(days=pl.Series(offsets, dtype=pl.Int64))).dt.strftime("%Y-%m-%d")).to_series()


def _join(parts: list[tuple[np.ndarray, str]], n: int) -> pl.Series:
    """Per row, the names whose mask is true, in the order given, joined with ';' ('' when none)."""
    frame = pl.DataFrame({f"m{i}": m for i, (m, _) in enumerate(parts)})
    return frame.select(pl.concat_str([pl.when(pl.col(f"m{i}")).then(pl.lit(name)) for i, (_, name) in enumerate(parts)],
                                      separator=";", ignore_nulls=True).fill_null("")).to_series()


# --all-areas: (area, actor_kind, request_kind, weight) of the requests that replace about AREA_SHARE of the rows
AREA_SHARE = 0.5
AREA_PAIRS = [
    ("employer", "private_employer", "worksite_entry", 3), ("employer", "public_employer", "worksite_entry", 1),
    ("employer", "private_employer", "employee_records", 2), ("employer", "public_employer", "employee_records", 1),
    ("employer", "private_employer", "i9_inspection", 3), ("employer", "public_employer", "i9_inspection", 1),
    ("employer", "private_employer", "reverification", 2), ("employer", "public_employer", "reverification", 1),
    ("courthouse", "court", "civil_arrest_in_courthouse", 1), ("courthouse", "county_sheriff", "civil_arrest_in_courthouse", 1),
    ("courthouse", "federal_law_enforcement", "civil_arrest_in_courthouse", 1),
    ("courthouse", "court", "protect_courthouse_access", 1), ("courthouse", "party_or_attorney", "disclose_status_in_open_court", 2),
    ("site", "local_educational_agency", "enter_nonpublic_area", 2), ("site", "health_care_provider_entity", "enter_nonpublic_area", 2),
    ("site", "local_educational_agency", "pupil_information", 2), ("site", "local_educational_agency", "collect_immigration_status", 1),
    ("detention", "local_government", "detention_contract", 2), ("detention", "county_sheriff", "detention_contract", 1),
    ("detention", "local_government", "detention_land_or_permit", 1),
    ("detention", "private_detention_operator", "operate_private_detention_facility", 1),
    ("detention", "private_immigration_detention_operator", "operate_private_detention_facility", 1),
    ("detention", "attorney_general", "review_detention_facilities", 1),
    ("detention", "attorney_general", "review_apprehension_and_transfer", 1),
    ("officer", "city_police", "wear_facial_covering", 2), ("officer", "county_sheriff", "wear_facial_covering", 1),
    ("officer", "federal_law_enforcement", "wear_facial_covering", 1), ("officer", "state_law_enforcement", "wear_facial_covering", 1),
    ("officer", "other_state_law_enforcement", "wear_facial_covering", 1),
    ("officer", "city_police", "operate_without_visible_id", 2), ("officer", "federal_law_enforcement", "operate_without_visible_id", 1),
    ("officer", "county_jail", "operate_without_visible_id", 1),
    ("officer", "city_police", "post_identification_policy", 1), ("officer", "county_sheriff", "post_facial_covering_policy", 1),
    ("officer", "federal_law_enforcement", "post_identification_policy", 1),
    ("officer", "city_police", "request_officer_identification", 1), ("officer", "cdcr", "request_officer_identification", 1),
]
# documents that come with an area's requests (each drawn on its own)
AREA_DOCS = {
    "employer": {"notice_of_inspection": 0.4, "inspection_results_notice": 0.2, "judicial_warrant": 0.1, "subpoena": 0.1, "i200": 0.1},
    "courthouse": {"judicial_warrant": 0.15, "i200": 0.3, "i205": 0.1, "court_order": 0.1},
    "site": {"judicial_warrant": 0.15, "court_order": 0.15, "judicial_subpoena": 0.1, "subpoena": 0.1, "i200": 0.2},
    "detention": {}, "officer": {},
}
AREA_END = dt.date(2026, 10, 31)  # area rows are received up to this date (several areas' texts start in 2025-2026)
AREA_P_TRUE, AREA_P_EMPTY = 0.4, 0.15  # a fact column of the row's area: true, empty (otherwise false)
AREA_P_EXEMPT = 0.08  # an officer exemption: true (empty 0.15, otherwise false)


def _area_of(path: tuple[str, ...]) -> str | None:
    """The area whose rows fill the column of this case field."""
    if path[0] == "employer":
        return "employer"
    if path[0] == "place":
        return {"courthouse": "courthouse", "site": "site", "detention": "detention", "officer": "officer"}.get(path[1])
    return None


def _kind_starts() -> dict[str, dt.date]:
    """Per request kind, the first date a decision it raises rests on a text in force (Rulebook.first_start)."""
    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.vocabulary.facts import ask_fact

    rb = default_rulebook()
    out: dict[str, dt.date] = {}
    for _, _, kind, _ in AREA_PAIRS:
        starts = [rb.first_start(d) for d in rb.decisions if ask_fact(kind) in d.applies.facts()]
        out[kind] = max(START, min(starts)) if starts else START
    return out


def _with_areas(requests: pl.DataFrame, seed: int, chunk: int) -> pl.DataFrame:
    """About AREA_SHARE of the requests become requests of the other areas (AREA_PAIRS: their actor, ask, agency,
    documents of AREA_DOCS, a date from the first day the corpus answers the ask (85%) or from 2018 (15%: some are
    answered needs review for the date, or rejected), no duty recorded done); and every fact column of those areas
    is added, filled on the rows of its area (a boolean true AREA_P_TRUE, empty AREA_P_EMPTY, else false; an
    officer exemption true AREA_P_EXEMPT; a kind one of its values or empty; a count 0-4 or empty) and empty on the
    others. A random stream of its own: the other columns are those of the same seed without areas."""
    from .schema import extra_fact_columns, request_fields

    n = requests.height
    rng = np.random.default_rng([seed, chunk, 0xA4EA])
    fields = request_fields()
    pick = _pick_codes(rng, {i: p[3] for i, p in enumerate(AREA_PAIRS)}, n)
    on = rng.random(n) < AREA_SHARE
    area = np.array([p[0] for p in AREA_PAIRS], dtype=object)[pick]
    starts = _kind_starts()
    lo = np.array([(starts[p[2]] - START).days for p in AREA_PAIRS])[pick]
    lo = np.where(rng.random(n) < 0.15, 0, lo)
    hi = (AREA_END - START).days
    received = lo + (rng.random(n) * (hi - lo + 1)).astype(np.int64)
    acted = (requests["agency_action_date"] != "").to_numpy()
    action = received + rng.integers(0, 10, n)
    docs = {a: _join([(rng.random(n) < p, d) for d, p in ds.items()], n) if ds else pl.repeat("", n, eager=True)
            for a, ds in AREA_DOCS.items()}
    area_docs = pl.repeat("", n, dtype=pl.String, eager=True)
    for a, col in docs.items():
        area_docs = pl.select(pl.when(pl.Series(on & (area == a))).then(col).otherwise(area_docs)).to_series()
    m = pl.Series(on)
    pairs_actor = _strings([p[1] for p in AREA_PAIRS], pick)
    pairs_kind = _strings([p[2] for p in AREA_PAIRS], pick)
    agency = _strings([f"Example {p[1].replace('_', ' ').title()}" for p in AREA_PAIRS], pick)
    out = requests.with_columns(
        pl.when(m).then(pairs_actor).otherwise(pl.col("actor_kind")).alias("actor_kind"),
        pl.when(m).then(pairs_kind).otherwise(pl.col("request_kind")).alias("request_kind"),
        pl.when(m).then(agency).otherwise(pl.col("agency")).alias("agency"),
        pl.when(m).then(area_docs).otherwise(pl.col("documents")).alias("documents"),
        pl.when(m).then(_dates(START, received)).otherwise(pl.col("received_date")).alias("received_date"),
        pl.when(m).then(pl.when(pl.Series(acted)).then(_dates(START, action)).otherwise(pl.lit("")))
        .otherwise(pl.col("agency_action_date")).alias("agency_action_date"),
        pl.when(m).then(pl.lit("")).otherwise(pl.col("duties_done")).alias("duties_done"),
    )
    added = {}
    for c in extra_fact_columns():
        ref = fields.get(c.name)
        mine = on & (area == (_area_of(ref.path) if ref else None))
        u = rng.random(n)
        if c.type == "bool":
            p_true = AREA_P_EXEMPT if ref is not None and ref.how == "member" else AREA_P_TRUE
            code = np.where(u < p_true, 0, np.where(u < p_true + AREA_P_EMPTY, 1, 2))
            v = _strings(("true", "", "false"), code)
        elif c.type == "enum":
            k = rng.integers(0, len(c.values), n)
            v = _strings([*c.values, ""], np.where(u < AREA_P_EMPTY, len(c.values), k))
        elif c.type == "int":
            v = _strings(["0", "1", "2", "3", "4", ""], np.where(u < AREA_P_EMPTY, 5, rng.integers(0, 5, n)))
        else:
            v = pl.repeat("", n, dtype=pl.String, eager=True)
        added[c.name] = pl.select(pl.when(pl.Series(mine)).then(v).otherwise(pl.lit(""))).to_series()
    if "interview_declined" not in out.columns:  # (a context fact the default files leave out): on interview requests
        u = rng.random(n)
        v = _strings(("true", "", "false"), np.where(u < 0.3, 0, np.where(u < 0.45, 1, 2)))
        added["interview_declined"] = out.select(pl.when(pl.col("request_kind") == "interview").then(v).otherwise(pl.lit(""))).to_series()
    return out.with_columns(**added)


def generate(n: int, seed: int = 0, chunk: int = 0, first_person: int = 0, first_request: int = 0,
             n_people: int | None = None, all_areas: bool = False) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(requests, history) as string tables, exactly as they would be written to CSV. `chunk` > 0: a further part
    of a large file (write() makes files of more than CHUNK requests part by part), with its own persons.
    `all_areas`: the other areas' requests and columns too (_with_areas)."""
    rng = np.random.default_rng(seed if chunk == 0 else [seed, chunk])
    n_people = n_people or max(1, int(n / 1.4))
    person_no = rng.integers(0, n_people, n)
    kinds, actors = list(KINDS), list(ACTORS)
    kind_c = _pick_codes(rng, KINDS, n)
    actor_c = _pick_codes(rng, ACTORS, n)
    kind = np.array(kinds, dtype=object)[kind_c]

    def is_kind(*ks):
        return np.isin(kind_c, [kinds.index(k) for k in ks])

    def is_actor(a):
        return actor_c == actors.index(a)

    span = (END - START).days
    received = rng.integers(0, span + 1, n)
    # documents: mostly the detainer forms, with the judicial documents rare
    draws = {d: rng.random(n) < p for d, p in DOCS.items()}
    docs = _join([(draws[d], d) for d in DOCS], n)
    comply_p = np.array([COMPLY.get(k, 0.3) for k in kinds])[kind_c]
    u = rng.random(n)
    response_c = np.where(u < comply_p, 0, np.where(u < comply_p + 0.1, 1, np.where(u > 0.98, 2, 3)))
    responses = ("complied", "no_response", "unknown", "declined")
    complied = response_c == 0
    acted = complied | (response_c == 3)
    action_offset = received + rng.integers(0, 10, n)
    # duties recorded as done, by request kind and response
    r_copy, r_rel, r_form, r_rep = rng.random(n), rng.random(n), rng.random(n), rng.random(n)
    cdcr = is_actor("cdcr")
    copy = is_kind("hold", "notification", "transfer") & (r_copy < 0.85)
    form = is_kind("interview") & (r_form < 0.9)
    done = _join([
        (copy & cdcr, "cdcr_copy_of_request"), (copy & ~cdcr, "give_person_copy_of_request"),
        (is_kind("notification", "release_date") & complied & (r_rel < 0.7), "notify_person_of_release_notice"),
        (form & cdcr, "cdcr_interview_consent_form"), (form & ~cdcr, "give_interview_consent_form"),
        (is_kind("transfer") & complied & (r_rep < 0.95), "report_transfers_annually"),
        (is_kind("joint_task_force") & (r_rep < 0.8), "report_task_force_annually"),
    ], n)
    recv = _dates(START, received)
    act = _dates(START, action_offset)

    def ctx(ks, p_true=0.4, p_null=0.15):
        col = _tri(rng, n, p_true, p_null)
        return pl.select(pl.when(pl.Series(is_kind(*ks))).then(col).otherwise(pl.lit(""))).to_series()

    agencies = ("Example County Sheriff", "Example City Police", "Example Probation", "CDCR", "Example School Police",
                "Example Employer", "California Highway Patrol")
    agency_c = np.select([is_actor("county_jail"), is_actor("county_sheriff"), is_actor("city_police"),
                          is_actor("county_probation"), is_actor("cdcr"), is_actor("school_police"),
                          is_actor("private_employer")], [0, 0, 1, 2, 3, 4, 5], 6)
    person_ids = _ids(f"P{seed:x}-", first_person, n_people, 8)
    requests = pl.DataFrame({
        "request_id": _ids(f"R{seed:x}-", first_request, n, 9),
        "received_date": recv,
        "agency": _strings(agencies, agency_c),
        "actor_kind": _strings(actors, actor_c),
        "request_kind": _strings(kinds, kind_c),
        "documents": docs,
        "person_id": person_ids.gather(pl.Series(person_no, dtype=pl.Int64)),
        "information_is_public": _tri(rng, n, 0.05, 0.02),
        "local_policy_restricts": _tri(rng, n, 0.10, 0.02),
        "in_custody": _tri(rng, n, 0.9, 0.0),
        "current_sex_arson_registrant": _tri(rng, n, 0.01, 0.01),
        "federal_felony_warrant_identified_by_ice": _tri(rng, n, 0.01, 0.0),
        "task_force_primary_purpose_immigration": ctx(["joint_task_force"], 0.3),
        "task_force_duties_primarily_non_immigration": ctx(["joint_task_force"], 0.6),
        "task_force_ongoing_commitment": ctx(["joint_task_force"], 0.5),
        "reentry_suspected_with_aggravated_felony": ctx(["illegal_reentry_arrest"], 0.5),
        "reentry_detected_during_unrelated_activity": ctx(["illegal_reentry_arrest"], 0.5),
        "office_space_exclusively_for_immigration": ctx(["office_space"], 0.5),
        "housing_contract_existed_2017_06_15": ctx(["house_federal_detainees"], 0.3),
        "housing_contract_expands_beds": ctx(["house_federal_detainees"], 0.3),
        "agency_response": _strings(responses, response_c),
        "agency_action_date": pl.select(pl.when(pl.Series(acted)).then(act).otherwise(pl.lit(""))).to_series(),
        "duties_done": done,
        "demographic_group": _strings(list(GROUPS), _pick_codes(rng, GROUPS, n)),
    })
    # history
    counts = rng.poisson(5, n_people)
    m = int(counts.sum())
    who = np.repeat(np.arange(n_people), counts)
    w = np.array([o[3] for o in OFFENSES], dtype=float)
    off = rng.choice(len(OFFENSES), size=m, p=w / w.sum())
    is_conv = rng.random(m) < 0.75
    # charges are California charges in this format
    ca = np.array([i for i, o in enumerate(OFFENSES) if o[2] == "california"])
    w_ca = w[ca] / w[ca].sum()
    off_ca = ca[rng.choice(len(ca), size=m, p=w_ca)]
    off = np.where(is_conv, off, off_ca)
    cit = np.array([o[0] for o in OFFENSES], dtype=object)[off]
    lvl = np.array([o[1] for o in OFFENSES], dtype=object)[off]
    jur_c = np.where(is_conv, np.array([("california", "federal", "other_state").index(o[2]) for o in OFFENSES])[off], 3)
    conv_day = rng.integers(0, (dt.date(2025, 12, 31) - dt.date(1998, 1, 1)).days, m)
    charge_day = (dt.date(2025, 12, 31) - dt.date(1998, 1, 1)).days - rng.integers(0, 400, m)
    day = np.where(is_conv, conv_day, charge_day)
    no_date = ~is_conv & (rng.random(m) < 0.1)  # some charges without a date
    date = pl.select(pl.when(pl.Series(no_date)).then(pl.lit("")).otherwise(_dates(dt.date(1998, 1, 1), day))).to_series()
    u = rng.random(m)
    misdemeanor = lvl == "misdemeanor"
    p47 = np.isin(cit, PROP47_SECTIONS) & misdemeanor
    tf = ("true", "false", "")
    reduced = np.where(is_conv, np.where(p47 & (u < 0.3), 0, 1), 2)
    u2 = rng.random(m)
    agg = np.where(is_conv & (jur_c == 1), np.where(u2 < 0.4, 0, np.where(u2 < 0.7, 2, 1)), 2)
    mpc = np.where(is_conv, 2, np.where((lvl == "felony") & (rng.random(m) < 0.3), 0, 1))
    cur = np.where(is_conv, 2, np.where(rng.random(m) < 0.6, 0, 1))
    off_names = [o[0] for o in OFFENSES]
    u3 = rng.random(m)
    enh_ok = is_conv & (jur_c == 0) & (((lvl == "felony") & (u3 < 0.04)) | ((lvl == "misdemeanor") & (u3 < 0.005)))
    enh = np.where(enh_ok, _pick_codes(rng, ENHANCEMENTS, m), len(ENHANCEMENTS))
    history = pl.DataFrame({
        "person_id": person_ids.gather(pl.Series(who, dtype=pl.Int64)),
        "record_type": _strings(("conviction", "charge"), np.where(is_conv, 0, 1)),
        "citation": _strings(off_names, off),
        "level": _strings([o[1] for o in OFFENSES], off),
        "date": date,
        "jurisdiction": _strings(("california", "federal", "other_state", ""), jur_c),
        "reduced_under_prop47": _strings(tf, reduced),
        "aggravated_felony": _strings(tf, agg),
        "magistrate_probable_cause": _strings(tf, mpc),
        "current_arrest": _strings(tf, cur),
        "enhancements": _strings([*ENHANCEMENTS, ""], enh),
    })
    if all_areas:
        requests = _with_areas(requests, seed, chunk)
    return requests, history


CHUNK = 1_000_000  # requests per generated part; larger files are written part by part (bounded memory)


def write(n: int, seed: int, out: Path, fmt: str = "csv", all_areas: bool = False) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = out / f"requests.{fmt}", out / f"history.{fmt}"
    if n <= CHUNK:
        req, hist = generate(n, seed, all_areas=all_areas)
        for df, p in zip((req, hist), paths):
            df.write_csv(p) if fmt == "csv" else df.write_parquet(p)
        return paths
    # part by part: each part has its own persons (about N / 1.4 in all, as above), written to Parquet parts and
    # then streamed into the two files
    import shutil
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix=".synth-", dir=out))
    try:
        done_req, done_people, j = 0, 0, 0
        while done_req < n:
            size = min(CHUNK, n - done_req)
            people = max(1, int(size / 1.4))
            req, hist = generate(size, seed, chunk=j, first_person=done_people, first_request=done_req, n_people=people,
                                 all_areas=all_areas)
            req.write_parquet(tmp / f"r{j:05d}.parquet")
            hist.write_parquet(tmp / f"h{j:05d}.parquet")
            del req, hist
            done_req, done_people, j = done_req + size, done_people + people, j + 1
        for prefix, p in zip("rh", paths):
            lf = pl.scan_parquet(sorted(tmp.glob(f"{prefix}*.parquet")))
            lf.sink_csv(p) if fmt == "csv" else lf.sink_parquet(p)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return paths
