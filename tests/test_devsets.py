"""The dev-set split is one line every instrument draws the same way."""

from __future__ import annotations

import pytest

from presslens import devsets


def test_split_is_a_stable_quarter():
    ids = [f"{i:04d}" for i in range(4000)]
    parts = devsets.split_ids(ids)
    share = (parts["part"] == "held_out").mean()
    assert 0.22 < share < 0.28
    assert list(parts["id"]) == ids
    assert parts.equals(devsets.split_ids(ids)), "the split must not depend on the call"
    assert devsets.part_of("0031") == devsets.part_of(31) == devsets.part_of("0031")


def test_missing_devsets_say_so(tmp_path, monkeypatch):
    monkeypatch.setenv(devsets.ENV_DEVSETS, str(tmp_path))
    assert devsets.devset_dir("wcxb") is None
    assert devsets.page_ids("wcxb") == []
    with pytest.raises(FileNotFoundError, match="wcxb"):
        devsets.read_page("wcxb", "0001")


def test_pages_and_gold_read_from_the_folder(tmp_path, monkeypatch):
    (tmp_path / "toy" / "txt").mkdir(parents=True)
    for i in range(8):
        (tmp_path / "toy" / "txt" / f"p{i}.txt").write_text(f"Page {i} “quoted”", encoding="utf-8")
    (tmp_path / "toy" / "gold.json").write_text('{"p1": {"title": "T"}}', encoding="utf-8")
    monkeypatch.setenv(devsets.ENV_DEVSETS, str(tmp_path))
    ids = devsets.page_ids("toy")
    assert ids == [f"p{i}" for i in range(8)]
    tune, held = devsets.page_ids("toy", "tune"), devsets.page_ids("toy", "held_out")
    assert sorted(tune + held) == ids and not set(tune) & set(held)
    assert devsets.read_page("toy", "p3") == "Page 3 “quoted”"
    assert devsets.read_gold("toy") == {"p1": {"title": "T"}}
    with pytest.raises(ValueError, match="part"):
        devsets.page_ids("toy", "test")


def test_stage_pages_copies_one_part(tmp_path, monkeypatch):
    (tmp_path / "toy" / "txt").mkdir(parents=True)
    for i in range(12):
        (tmp_path / "toy" / "txt" / f"p{i}.txt").write_text(f"Page {i}", encoding="utf-8")
    monkeypatch.setenv(devsets.ENV_DEVSETS, str(tmp_path))
    raw = devsets.stage_pages("toy", tmp_path / "raw", part="held_out")
    staged = sorted(p.stem for p in raw.glob("*.txt"))
    assert staged == devsets.page_ids("toy", "held_out")
    assert not any(p.is_symlink() for p in raw.iterdir())
    assert (raw / f"{staged[0]}.txt").read_text(encoding="utf-8").startswith("Page")
    with pytest.raises(FileNotFoundError, match="nowhere"):
        devsets.stage_pages("nowhere", tmp_path / "x")
