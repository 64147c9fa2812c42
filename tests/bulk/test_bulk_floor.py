"""The benchmark's floor (benchmarks/floor.py, a hand-written polars query for transfer_to_immigration_authorities)
computes the bulk engine's answers: same rows, status, rule and citation. Otherwise the benchmark's ratio to the
floor would compare different work."""

import polars as pl

from benchmarks.floor import ACTION, transfer_answers
from sanctuary.bulk.engine import answer, load
from sanctuary.bulk.synth import write


def test_floor_agrees_with_bulk(tmp_path):
    rp, hp = write(6000, 13, tmp_path, "parquet")
    floor = transfer_answers(rp, hp)
    loaded = load(rp, hp)
    bulk = answer(loaded.requests, loaded.history, actions=[ACTION]).select("request_id", "status", "rule", "citation")
    assert bulk.height > 500 and bulk["rule"].n_unique() >= 8  # most of the decision's rules are exercised
    j = bulk.join(floor, on="request_id", how="full", suffix="_floor", nulls_equal=True)
    diff = j.filter(pl.col("request_id").is_null() | pl.col("request_id_floor").is_null()
                    | (pl.col("status") != pl.col("status_floor")) | (pl.col("rule") != pl.col("rule_floor"))
                    | (pl.col("citation") != pl.col("citation_floor")))
    assert diff.height == 0, diff.head(10)
