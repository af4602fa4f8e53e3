"""`presslens` command line: argument parsing only; each command is one call into the library.

    presslens ingest [--raw DIR] [--out DIR] [--engine local|dask] [--scheduler ADDR] [--workers N]
    presslens run    [--raw DIR] [--processed DIR] [--reports DIR] [--only NOTEBOOK]
                     [--param NAME=VALUE ...] (a notebook parameter, for every notebook:
                     outlets, start, end, languages, min_articles, top_n)
                     (another --raw corpus gets processed tables of its own unless --processed
                     names a folder; the folders used are printed)
    presslens add    PATH_OR_URL... [--outlet NAME] [--published DATE] [--raw DIR]

Exit status: 0 on success, 1 when a command fails (the message names what and why), 2 on a
usage error.
"""

from __future__ import annotations

import argparse
import sys

from presslens import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presslens",
        description="Compare how news outlets cover, frame and word the same story.",
    )
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="clean data/raw/ into data/processed/ (incremental)")
    p.add_argument("--raw", metavar="DIR", help="folder of scraped pages (default data/raw)")
    p.add_argument("--out", metavar="DIR", help="output folder (default data/processed)")
    p.add_argument("--engine", choices=["local", "dask"], help="where to process pages")
    p.add_argument("--scheduler", metavar="ADDR", help="dask scheduler address (engine dask)")
    p.add_argument("--workers", type=int, metavar="N", help="number of worker processes")

    p = sub.add_parser("run", help="ingest, execute every notebook, write reports/")
    p.add_argument("--raw", metavar="DIR", help="folder of scraped pages (default data/raw)")
    p.add_argument(
        "--processed",
        metavar="DIR",
        help="processed tables (default data/processed; for another --raw folder, a folder of "
        "its own: data/processed/runs/<name>-<hash>/)",
    )
    p.add_argument("--reports", metavar="DIR", help="figures, tables, report (default reports)")
    p.add_argument("--only", metavar="NOTEBOOK", help="run one notebook (name or its NN number)")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter in every notebook, e.g. --param top_n=20 "
        "--param outlets='A,B' --param start=2023-05-01 (repeatable)",
    )
    p.add_argument("--notebooks", metavar="DIR", help=argparse.SUPPRESS)
    p.add_argument("--no-progress", action="store_true", help="hide the progress bars")
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="notebooks executed at once (default: one more than the cores, at most 4)",
    )

    p = sub.add_parser("add", help="copy files or fetch http(s) pages into data/raw/")
    p.add_argument("items", nargs="+", metavar="PATH_OR_URL")
    p.add_argument("--outlet", metavar="NAME", help="outlet name for metadata.csv")
    p.add_argument("--published", metavar="DATE", help="publication date, YYYY-MM-DD")
    p.add_argument("--language", metavar="CODE", help="language code, e.g. en")
    p.add_argument("--raw", metavar="DIR", help="raw folder (default data/raw)")
    p.add_argument(
        "--timeout",
        type=float,
        default=20,
        metavar="S",
        help="time limit for each whole download (20 s)",
    )
    p.add_argument(
        "--max-bytes", type=int, default=5_000_000, metavar="N", help="largest page (5 MB)"
    )
    return parser


def _ingest(args) -> str:
    from presslens.ingest import ingest

    options = {
        k: v
        for k, v in {
            "engine": args.engine,
            "scheduler": args.scheduler,
            "workers": args.workers,
        }.items()
        if v is not None
    }
    return ingest(args.raw, args.out, **options).summary()


def parse_param(text: str) -> tuple[str, object]:
    """`NAME=VALUE` to `(name, value)`: the value read as a Python literal (a number, a list,
    None) when it is one, else kept as text; a ValueError says how to write it."""
    import ast

    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ValueError(f"--param {text!r}: write it as NAME=VALUE, e.g. --param top_n=20")
    try:
        return name, ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        return name, value.strip()


def _run(args) -> str:
    from presslens.report import run_suite

    parameters = dict(parse_param(p) for p in args.param)
    return run_suite(
        args.raw,
        args.processed,
        args.reports,
        notebooks=args.notebooks,
        only=args.only,
        progress=not args.no_progress,
        parameters=parameters,
        jobs=args.jobs,
    ).summary()


def _add(args) -> str:
    from presslens.add import AddError, add

    try:
        table = add(
            args.items,
            raw=args.raw,
            outlet=args.outlet,
            published=args.published,
            language=args.language,
            timeout=args.timeout,
            max_bytes=args.max_bytes,
        )
    except AddError as exc:
        _print_added(exc.report)  # what did land, before the error naming what did not
        raise
    _print_added(table)
    return "run `presslens run` to ingest and analyse the new pages"


def _print_added(table) -> None:
    for row in table.itertuples(index=False):
        if row.status != "refused":
            print(f"{row.status:9} {row.file or '-'}  ({row.source}; {row.message})")


def _failures() -> tuple[type[Exception], ...]:
    """The errors a command reports in one line, exit status 1, rather than as a traceback
    (imported only when a command failed, so `presslens --version` stays fast)."""
    from presslens.add import AddError
    from presslens.ingest import IngestError
    from presslens.report import NotebookError

    return (FileNotFoundError, ValueError, AddError, IngestError, NotebookError)


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    command = {"ingest": _ingest, "run": _run, "add": _add}[args.command]
    try:
        print(command(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if not isinstance(exc, _failures()):
            raise
        print(f"presslens {args.command}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
