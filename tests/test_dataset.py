"""The articles table as analyses receive it: sampling."""

from __future__ import annotations

import pandas as pd

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
