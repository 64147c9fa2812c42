"""The audit: TRUTH Act figures, summary tables and a self-contained HTML report (plots embedded as base64 PNG).

TRUTH Act figures (Gov. Code 7283(d), "ICE access"): for a local law enforcement agency, a request it complied with
for a hold, notification or transfer ((d)(1)), release information ((d)(2), (3)), non-public home or work address
((d)(3)) or an interview ((d)(4)). "Responding" is counted as complying; a declined request is not counted as
access. The figures are counts of access events and of distinct persons, by month, means and demographic group.
"""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path

import polars as pl

from sanctuary.vocabulary.case import LOCAL_LAW_ENFORCEMENT

ICE_ACCESS = {"hold": "hold, notification or transfer request", "notification": "hold, notification or transfer request",
              "transfer": "hold, notification or transfer request", "release_date": "release information",
              "home_or_work_address": "home or work address", "interview": "interview"}


# the request columns the report's tables read (summary_tables reads the answers and these)
TRUTH_ACT_COLUMNS = ("actor_kind", "agency_response", "request_kind", "information_is_public", "agency_action_date",
                     "received_date", "demographic_group", "agency", "person_id")
REPORT_COLUMNS = (*TRUTH_ACT_COLUMNS, "request_id")


def truth_act_access(requests: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """The accepted requests that were ICE access under Gov. Code 7283(d) (only the columns the figures read;
    `month` is the first day of the month)."""
    local = [k.value for k in LOCAL_LAW_ENFORCEMENT]
    nonpublic = ~pl.col("information_is_public").fill_null(False)
    return requests.lazy().select(TRUTH_ACT_COLUMNS).filter(
        pl.col("actor_kind").is_in(local) & (pl.col("agency_response") == "complied")
        & pl.col("request_kind").is_in(list(ICE_ACCESS))
        & (pl.col("request_kind").is_in(["hold", "notification", "transfer", "interview"]) | nonpublic)
    ).select(
        pl.col("request_kind").replace_strict(ICE_ACCESS).alias("means"),
        pl.coalesce("agency_action_date", "received_date").dt.month_start().alias("month"),
        pl.col("demographic_group").fill_null("not recorded").alias("group"), "agency", "person_id")


def truth_act_tables(requests: pl.DataFrame) -> dict[str, pl.DataFrame]:
    acc = truth_act_access(requests)
    agg = [pl.len().alias("access_events"), pl.col("person_id").n_unique().alias("persons")]
    year, month = pl.col("month").dt.year().cast(pl.String).alias("year"), pl.col("month").dt.strftime("%Y-%m")
    tables = {  # grouped by the month's first day; written as text (YYYY-MM, YYYY) on the few groups
        "truth_act_by_month": acc.group_by("month", "means").agg(agg).with_columns(month).sort("month", "means"),
        "truth_act_by_group": acc.group_by(year, "group").agg(agg).sort("year", "group"),
        "truth_act_by_agency_year": acc.group_by("agency", year, "means").agg(agg).sort("agency", "year", "means"),
    }
    return dict(zip(tables, pl.collect_all(list(tables.values()))))


def summary_tables(requests: pl.DataFrame, answers: pl.DataFrame) -> dict[str, pl.DataFrame]:
    missing = [c for c in ("request_kind", "agency_response", "received_date") if c not in answers.columns]
    a = answers.lazy()
    if missing:
        a = a.join(requests.lazy().select("request_id", *missing), on="request_id", how="left")
    tables = {
        # grouped by the month's first day, written as text (YYYY-MM) on the few groups
        "requests_by_month": requests.lazy().group_by(pl.col("received_date").dt.month_start().alias("month"), "agency_response")
        .len("requests").sort("month", "agency_response").with_columns(pl.col("month").dt.strftime("%Y-%m")),
        "outcomes_by_request_kind": a.filter(pl.col("kind") == "action").group_by("request_kind", "status").len("answers")
        .sort("request_kind", "status"),
        "flags_by_rule": a.filter(pl.col("flag").is_not_null()).group_by("flag", "action", "rule", "citation").len("rows")
        .sort("rows", "rule", "flag", "action", "citation", descending=[True, False, False, False, False]),
        "answers_by_action": a.group_by("action", "status").len("answers").sort("action", "status"),
    }
    # together: the four run in parallel; the answers' Enum columns (sorted categories) become text in the tables
    return {k: t.with_columns(pl.col(pl.Enum).cast(pl.String))
            for k, t in zip(tables, pl.collect_all(list(tables.values())))}


def combine_tables(parts: dict[str, list[pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """The tables of several partitions as one: counts added up by their text columns. Exact for the distinct
    persons too, because a partition holds every row of its persons."""
    out = {}
    for name, frames in parts.items():
        t = pl.concat(frames)
        keys = [c for c, d in t.schema.items() if d == pl.String]
        vals = [c for c in t.columns if c not in keys]
        t = t.group_by(keys).agg(pl.col(v).sum() for v in vals).select(t.columns)
        if name == "flags_by_rule":
            t = t.sort("rows", "rule", "flag", "action", "citation", descending=[True, False, False, False, False])
        else:
            t = t.sort(keys)
        out[name] = t
    return out


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _plots(t: dict[str, pl.DataFrame]) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    fig, ax = plt.subplots(figsize=(9, 3.5))
    m = t["requests_by_month"].pivot(on="agency_response", index="month", values="requests").sort("month").fill_null(0)
    for c in m.columns[1:]:
        ax.plot(range(m.height), m[c], label=c)
    ax.set_xticks(range(0, m.height, max(1, m.height // 12)), m["month"].to_list()[:: max(1, m.height // 12)], rotation=45)
    ax.set_title("Requests received per month, by the agency's response")
    if m.width > 1:
        ax.legend()
    out["requests_over_time"] = _png(fig)
    fig, ax = plt.subplots(figsize=(9, 4))
    o = t["outcomes_by_request_kind"].pivot(on="status", index="request_kind", values="answers").sort("request_kind").fill_null(0)
    bottom = [0] * o.height
    # numeric positions with the names as tick labels: an empty table (or null names) plots nothing, not a TypeError
    for c in o.columns[1:]:
        ax.barh(list(range(o.height)), o[c].to_list(), left=bottom, label=c)
        bottom = [b + v for b, v in zip(bottom, o[c])]
    ax.set_yticks(list(range(o.height)), [str(k) for k in o["request_kind"].to_list()])
    ax.set_title("Answers by request kind (actions)")
    if o.width > 1:
        ax.legend()
    out["outcomes_by_kind"] = _png(fig)
    fig, ax = plt.subplots(figsize=(9, 4))
    f = t["flags_by_rule"].group_by("rule").agg(pl.col("rows").sum()).sort("rows").tail(20)
    ax.barh(list(range(f.height)), f["rows"].to_list())
    ax.set_yticks(list(range(f.height)), [str(k) for k in f["rule"].to_list()])
    ax.set_title("Flagged answers by deciding rule (top 20)")
    out["flags_by_rule"] = _png(fig)
    return out


def _table(df: pl.DataFrame, tid: str, limit: int = 200) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in r) + "</tr>"
                   for r in df.head(limit).iter_rows())
    more = f"<p class=note>{df.height - limit} more rows in {tid}.csv</p>" if df.height > limit else ""
    return f'<table id="{tid}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}'


def render_html(counts: dict, tables: dict[str, pl.DataFrame], meta: dict) -> str:
    plots = _plots(tables)
    flags = tables["flags_by_rule"].group_by("flag").agg(pl.col("rows").sum()).sort("flag")
    figures = {"counts": counts, "flags": dict(flags.iter_rows()),
               "truth_act_access_events": int(tables["truth_act_by_month"]["access_events"].sum())}
    css = ("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}"
           "table{border-collapse:collapse;font-size:13px;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px}"
           "th{background:#f3f3f3}.note{color:#666;font-size:13px}img{max-width:100%}")
    parts = [f"<!doctype html><html><head><meta charset=utf-8><title>sanctuary audit</title><style>{css}</style></head><body>",
             "<h1>Audit of immigration requests</h1>",
             f"<p class=note>Corpus {html.escape(meta.get('corpus_version', ''))} · engine {html.escape(meta.get('engine_version', ''))} · "
             f"inputs: {html.escape(meta.get('requests', ''))}, {html.escape(meta.get('history', ''))}</p>",
             "<h2>Rows</h2>", _table(pl.DataFrame([{"measure": k, "value": v} for k, v in counts.items()]), "counts"),
             *([f"<p class=note>{counts['requests_after_corpus_date']} request(s) were received after "
                f"{html.escape(str(meta.get('covers_until')))}, the day the law corpus was last checked against its "
                "sources: they were decided with the statutes and court orders known then. Check for later amendments "
                "and court orders.</p>"] if counts.get("requests_after_corpus_date") else []),
             "<h2>Requests and responses over time</h2>", f'<img alt="requests over time" src="{plots["requests_over_time"]}">',
             "<h2>Outcomes by request kind</h2>", f'<img alt="outcomes by request kind" src="{plots["outcomes_by_kind"]}">',
             _table(tables["outcomes_by_request_kind"], "outcomes_by_request_kind"),
             "<h2>Flagged rows by rule</h2>",
             "<p class=note>prohibited_done: the agency did what the law prohibited; required_not_done: a duty that arose "
             "is not recorded as done; needs_review: the law or the facts leave the answer open. See docs/bulk.md.</p>",
             _table(flags, "flags"),
             f'<img alt="flags by rule" src="{plots["flags_by_rule"]}">', _table(tables["flags_by_rule"], "flags_by_rule"),
             "<h2>TRUTH Act figures (Gov. Code 7283(d), 7283.1)</h2>",
             "<p class=note>ICE access given by local law enforcement agencies: requests complied with for a hold, "
             "notification or transfer, release information, a non-public home or work address, or an interview.</p>",
             _table(tables["truth_act_by_group"], "truth_act_by_group"), _table(tables["truth_act_by_month"], "truth_act_by_month"),
             f'<script type="application/json" id="figures">{json.dumps(figures)}</script>',
             "<p class=note>Not legal advice: sanctuary applies the statute texts in its corpus to the facts given.</p>",
             "</body></html>"]
    return "\n".join(parts)
