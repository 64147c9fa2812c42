"""Court orders, opinions and bills as dated records (src/sanctuary/law/timeline/court-orders.yaml).

An order has holdings; a holding names provisions (corpus address prefixes), the actors it covers (None = all), and
its effect (enjoined, held_invalid, injunction_denied, dismissed, affirmed, ...). Only a holding that carries an
`overlay:` changes answers: `order_overlays` turns it into `Overlay`s, the one mechanism the single-case and the
bulk engine share. Where an order was signed on one day and filed on a later one, the days between answer
"needs review" (when it bound is a legal question the records do not settle). Bills never change an answer:
they are recorded and listed, never turned into overlays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sanctuary.engine.rules import Overlay, Status
from sanctuary.yamldata import load_yaml

OVERLAY_EFFECTS = ("enjoined", "held_invalid")  # the only effects that may carry an overlay
ENDING_EFFECTS = ("reversed", "vacated", "dissolved")  # a later holding with `of:` that ends an earlier order's effect
DEFAULT_FILE = "court-orders.yaml"


def _folder(folder: Path | None) -> Path:
    return folder or Path(str(resources.files("sanctuary.law") / "timeline"))


def _d(v) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _clean(s) -> str | None:
    return " ".join(str(s).split()) if s is not None else None


@dataclass(frozen=True)
class Obstruction:
    """A federal provision a state provision is said to obstruct, and who said so (only as the records say)."""

    provision: str
    by: str
    source: str
    state: tuple[str, ...] | None = None  # the state provisions of the holding it is said of (None = all of them)


@dataclass(frozen=True)
class Holding:
    provisions: tuple[str, ...]
    actors: tuple[str, ...] | None
    effect: str
    quote: str | None = None
    grounds: str | None = None
    note: str | None = None
    of: str | None = None  # the earlier order this one reviews
    said_to_obstruct: tuple[Obstruction, ...] = ()
    overlay: dict | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourtOrder:
    id: str
    court: str
    case: str
    docket: str
    kind: str
    filed: dt.date
    holdings: tuple[Holding, ...]
    signed: dt.date | None = None
    cite: str | None = None
    later: tuple[dict, ...] = ()
    sources: tuple[str, ...] = ()
    status_ref: str | None = None

    @property
    def citation(self) -> str:
        dates = (f"signed {self.signed}, filed {self.filed}" if self.signed and self.signed != self.filed
                 else f"filed {self.filed}")
        return f"{self.case}, {self.court}, {self.docket}" + (f", {self.cite}" if self.cite else "") + f" ({dates})"

    @property
    def first_day(self) -> dt.date:
        return self.signed or self.filed


@dataclass(frozen=True)
class Bill:
    id: str
    bill: str
    provisions: tuple[str, ...]
    outcome: str  # vetoed, died_in_committee, failed, pending, not_enacted, not_verified, ...
    date: dt.date | None = None
    date_precision: str = "day"
    introduced: dt.date | None = None
    note: str | None = None
    source: str | None = None
    status_ref: str | None = None
    changes_answers: bool = field(default=False, init=False)  # never: a bill is not law


def _holding(h: dict) -> Holding:
    if h.get("overlay") and h["effect"] not in OVERLAY_EFFECTS:
        raise ValueError(f"a holding with effect {h['effect']!r} cannot change answers (overlay)")
    return Holding(
        provisions=tuple(h["provisions"]), actors=tuple(h["actors"]) if h.get("actors") else None,
        effect=h["effect"], quote=_clean(h.get("quote")), grounds=_clean(h.get("grounds")), note=_clean(h.get("note")),
        of=h.get("of"),
        said_to_obstruct=tuple(Obstruction(o["provision"], _clean(o["by"]), str(o["source"]),
                                           tuple(o["state"]) if o.get("state") else None)
                               for o in h.get("said_to_obstruct", [])),
        overlay=h.get("overlay"), sources=tuple(str(s) for s in h.get("sources", [])),
    )


def _files(folder: Path | None) -> list[Path]:
    return sorted(_folder(folder).glob("*.yaml"))


def load_orders(folder: Path | None = None) -> list[CourtOrder]:
    """Every court order in the timeline folder, in date order."""
    out: list[CourtOrder] = []
    for f in _files(folder):
        out.extend(orders_in(load_yaml(f.read_text(encoding="utf-8")) or {}))
    ids = [o.id for o in out]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate court order ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    return sorted(out, key=lambda o: (o.first_day, o.id))


def orders_in(data: dict) -> list[CourtOrder]:
    return [CourtOrder(
        id=o["id"], court=o["court"], case=o["case"], docket=str(o["docket"]), kind=o["kind"], filed=_d(o["filed"]),
        signed=_d(o.get("signed")), cite=o.get("cite"), holdings=tuple(_holding(h) for h in o.get("holdings", [])),
        later=tuple(o.get("later", [])), sources=tuple(str(s) for s in o.get("sources", [])),
        status_ref=o.get("status_ref"),
    ) for o in data.get("orders", [])]


def load_bills(folder: Path | None = None) -> list[Bill]:
    out: list[Bill] = []
    for f in _files(folder):
        for b in (load_yaml(f.read_text(encoding="utf-8")) or {}).get("bills", []):
            out.append(Bill(id=b["id"], bill=b["bill"], provisions=tuple(b.get("provisions", [])), outcome=b["outcome"],
                            date=_d(b.get("date")), date_precision=b.get("date_precision", "day"),
                            introduced=_d(b.get("introduced")), note=_clean(b.get("note")), source=b.get("source"),
                            status_ref=b.get("status_ref")))
    return out


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    def within(x: str, p: str) -> bool:
        return x == p or x.startswith(p + "(") or x.startswith(p + " ")
    return any(within(x, y) or within(y, x) for x in a for y in b)


def ended_on(order: CourtOrder, holding: Holding, orders: list[CourtOrder]) -> tuple[dt.date, CourtOrder] | None:
    """The first later order that reverses, vacates or dissolves this holding's effect, and its date."""
    for later in orders:
        if later.filed <= order.filed:
            continue
        for h in later.holdings:
            if h.of == order.id and h.effect in ENDING_EFFECTS and _overlaps(h.provisions, holding.provisions):
                return later.filed, later
    return None


