"""One core, a process pool and a Dask cluster give the same, byte-identical tables."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from presslens.dataset import load_articles
from presslens.ingest import ingest
from presslens.ingest import pipeline as ingest_pipeline

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import write_corpus  # noqa: E402


def tables(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


@pytest.fixture(scope="module")
def generated_raw(tmp_path_factory):
    raw = tmp_path_factory.mktemp("generated-raw")
    shutil.copytree(REPO / "data" / "raw", raw, dirs_exist_ok=True)
    # The generator appends to metadata.csv: keep the sample's sheet rows and add 90 pages.
    write_corpus(raw, 90)
    return raw


def test_generated_corpus_is_cleaned_like_the_sample(generated_raw, tmp_path):
    result = ingest(generated_raw, tmp_path / "out", workers=1)
    articles = load_articles(tmp_path / "out")
    assert len(articles) == 95, result.summary()
    generated = articles[articles["file"].str.contains("/")]
    # Navigation, notices and footers never survive into the article text.
    for chrome in (
        "Share on Facebook",
        "Related news",
        "Privacy policy",
        "Tags:",
        "spot_img",
        "Login",
    ):
        assert not generated["text"].str.contains(chrome, regex=False).any(), chrome
    assert (generated["n_paragraphs"] >= 5).all()
    assert generated["title"].str.endswith(")").all()
    # Lines repeated across pages are part of the cache key; an unchanged corpus is not re-cleaned.
    again = ingest(generated_raw, tmp_path / "out", workers=1)
    assert again.n_processed == 0 and again.written == []


def test_process_pool_matches_one_core(generated_raw, tmp_path, monkeypatch):
    ingest(generated_raw, tmp_path / "serial", workers=1)
    monkeypatch.setattr(ingest_pipeline, "POOL_MIN_FILES", 1)
    result = ingest(generated_raw, tmp_path / "pool", workers=2)
    assert result.n_processed == 95
    assert tables(tmp_path / "serial") == tables(tmp_path / "pool")


@pytest.mark.slow
def test_dask_engine_matches_the_local_engine(generated_raw, tmp_path):
    pytest.importorskip("dask.distributed")
    ingest(generated_raw, tmp_path / "local", workers=1)
    result = ingest(generated_raw, tmp_path / "dask", engine="dask", workers=2)
    assert result.n_processed == 95
    assert tables(tmp_path / "local") == tables(tmp_path / "dask")
    # Incremental on Dask too: nothing to do on a re-run.
    again = ingest(generated_raw, tmp_path / "dask", engine="dask", workers=2)
    assert again.n_processed == 0 and again.written == []


def test_unknown_engine_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        ingest(REPO / "data" / "raw", tmp_path, engine="spark")
