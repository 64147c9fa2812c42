"""`Store.append` from N threads at once, in one process: records per second and latency per append.

    python -m benchmarks.record_append [--threads 1,10,50] [--records 400] [--rounds 2]

Measures the decision record's write path alone (no HTTP): SQLite in a fresh temporary directory, WAL,
synchronous=FULL, the answer of examples/jail-detainer-robbery-conviction.yaml stored each time. To compare with an
older commit, run the same command with that commit's source first on the path:

    git archive <commit> src | tar -x -C /tmp/before && PYTHONPATH=/tmp/before/src python -m benchmarks.record_append
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def bench(threads: int, records: int, case: dict, answer: dict) -> dict:
    from sanctuary.store import Store

    with tempfile.TemporaryDirectory(prefix="sanctuary-append-") as tmp:
        st = Store.open(Path(tmp))
        lat: list[float] = []
        per = max(1, records // threads)

        def work():
            for _ in range(per):
                t = time.perf_counter()
                st.append(case, answer)
                lat.append((time.perf_counter() - t) * 1000)

        ts = [threading.Thread(target=work) for _ in range(threads)]
        t0 = time.perf_counter()
        [t.start() for t in ts]
        [t.join() for t in ts]
        secs = time.perf_counter() - t0
        rep = st.verify()
        st.engine.dispose()
    lat.sort()
    return {"threads": threads, "records": len(lat), "records_per_s": round(len(lat) / secs, 1),
            "p50_ms": round(lat[len(lat) // 2], 1), "p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
            "chain_ok": rep.ok and rep.records == len(lat)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", default="1,10,50")
    ap.add_argument("--records", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    from sanctuary.engine.rulebook import default_rulebook
    from sanctuary.vocabulary.load import case_from_data

    case = json.loads(json.dumps(yaml.safe_load((ROOT / "examples" / "jail-detainer-robbery-conviction.yaml").read_text()), default=str))
    answer = json.loads(default_rulebook().decide(case_from_data(case, "case")).model_dump_json())
    ok = True
    for _ in range(args.rounds):
        for n in (int(x) for x in args.threads.split(",")):
            r = bench(n, args.records, case, answer)
            ok &= r["chain_ok"]
            print(json.dumps(r))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
