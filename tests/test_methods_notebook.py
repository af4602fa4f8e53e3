"""Notebook 06 measures every instrument it can on the data at hand, headless."""

from __future__ import annotations

import pytest
from conftest import assert_notebook_ran

from presslens import devsets


def _printed(nb) -> str:
    return "\n".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


def test_notebook_06_runs_headless_and_says_what_it_measured_on(run_notebook, tmp_path):
    nb = run_notebook("06-check-methods", n_resamples=50)
    assert_notebook_ran(nb, "06-check-methods")
    printed = _printed(nb)
    if devsets.devset_dir("frames-climate") is None:
        assert "No coded articles are available" in printed
        return
    assert "Measured on: frames-climate" in printed
    assert "Held out (frames-climate): the best instrument" in printed
    reports = tmp_path / "reports"
    assert (reports / "figures" / "06-check-methods" / "frame-kappa.png").is_file()
    table = reports / "tables" / "06-check-methods" / "frame-kappa.csv"
    import pandas as pd

    kappas = pd.read_csv(table)
    assert set(kappas["part"]) == {"tune (cross-validated)", "held out"}
    assert set(kappas["instrument"]) == {"dictionary", "calibrated dictionary", "model", "baseline"}
    assert kappas["kappa"].between(-1, 1).all()
    if devsets.devset_dir("wcxb") is not None:
        dates = pd.read_csv(reports / "tables" / "06-check-methods" / "date-scores.csv")
        assert list(dates["part"]) == ["held_out"]
        assert 0 < dates["printed"].iloc[0] <= dates["pages"].iloc[0]
        assert 0 <= dates["share"].iloc[0] <= 1
        assert "held-out pages that print their date in a common form" in printed


@pytest.mark.skipif(
    devsets.devset_dir("frames-climate") is not None, reason="needs a clone without the dev sets"
)
def test_notebook_06_says_when_nothing_is_coded(run_notebook):
    nb = run_notebook("06-check-methods", n_resamples=50)
    assert_notebook_ran(nb, "06-check-methods")
    assert "No coded articles are available" in _printed(nb)
