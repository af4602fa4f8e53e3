"""The articles table as analyses receive it: loading and sampling."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from presslens import dataset


def test_sample_articles_keeps_small_corpora_and_samples_large_ones_by_outlet():
    small = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "X", "Y"], "text": ["t"] * 3})
    same = dataset.sample_articles(small, 10)
    assert same["article_id"].tolist() == ["a", "b", "c"] and same.attrs["note"] == ""
    big = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(1000)],
            "outlet": ["Big"] * 990 + ["Tiny"] * 10,
            "text": ["t"] * 1000,
        }
    )
    sample = dataset.sample_articles(big, 100)
    assert 95 <= len(sample) <= 105
    assert set(sample["outlet"]) == {"Big", "Tiny"}  # the small outlet is not sampled away
    assert sample.index.is_monotonic_increasing  # table order kept
    assert f"{len(sample):,} of 1,000 articles" in sample.attrs["note"]
    again = dataset.sample_articles(big, 100)
    assert again["article_id"].tolist() == sample["article_id"].tolist()  # seeded


def test_loaders_read_the_ingested_tables_and_old_ingest_paths_warn(tmp_path):
    import presslens
    from presslens import ingest as ingest_package
    from presslens.ingest import ingest

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    ingest(raw, tmp_path)
    articles = dataset.load_articles(tmp_path)
    assert presslens.load_articles is dataset.load_articles
    assert presslens.load_paragraphs is dataset.load_paragraphs
    assert len(articles) == 5 and articles["outlet"].notna().all()
    assert set(dataset.load_paragraphs(tmp_path)["article_id"]) == set(articles["article_id"])
    assert set(dataset.load_report(tmp_path)["status"]) <= {"ok", "warning"}
    # The old path keeps working for one release, loudly, naming the new one.
    for name in ("load_articles", "load_paragraphs", "load_report"):
        with pytest.warns(DeprecationWarning, match=f"presslens.dataset.{name}"):
            old = getattr(ingest_package, name)
        assert old is getattr(dataset, name)
    with pytest.warns(DeprecationWarning, match="presslens.dataset"):
        from presslens.ingest import load_articles
    pd.testing.assert_frame_equal(load_articles(tmp_path), articles)
