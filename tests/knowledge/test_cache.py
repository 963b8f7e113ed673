"""The build cache: passage vectors by passage hash and model; records to plain data and back."""
from __future__ import annotations

from array import array
from pathlib import Path

from knowledge.cache import BuildCache, cache_path_for, from_plain, passage_hash, to_plain
from knowledge.extract import PersonMentionRaw, RawEvent
from knowledge.records import DateSpan, Figure, Place, Source


def test_vectors_are_kept_by_passage_hash_and_model(tmp_path: Path) -> None:
    path = tmp_path / "k.cache.sqlite"
    a, b = passage_hash("CNIE met in Hanoi."), passage_hash("CFPA donated stoves.")
    assert a != b and passage_hash("CNIE met in Hanoi.") == a
    with BuildCache.open(path) as cache:
        assert cache.vectors("e5-small@1", [a, b]) == {}
        cache.put_vectors("e5-small@1", {a: [0.25, -1.5, 3.0], b: array("f", [1.0, 2.0, 3.0])})
        cache.put_vectors("e5-small@2", {a: [9.0, 9.0, 9.0]})
    with BuildCache.open(path) as cache:  # kept across connections
        got = cache.vectors("e5-small@1", [a, b, passage_hash("never embedded")])
        assert set(got) == {a, b}
        assert list(got[a]) == [0.25, -1.5, 3.0] and got[a].typecode == "f"
        assert list(cache.vectors("e5-small@2", [a, b])[a]) == [9.0, 9.0, 9.0]
        assert cache.keep_vectors("e5-small@2") == 2  # the stale model's vectors go
        assert cache.vectors("e5-small@1", [a, b]) == {}
        assert cache.counts()["vectors"] == 1


def test_many_vectors_at_once(tmp_path: Path) -> None:
    hashes = [passage_hash(f"passage {i}") for i in range(1200)]  # more than one IN (...) query
    with BuildCache.open(tmp_path / "c.sqlite") as cache:
        cache.put_vectors("m", {h: [float(i)] * 4 for i, h in enumerate(hashes)})
        got = cache.vectors("m", hashes)
        assert len(got) == 1200 and list(got[hashes[1199]]) == [1199.0] * 4
        assert cache.keep_vectors("m", hashes[:10]) == 1190


def test_the_cache_lives_beside_the_store() -> None:
    assert cache_path_for(Path("/data/knowledge.sqlite")) == Path("/data/knowledge.cache.sqlite")


def test_raw_events_go_to_plain_data_and_back() -> None:
    source = Source("r", "Report", "2025-01", "Section", 3)
    ev = RawEvent("r", "Title", DateSpan("2025-01-02", "2025-01-02", "day"), [Place("Hanoi", "city", "Vietnam")],
                  [("CNIE", "organiser"), ("CFPA", None)], ["CNIE"], [PersonMentionRaw("Liu Hongcai", None)],
                  [Figure("3,000 packs", 3000.0)], "summary", "text", source, [("China NGO Network", "CNIE")],
                  [("CNIE", "CNIE is a network.")], ["CFPA"])
    assert from_plain(RawEvent, to_plain(ev)) == ev