def order_overlays(orders: list[CourtOrder]) -> list[Overlay]:
    """The overlays the orders impose: each holding with `overlay:`, from its filing date to the day before a later
    order ends it (or open-ended); between signature and filing, "needs review"."""
    out: list[Overlay] = []
    for o in orders:
        for i, h in enumerate(o.holdings):
            if not h.overlay:
                continue
            spec = h.overlay
            statuses = tuple(Status(s) for s in spec.get("statuses", ["prohibited", "required"]))
            reason = _clean(spec["reason"])
            cites = (o.citation,) + tuple(f"source: {s}" for s in (h.sources or o.sources)) + (
                (f"us-ca/{o.status_ref}",) if o.status_ref else ())
            end = ended_on(o, h, orders)
            end_day = end[0] - dt.timedelta(days=1) if end else None
            if end:
                reason += f" The order was {end[1].kind.replace('_', ' ')} by {end[1].citation}; it is not applied after {end_day}."
            if o.signed and o.signed < o.filed:
                out.append(Overlay(
                    id=f"{o.id}#{i}.signed", provisions=h.provisions, start=o.signed,
                    end=o.filed - dt.timedelta(days=1), new_status=Status(spec.get("signed_to_filed", "needs_review")),
                    reason=(f"An order was signed on {o.signed} and filed on {o.filed}: {reason} Whether it bound "
                            f"before it was filed is a legal question the records do not settle; have counsel review."),
                    cites=cites, actors=h.actors, statuses=statuses))
            out.append(Overlay(
                id=f"{o.id}#{i}", provisions=h.provisions, start=o.filed, end=end_day,
                new_status=Status(spec.get("new_status", "unenforceable")), reason=reason, cites=cites,
                actors=h.actors, statuses=statuses))
    return out


def holdings_on(provision: str, orders: list[CourtOrder], as_of: dt.date | None = None) -> list[tuple[CourtOrder, Holding]]:
    """Every holding touching a provision (prefix either way), as of a date if given."""
    return [(o, h) for o in orders if as_of is None or o.first_day <= as_of
            for h in o.holdings if _overlaps((provision,), h.provisions)]


def dated_events(address: str, as_of: dt.date, overlays=None, orders: list[CourtOrder] | None = None) -> dict:
    """What the timeline says about a provision on a date, beside its text (`sanctuary law show --as-of`, GET /law):
    `in_force`, the overlays the engine applies that day to answers resting on it (court orders, the reported
    pauses, the SB 54 effective-date dispute), each with its status, actors, dates and reason; and `holdings`, every
    court holding on it filed (or signed) by that day, whatever its effect."""
    if overlays is None:
        from sanctuary.engine.rulebook import load_overlays
        overlays = load_overlays()
    orders = load_orders() if orders is None else orders
    in_force = [{
        "id": ov.id, "status": ov.new_status.value, "actors": list(ov.actors) if ov.actors else None,
        "since": ov.start.isoformat(), "until": ov.end.isoformat() if ov.end else None,
        "statuses_changed": [x.value for x in ov.statuses], "reason": ov.reason, "cites": list(ov.cites),
    } for ov in overlays if ov.start <= as_of and (ov.end is None or as_of <= ov.end)
        and _overlaps((address,), tuple(ov.provisions))]
    holdings = [{
        "order": o.id, "court": o.court, "case": o.case, "docket": o.docket, "cite": o.cite, "kind": o.kind,
        "signed": o.signed.isoformat() if o.signed else None, "filed": o.filed.isoformat(), "effect": h.effect,
        "provisions": list(h.provisions), "actors": list(h.actors) if h.actors else None,
        "summary": h.quote or h.grounds or h.note,
    } for o, h in holdings_on(address, orders, as_of)]
    return {"as_of": as_of.isoformat(), "in_force": in_force, "holdings": holdings}


__all__ = ["Bill", "CourtOrder", "Holding", "Obstruction", "load_bills", "load_orders", "order_overlays",
           "holdings_on", "ended_on", "orders_in", "dated_events"]
