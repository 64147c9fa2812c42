"""The conflict map: each state provision that limits cooperation, the federal provisions it is said to obstruct
(and by whom, only where the records say so), and every court holding on it with its date and scope, as of a date.

Built only from the court-order records (law/timeline/court-orders.yaml, via sanctuary.law.orders), the overlays the
engine applies, and the corpus. Three renderings: table (text), json, html. Bills are listed; they change nothing.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import json
from pathlib import Path

from sanctuary.law.corpus import AddressError, default_corpus, parse_address
from sanctuary.law.orders import _folder, holdings_on, load_bills, load_orders
from sanctuary.yamldata import load_yaml

STATE_JURISDICTION = "us-ca"


def _display(address: str) -> str:
    try:
        return parse_address(address).display
    except AddressError:
        return address


def _in_corpus(address: str) -> bool:
    try:
        return default_corpus().exists(address)
    except AddressError:
        return False


def _covers(prefix: str, address: str) -> bool:
    return address == prefix or address.startswith(prefix + "(") or prefix.startswith(address + "(")


def _not_in_force(address: str, as_of: dt.date) -> str | None:
    """Why the provision did not stand on `as_of` at all: the corpus's first text of it is in force later (or, for a
    text with no known first day, its enacting act took effect later: section-floors.yaml). None otherwise."""
    from sanctuary.engine.rulebook import load_section_floors

    try:
        versions = default_corpus().versions(address)
    except AddressError:
        return None
    if not versions:
        return None
    first = versions[0].in_force_from or load_section_floors().get(address.split("(")[0])
    if first is None or as_of >= first:
        return None
    return f"not in force on this date (the corpus's first text of it is in force from {first})"


def build_map(as_of: dt.date | None = None, folder: Path | None = None) -> dict:
    """The conflict map as plain data (the JSON rendering)."""
    from sanctuary.engine.rulebook import load_overlays

    as_of = as_of or dt.date.today()
    orders = load_orders(folder)
    bills = load_bills(folder)
    overlays = load_overlays(folder)
    no_orders = []
    for f in sorted(_folder(folder).glob("*.yaml")):
        no_orders += (load_yaml(f.read_text(encoding="utf-8")) or {}).get("no_orders", [])
    provisions: list[str] = []
    for o in orders:
        for h in o.holdings:
            for p in h.provisions:
                if p not in provisions and parse_address(p).jurisdiction == STATE_JURISDICTION:
                    provisions.append(p)
    for n in no_orders:
        provisions += [p for p in n["provisions"] if p not in provisions]
    rows = []
    for p in sorted(provisions, key=lambda a: (parse_address(a).code, parse_address(a).section, parse_address(a).path)):
        hs = holdings_on(p, orders, as_of)
        # only holdings that name this provision or a part of it / a whole containing it
        obstruct = []
        for o, h in hs:
            for ob in h.said_to_obstruct:
                if ob.state is not None and not any(_covers(q, p) for q in ob.state):
                    continue
                obstruct.append({"federal": ob.provision, "display": _display(ob.provision),
                                 "in_corpus": _in_corpus(ob.provision), "by": ob.by, "source": ob.source,
                                 "order": o.id})
        active = [ov for ov in overlays if ov.start <= as_of and (ov.end is None or as_of <= ov.end)
                  and any(_covers(q, p) for q in ov.provisions)]
        standing = [{"status": ov.new_status.value, "actors": list(ov.actors) if ov.actors else "all",
                     "in_part": [q for q in ov.provisions if q != p and q.startswith(p + "(")],
                     "overlay": ov.id, "reason": ov.reason, "since": ov.start.isoformat(),
                     "until": ov.end.isoformat() if ov.end else None} for ov in active]
        rows.append({
            "provision": p, "display": _display(p), "in_corpus": _in_corpus(p),
            "said_to_obstruct": obstruct,
            "holdings": [{
                "order": o.id, "court": o.court, "case": o.case, "docket": o.docket, "cite": o.cite, "kind": o.kind,
                "signed": o.signed.isoformat() if o.signed else None, "filed": o.filed.isoformat(),
                "effect": h.effect, "provisions": list(h.provisions), "actors": list(h.actors) if h.actors else "all",
                "quote": h.quote, "grounds": h.grounds, "note": h.note, "of": h.of,
                "later": [dict(x) for x in o.later if any(_covers(q, p) for q in x.get("as_to", h.provisions))
                          and next((oo for oo in orders if oo.id == x["by"]), o).first_day <= as_of],
                "sources": list(h.sources or o.sources), "status_ref": o.status_ref,
            } for o, h in hs],
            "stands": (_not_in_force(p, as_of) or "in force as the statute reads (no court order in the records bars it on this date)"
                       if not standing else "; ".join(
                           (f"in part ({', '.join(s['in_part'])}): " if s["in_part"] else "")
                           + f"{s['status']} for {', '.join(s['actors']) if s['actors'] != 'all' else 'all actors'} "
                           f"(since {s['since']}, {s['overlay']})" for s in standing)),
            "overlays": standing,
            "no_order_notes": [n["note"] for n in no_orders if any(_covers(q, p) for q in n["provisions"])],
            "bills": [{"id": b.id, "bill": b.bill, "outcome": b.outcome, "note": b.note,
                       "date": (b.date or b.introduced).isoformat() if (b.date or b.introduced) else None,
                       "changes_answers": False}
                      for b in bills if any(_covers(q, p) for q in b.provisions)
                      and (b.date or b.introduced or dt.date.min) <= as_of],
        })
    from sanctuary.engine.rulebook import default_rulebook

    return {
        "as_of": as_of.isoformat(),
        # as a decision for that date: the records reach only the corpus's last check (MANIFEST covers_until)
        "after_corpus_date": default_rulebook().after_corpus_date(as_of),
        "note": ("Built from the court-order records (law/timeline/court-orders.yaml, from us-ca/STATUS.md and LATER.md). Federal "
                 "provisions are listed as 'said to obstruct' only where a record says who said so. Bills never "
                 "change an answer. Not legal advice."),
        "provisions": rows,
    }


def render_json(m: dict) -> str:
    return json.dumps(m, indent=2, ensure_ascii=False)


def render_table(m: dict) -> str:
    lines = [f"Conflict map as of {m['as_of']}", ""] + ([m["after_corpus_date"], ""] if m.get("after_corpus_date") else [])
    for r in m["provisions"]:
        lines.append(f"{r['display']}  [{r['provision']}]" + ("" if r["in_corpus"] else "  (text not in corpus)"))
        lines.append(f"  stands: {r['stands']}")
        for o in r["said_to_obstruct"]:
            lines.append(f"  said to obstruct {o['display']}" + ("" if o["in_corpus"] else " (not in corpus)")
                         + f": {o['by']} [{o['source']}]")
        for h in r["holdings"]:
            date = f"{h['signed']} signed / {h['filed']} filed" if h["signed"] and h["signed"] != h["filed"] else h["filed"]
            actors = h["actors"] if h["actors"] == "all" else ", ".join(h["actors"])
            lines.append(f"  {date}  {h['effect']:<18} {h['court']} ({h['docket']}) — actors: {actors}")
            for x in h["later"]:
                lines.append(f"      later: {x.get('effect')} by {x.get('by')}")
        for n in r["no_order_notes"]:
            lines.append(f"  {n}")
        for b in r["bills"]:
            lines.append(f"  bill {b['bill']}: {b['outcome']} ({b['date']}) — not law, changes no answer")
        lines.append("")
    lines.append(m["note"])
    return "\n".join(lines)


def render_html(m: dict) -> str:
    e = _html.escape
    rows = []
    for r in m["provisions"]:
        holdings = "".join(
            f"<li><b>{e(h['effect'])}</b> — {e(h['court'])}, {e(h['case'])}, {e(h['docket'])}"
            f"{', ' + e(h['cite']) if h['cite'] else ''}; "
            f"{'signed ' + e(h['signed']) + ', ' if h['signed'] and h['signed'] != h['filed'] else ''}filed {e(h['filed'])}; "
            f"actors: {e(h['actors'] if h['actors'] == 'all' else ', '.join(h['actors']))}"
            + (f"<br><q>{e(h['quote'])}</q>" if h["quote"] else "")
            + "".join(f"<br>later: {e(str(x.get('effect')))} by {e(str(x.get('by')))}" for x in h["later"])
            + "</li>" for h in r["holdings"])
        obstruct = "".join(f"<li>{e(o['display'])}{'' if o['in_corpus'] else ' (not in corpus)'}: {e(o['by'])}</li>"
                           for o in r["said_to_obstruct"])
        notes = "".join(f"<li>{e(n)}</li>" for n in r["no_order_notes"])
        bills = "".join(f"<li>{e(b['bill'])}: {e(b['outcome'])} — not law</li>" for b in r["bills"])
        cls = "stands" if not r["overlays"] else ("enjoined" if any(o["status"] == "unenforceable" for o in r["overlays"]) else "review")
        rows.append(
            f"<tr class='{cls}'><td>{e(r['display'])}</td><td>{e(r['stands'])}</td><td><ul>{obstruct}</ul></td>"
            f"<td><ul>{holdings}{notes}</ul></td><td><ul>{bills}</ul></td></tr>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Conflict map as of {e(m['as_of'])}</title><style>"
        "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:.4em;vertical-align:top}tr.enjoined{background:#fde2e2}tr.review{background:#fff4d6}"
        "</style></head><body>"
        f"<h1>State provisions, federal law and the courts, as of {e(m['as_of'])}</h1>"
        + (f"<p><b>{e(m['after_corpus_date'])}</b></p>" if m.get("after_corpus_date") else "") +
        "<table><thead><tr><th>State provision</th><th>Stands?</th><th>Said to obstruct</th>"
        "<th>Court holdings</th><th>Bills (not law)</th></tr></thead><tbody>"
        + "".join(rows) + f"</tbody></table><p>{e(m['note'])}</p></body></html>")


def render(m: dict, fmt: str) -> str:
    return {"json": render_json, "table": render_table, "html": render_html}[fmt](m)


__all__ = ["build_map", "render", "render_html", "render_json", "render_table"]
