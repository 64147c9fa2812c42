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


def test_floor_agrees_with_bulk_on_state_prison_sentences(tmp_path):
    # 7282.5(a)(2): a state prison sentence counts on a California record only; another state's is open through
    # the classifier, a federal felony is open. The synthetic history has no sentence column: add one.
    rp, hp = write(6000, 17, tmp_path, "parquet")
    hist = pl.read_parquet(hp)
    felony_conv = (pl.col("record_type") == "conviction") & (pl.col("level") == "felony")
    hist = hist.with_row_index("_i").with_columns(
        pl.when(felony_conv & (pl.col("_i") % 2 == 0)).then(True).otherwise(None).alias("sentenced_to_state_prison")).drop("_i")
    hp2 = tmp_path / "history_prison.parquet"
    hist.write_parquet(hp2)
    sentenced = hist.filter(pl.col("sentenced_to_state_prison"))
    assert set(sentenced["jurisdiction"].fill_null("california").unique()) >= {"california", "federal", "other_state"}
    floor = transfer_answers(rp, hp2)
    loaded = load(rp, hp2)
    bulk = answer(loaded.requests, loaded.history, actions=[ACTION]).select("request_id", "status", "rule", "citation")
    assert "trust_act.transfer.a2" in set(bulk["rule"])
    j = bulk.join(floor, on="request_id", how="full", suffix="_floor", nulls_equal=True)
    diff = j.filter(pl.col("request_id").is_null() | pl.col("request_id_floor").is_null()
                    | (pl.col("status") != pl.col("status_floor")) | (pl.col("rule") != pl.col("rule_floor"))
                    | (pl.col("citation") != pl.col("citation_floor")))
    assert diff.height == 0, diff.head(10)
