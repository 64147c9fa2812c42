"""The offense lists are parameters taken from the corpus: every reference exists, and the YAML is what the
extractor reads from the corpus now."""

from __future__ import annotations

import pytest

from sanctuary.law.corpus import default_corpus
from sanctuary.offenses import extract
from sanctuary.offenses.lists import LIST_FILES, load_list

ALL_ITEMS = [(name, it) for name in LIST_FILES for it in load_list(name)["items"]]


@pytest.mark.parametrize("name, item", ALL_ITEMS, ids=[f"{n}:{it['item']}" for n, it in ALL_ITEMS])
def test_every_reference_exists_in_the_corpus(name, item):
    c = default_corpus()
    assert c.exists(item["reference"]), f"{name} item {item['item']}: {item['reference']} is not in the corpus"
    for src in load_list(name)["source"]:
        assert c.exists(src)


def test_yaml_matches_what_the_corpus_says_now():
    built = extract.build_all()
    for key, data in built.items():
        on_disk = (extract.LISTS_DIR / extract.FILES[key]).read_text(encoding="utf-8")
        assert on_disk == extract.dump(data), f"{extract.FILES[key]} is out of date: run python -m sanctuary.offenses.extract --write"


def test_in_force_dates_are_those_of_the_texts():
    c = default_corpus()
    for name, it in ALL_ITEMS:
        if name == "prop47":
            continue
        v = c.section(it["reference"])
        assert it["in_force_from"] == (v.in_force_from.isoformat() if v.in_force_from else None)


def test_item_counts_follow_the_texts():
    assert [it["item"] for it in load_list("serious_felony")["items"]][:43] == [str(n) for n in range(1, 44)]
    assert len(load_list("violent_felony")["items"]) == len(default_corpus().provision("pen 667.5(c)")[1].children)
    assert [it["item"] for it in load_list("a3")["items"]] == [ch.label for ch in default_corpus().provision("gov 7282.5(a)(3)")[1].children]


def test_run_on_split_keeps_inner_paragraph_numbers():
    items = dict(extract.split_run_on("(1) a; (2) b as described in paragraph (2) of subdivision (d); and (3) c."))
    assert items == {"1": "a", "2": "b as described in paragraph (2) of subdivision (d)", "3": "c"}


def test_word_only_items_are_not_mapped():
    serious = {it["item"]: it for it in load_list("serious_felony")["items"]}
    for n in ("1", "7", "8", "18", "23", "39", "43"):
        assert serious[n]["sections"] == [], f"1192.7(c)({n}) is described in words and must not name sections"
    a3 = {it["item"]: it for it in load_list("a3")["items"]}
    for x in ("G", "L", "M", "P", "R", "S"):
        assert a3[x]["sections"] == []
