"""`text.concordance`: the one keyword-in-context table, context counted in words."""

from __future__ import annotations

import pandas as pd

from presslens import text as T

TEXT = "One two three four five target six seven eight nine.\n\nNext paragraph target here."


def _articles() -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [TEXT]})


def _hits(*starts: int, **cols) -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": "a", "start": list(starts), "end": [s + 6 for s in starts], **cols}
    )


def test_context_in_words_within_the_paragraph_cut_marked():
    first, second = TEXT.index("target"), TEXT.rindex("target")
    out = T.concordance(_articles(), _hits(first, second), context=2)
    assert list(out.columns) == T.CONCORDANCE_COLUMNS
    assert out["left"].tolist() == ["…four five", "Next paragraph"]
    assert out["match"].tolist() == ["target", "target"]
    assert out["right"].tolist() == ["six seven…", "here."]  # never into the next paragraph
    assert out["paragraph"].tolist() == [0, 1]
    assert out["outlet"].tolist() == ["X", "X"]
    whole = T.concordance(_articles(), _hits(first), context=20).iloc[0]
    assert (whole["left"], whole["right"]) == ("One two three four five", "six seven eight nine.")
    bare = T.concordance(_articles(), _hits(first), context=0).iloc[0]
    assert (bare["left"], bare["match"], bare["right"]) == ("", "target", "")


def test_extra_hit_columns_are_carried_and_surface_dropped():
    first = TEXT.index("target")
    hits = _hits(first, group=["g"], variant=["v"], surface=["target"])
    out = T.concordance(_articles(), hits)
    assert list(out.columns) == T.CONCORDANCE_COLUMNS + ["group", "variant"]
    assert (out["group"].item(), out["variant"].item()) == ("g", "v")
    empty = T.concordance(_articles(), _hits().head(0))
    assert empty.empty and list(empty.columns) == T.CONCORDANCE_COLUMNS


def test_count_words_is_the_token_count():
    assert T.count_words(TEXT) == len(T.tokenize(TEXT)) == 14
    assert T.count_words("a well-known U.N. body—here") == 5
