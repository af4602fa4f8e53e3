"""The `presslens` command: each subcommand reaches the library; failures exit non-zero, named."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_notebook

from presslens import __version__
from presslens.cli import main

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def _notebook(path: Path, *sources: str) -> Path:
    """A notebook asking a question, with a `parameters` cell, then one code cell per source."""
    cells = [("markdown", "# A question"), ("parameters", "raw_dir = None\nprocessed_dir = None")]
    return make_notebook(path, [*cells, *(("code", source) for source in sources)])


def test_ingest_writes_the_tables_and_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["ingest", "--raw", str(RAW), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "5 articles" in printed
    report = pd.read_csv(out / "ingest_report.csv")
    assert len(report) == 5 and set(report["status"]) == {"ok"}


def test_run_with_a_failing_notebook_exits_1_naming_notebook_and_cell(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    _notebook(notebooks / "01-fails.ipynb", "import math", "math.sqrt(-1)")
    code = main(
        [
            "run",
            "--raw",
            str(RAW),
            "--processed",
            str(tmp_path / "processed"),
            "--reports",
            str(tmp_path / "reports"),
            "--notebooks",
            str(notebooks),
            "--no-progress",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "notebook 01-fails failed in In [" in err
    assert "(cell 4 of the source)" in err and "ValueError: math domain error" in err
    assert "math.sqrt(-1)" in err


def test_run_only_selects_one_notebook_and_reports_unknown_names(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    _notebook(notebooks / "01-a.ipynb", "print('a')")
    _notebook(notebooks / "02-b.ipynb", "raise RuntimeError('must not run')")
    args = ["run", "--raw", str(RAW), "--processed", str(tmp_path / "p")]
    args += ["--reports", str(tmp_path / "r"), "--notebooks", str(notebooks), "--no-progress"]
    assert main([*args, "--only", "01"]) == 0
    assert "executed 1 notebook(s)" in capsys.readouterr().out
    assert (tmp_path / "r" / "notebooks" / "01-a.ipynb").exists()
    assert not (tmp_path / "r" / "notebooks" / "02-b.ipynb").exists()
    assert main([*args, "--only", "07"]) == 1
    assert "no notebook '07'" in capsys.readouterr().err


def test_run_on_a_missing_raw_folder_exits_1(tmp_path, capsys):
    assert main(["run", "--raw", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["ingest", "--engine", "spark"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_python_dash_m_presslens_runs_the_cli():
    env = {**os.environ, "PYTHONPATH": str(REPO / "lib")}
    result = subprocess.run(
        [sys.executable, "-m", "presslens", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"presslens {__version__}"


def test_run_on_another_corpus_prints_and_uses_a_processed_folder_of_its_own(
    tmp_path, capsys, monkeypatch
):
    from presslens import config

    monkeypatch.setenv(config.ENV_PROCESSED, str(tmp_path / "processed"))
    other = tmp_path / "other-corpus"
    shutil.copytree(RAW, other)
    notebooks = tmp_path / "notebooks"
    _notebook(notebooks / "01-a.ipynb", "print('a')")
    args = ["run", "--raw", str(other), "--reports", str(tmp_path / "r")]
    args += ["--notebooks", str(notebooks), "--no-progress"]
    assert main(args) == 0
    own = config.processed_dir_for(other)
    assert own.parent == tmp_path / "processed" / "runs" and own.name.startswith("other-corpus-")
    assert f"processed tables: {own}" in capsys.readouterr().out
    assert (own / "articles.parquet").is_dir()
    assert not (tmp_path / "processed" / "articles.parquet").exists()
    chosen = tmp_path / "chosen"
    assert main([*args, "--processed", str(chosen)]) == 0  # told otherwise
    assert f"processed tables: {chosen}" in capsys.readouterr().out
    assert (chosen / "articles.parquet").is_dir()


def test_param_passes_a_value_to_every_notebook_that_declares_it(tmp_path, capfd):
    notebooks = tmp_path / "notebooks"
    for name in ("01-a", "02-b"):
        make_notebook(
            notebooks / f"{name}.ipynb",
            [
                ("parameters", "raw_dir = None\nprocessed_dir = None\ntop_n = 12\noutlets = None"),
                ("code", "print(f'top_n={top_n!r} outlets={outlets!r}')"),
            ],
        )
    make_notebook(notebooks / "03-c.ipynb", [("parameters", "raw_dir = None"), ("code", "1")])
    args = ["run", "--raw", str(RAW), "--processed", str(tmp_path / "p"), "--no-progress"]
    args += ["--reports", str(tmp_path / "r"), "--notebooks", str(notebooks)]
    assert main([*args, "--param", "top_n=3", "--param", "outlets=Daily A,Daily B"]) == 0
    terminal = capfd.readouterr()
    for name in ("01-a", "02-b"):
        nb = (tmp_path / "r" / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8")
        assert "top_n=3 outlets='Daily A,Daily B'" in nb
    # the terminal stays quiet: no kernel transport warning, no interrupt log, no papermill noise
    noise = ("without encryption", "KeyboardInterrupt", "Passed unknown parameter")
    assert not [n for n in noise if n in terminal.err + terminal.out]


def test_param_errors_say_how_to_write_it(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    _notebook(notebooks / "01-a.ipynb", "print('a')")
    args = ["run", "--raw", str(RAW), "--processed", str(tmp_path / "p"), "--no-progress"]
    args += ["--reports", str(tmp_path / "r"), "--notebooks", str(notebooks)]
    assert main([*args, "--param", "top_n"]) == 1
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main([*args, "--param", "no_such_knob=1"]) == 1
    err = capsys.readouterr().err
    assert "no notebook has a parameter no_such_knob" in err and "raw_dir" in err
