"""Synthetic requests and histories, for trying the audit at any size without real personal data.

Every value is drawn from the fixed distributions below (seeded, so the same N and seed give the same files).
They are plausible, not estimates: shares loosely shaped like published California detainer figures (most
requests reach county jails; holds and notifications dominate; compliance with holds is rare, with notifications
common), with enough of every rare case (judicial warrants, Proposition 47 reductions, federal convictions, unknown
facts, CDCR, task forces) that each rule is exercised. Ids are random tokens; there are no names.

- persons: about N / 1.4 (each request picks a person uniformly, so some have several requests);
- history rows per person: Poisson(5); 75% convictions, 25% pending charges; citations from OFFENSES;
- conviction dates uniform over 1998-2025; charge dates within 400 days before 2025-12-31; requests received
  uniformly over 2018-01-01..2025-12-31.
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
PROP47_SECTIONS = ("HS 11350(a)", "HS 11377(a)", "PC 496(a)", "PC 484(a)", "PC 459", "PC 666")
START, END = dt.date(2018, 1, 1), dt.date(2025, 12, 31)


def _pick(rng, d: dict, n: int) -> np.ndarray:
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size=n, p=p / p.sum())]


def _tri(rng, n, p_true, p_null) -> list:
    u = rng.random(n)
    return pl.Series(np.where(u < p_true, "true", np.where(u < p_true + p_null, "", "false")))


def _days(base: dt.date, offsets: np.ndarray) -> pl.Series:
    return pl.Series(offsets.astype("int64")).cast(pl.Int32).map_batches(lambda s: s) if False else \
        (pl.lit(base) + pl.duration(days=pl.Series(offsets.astype("int64"))))


def generate(n: int, seed: int = 0) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(requests, history) as string tables, exactly as they would be written to CSV."""
    rng = np.random.default_rng(seed)
    n_people = max(1, int(n / 1.4))
    people = np.array([f"P{seed:x}-{i:08d}" for i in range(n_people)], dtype=object)
    person = people[rng.integers(0, n_people, n)]
    kind = _pick(rng, KINDS, n)
    actor = _pick(rng, ACTORS, n)
    span = (END - START).days
    received = rng.integers(0, span + 1, n)
    # documents: mostly the detainer forms, with the judicial documents rare
    docs = []
    draws = {d: rng.random(n) < p for d, p in DOCS.items()}
    for i in range(n):
        docs.append(";".join(d for d in DOCS if draws[d][i]))
    comply_p = np.array([COMPLY.get(k, 0.3) for k in kind])
    u = rng.random(n)
    response = np.where(u < comply_p, "complied", np.where(u < comply_p + 0.1, "no_response",
                        np.where(u > 0.98, "unknown", "declined")))
    acted = np.isin(response, ["complied", "declined"])
    action_offset = received + rng.integers(0, 10, n)
    # duties recorded as done, by request kind and response
    done = []
    r_copy, r_rel, r_form, r_rep = rng.random(n), rng.random(n), rng.random(n), rng.random(n)
    for i in range(n):
        d = []
        k, a = kind[i], actor[i]
        if k in ("hold", "notification", "transfer"):
            if r_copy[i] < 0.85:
                d.append("cdcr_copy_of_request" if a == "cdcr" else "give_person_copy_of_request")
        if k in ("notification", "release_date") and response[i] == "complied" and r_rel[i] < 0.7:
            d.append("notify_person_of_release_notice")
        if k == "interview" and r_form[i] < 0.9:
            d.append("cdcr_interview_consent_form" if a == "cdcr" else "give_interview_consent_form")
        if k == "transfer" and response[i] == "complied" and r_rep[i] < 0.95:
            d.append("report_transfers_annually")
        if k == "joint_task_force" and r_rep[i] < 0.8:
            d.append("report_task_force_annually")
        done.append(";".join(d))
    dates = pl.Series("d", received, dtype=pl.Int64)
    recv = pl.select((pl.lit(START) + pl.duration(days=dates)).dt.strftime("%Y-%m-%d")).to_series()
    act = pl.select((pl.lit(START) + pl.duration(days=pl.Series(action_offset, dtype=pl.Int64))).dt.strftime("%Y-%m-%d")).to_series()

    def ctx(kinds, p_true=0.4, p_null=0.15):
        col = _tri(rng, n, p_true, p_null)
        return pl.Series(np.where(np.isin(kind, kinds), col.to_numpy(), ""))

    requests = pl.DataFrame({
        "request_id": [f"R{seed:x}-{i:09d}" for i in range(n)],
        "received_date": recv,
        "agency": pl.Series(np.array(["Example County Sheriff", "Example City Police", "Example Probation", "CDCR",
                                      "Example School Police", "Example Employer", "California Highway Patrol"], dtype=object)[
            np.select([actor == "county_jail", actor == "county_sheriff", actor == "city_police", actor == "county_probation",
                       actor == "cdcr", actor == "school_police", actor == "private_employer"], [0, 0, 1, 2, 3, 4, 5], 6)]),
        "actor_kind": pl.Series(actor.astype(str)),
        "request_kind": pl.Series(kind.astype(str)),
        "documents": docs,
        "person_id": pl.Series(person.astype(str)),
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
        "agency_response": pl.Series(response.astype(str)),
        "agency_action_date": pl.Series(np.where(acted, act.to_numpy(), "")),
        "duties_done": done,
        "demographic_group": pl.Series(_pick(rng, GROUPS, n).astype(str)),
    })
    # history
    counts = rng.poisson(5, n_people)
    m = int(counts.sum())
    who = np.repeat(people, counts)
    w = np.array([o[3] for o in OFFENSES], dtype=float)
    off = rng.choice(len(OFFENSES), size=m, p=w / w.sum())
    cit = np.array([o[0] for o in OFFENSES], dtype=object)[off]
    lvl = np.array([o[1] for o in OFFENSES], dtype=object)[off]
    jur = np.array([o[2] for o in OFFENSES], dtype=object)[off]
    is_conv = rng.random(m) < 0.75
    # charges are California charges in this format
    ca = np.array([i for i, o in enumerate(OFFENSES) if o[2] == "california"])
    w_ca = w[ca] / w[ca].sum()
    off_ca = ca[rng.choice(len(ca), size=m, p=w_ca)]
    cit = np.where(is_conv, cit, np.array([o[0] for o in OFFENSES], dtype=object)[off_ca])
    lvl = np.where(is_conv, lvl, np.array([o[1] for o in OFFENSES], dtype=object)[off_ca])
    jur = np.where(is_conv, jur, "")
    conv_day = rng.integers(0, (dt.date(2025, 12, 31) - dt.date(1998, 1, 1)).days, m)
    charge_day = (dt.date(2025, 12, 31) - dt.date(1998, 1, 1)).days - rng.integers(0, 400, m)
    day = np.where(is_conv, conv_day, charge_day)
    date = pl.select((pl.lit(dt.date(1998, 1, 1)) + pl.duration(days=pl.Series(day, dtype=pl.Int64))).dt.strftime("%Y-%m-%d")).to_series().to_numpy()
    date = np.where(~is_conv & (rng.random(m) < 0.1), "", date)  # some charges without a date
    u = rng.random(m)
    p47 = np.isin(cit, PROP47_SECTIONS) & (lvl == "misdemeanor")
    reduced = np.where(is_conv, np.where(p47 & (u < 0.3), "true", "false"), "")
    u2 = rng.random(m)
    agg = np.where(is_conv & (jur == "federal"), np.where(u2 < 0.4, "true", np.where(u2 < 0.7, "", "false")), "")
    mpc = np.where(is_conv, "", np.where((lvl == "felony") & (rng.random(m) < 0.3), "true", "false"))
    cur = np.where(is_conv, "", np.where(rng.random(m) < 0.6, "true", "false"))
    history = pl.DataFrame({
        "person_id": pl.Series(who.astype(str)),
        "record_type": pl.Series(np.where(is_conv, "conviction", "charge").astype(str)),
        "citation": pl.Series(cit.astype(str)),
        "level": pl.Series(lvl.astype(str)),
        "date": pl.Series(date.astype(str)),
        "jurisdiction": pl.Series(jur.astype(str)),
        "reduced_under_prop47": pl.Series(reduced.astype(str)),
        "aggravated_felony": pl.Series(agg.astype(str)),
        "magistrate_probable_cause": pl.Series(mpc.astype(str)),
        "current_arrest": pl.Series(cur.astype(str)),
    })
    return requests, history


def write(n: int, seed: int, out: Path, fmt: str = "csv") -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    req, hist = generate(n, seed)
    paths = out / f"requests.{fmt}", out / f"history.{fmt}"
    for df, p in zip((req, hist), paths):
        df.write_csv(p) if fmt == "csv" else df.write_parquet(p)
    return paths
