"""The ingest end to end: gold scores, bad input, incrementality, determinism, raw untouched."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from ingest_support import BODY

from presslens import config
from presslens.dataset import load_articles, load_paragraphs, load_report
from presslens.ingest import ingest
from presslens.ingest import writer as ingest_writer

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

FRENCH = [
    "Les ministres des Affaires étrangères de l'Arménie et de l'Azerbaïdjan se sont retrouvés à "
    "Washington pour un nouveau cycle de négociations de paix sous l'égide des États-Unis.",
    "Selon le département d'État, les discussions ont porté sur la délimitation de la frontière et "
    "sur le corridor de Latchine, qui relie l'Arménie au Haut-Karabakh.",
]
RUSSIAN = [
    "Министры иностранных дел Армении и Азербайджана провели в Вашингтоне новый раунд переговоров "
    "о мирном договоре при посредничестве государственного секретаря США.",
    "По словам представителя Кремля, у трехсторонних документов, подписанных в 2020 году, нет "
    "альтернативы, и Россия продолжит свое посредничество между сторонами.",
]


def page(title: str, body: list[str]) -> str:
    return "\n\n".join(
        ["Home", "World", "Politics", title, *body, "Share this article", "Related articles"]
    )


def sha_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def processed_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


# --- The bundled corpus against the hand-labelled gold ---------------------------------------


def test_sample_corpus_matches_the_gold(gold, tmp_path):
    before = sha_tree(RAW)
    result = ingest(RAW, tmp_path)
    assert sha_tree(RAW) == before, "ingest must never change data/raw/"
    articles = load_articles(tmp_path).set_index("file")
    assert len(articles) == len(gold) == 5
    for file, truth in gold.items():
        row = articles.loc[file]
        kept = row["text"].split("\n\n")
        expected = truth["body_paragraphs"]
        optional = set(truth.get("optional_paragraphs", []))
        extra = [p for p in kept if p not in expected and p not in optional]
        missing = [p for p in expected if p not in kept]
        assert not extra and not missing, f"{file}: extra {extra[:2]}, missing {missing[:2]}"
        assert len([p for p in kept if p not in optional]) == len(expected), (
            f"{file}: repeated paragraph"
        )
        assert row["title"] == truth["title"], file
        published = None if pd.isna(row["published"]) else row["published"].date().isoformat()
        assert published == truth["published"], file
        if truth["outlet"]:
            assert row["outlet"] == truth["outlet"], file
        assert row["language"] == truth["language"]
    assert set(result.report["status"]) <= {"ok", "warning"}


def test_articles_table_has_the_documented_columns(articles):
    for column in [
        "article_id", "file", "outlet", "title", "published", "date_source", "outlet_source",
        "url", "language", "text", "n_paragraphs", "n_words", "raw_sha256",
    ]:  # fmt: skip
        assert column in articles.columns
    assert articles["article_id"].is_unique
    assert articles["outlet"].notna().all()
    unnamed = articles.set_index("file").loc["001_2976f8b599dee8e0.txt", "outlet"]
    assert unnamed == config.UNKNOWN_OUTLET
    sources = articles.set_index("file")["date_source"].to_dict()
    assert sources["000_0e291a03d6d39b0a.txt"] == "metadata"
    assert sources["002_fbf3f3c5598774a4.txt"] == "none"
    outlet_sources = articles.set_index("file")["outlet_source"].to_dict()
    assert outlet_sources["001_2976f8b599dee8e0.txt"] == "none"
    assert set(outlet_sources.values()) <= {
        "metadata",
        "html",
        "url",
        "dateline",
        "title",
        "self",
        "copyright",
        "none",
    }
    assert (articles["n_words"] > 100).all()


def test_dates_are_inferred_from_the_text_when_metadata_is_absent(gold, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for file in gold:
        shutil.copy(RAW / file, raw / file)
    ingest(raw, tmp_path / "out")
    articles = load_articles(tmp_path / "out").set_index("file")
    for file, truth in gold.items():
        published = articles.loc[file, "published"]
        got = None if pd.isna(published) else published.date().isoformat()
        assert got == truth["published"], file
        assert (articles.loc[file, "date_source"] == "none") == (truth["published"] is None)
        if truth["outlet"]:
            assert articles.loc[file, "outlet"] == truth["outlet"], file


def test_paragraphs_table_records_every_removal_with_a_reason(paragraphs):
    removed = paragraphs[~paragraphs["kept"]]
    assert len(removed) > 20
    assert (removed["reason"] != "").all()
    assert (paragraphs.loc[paragraphs["kept"], "reason"] == "").all()
    whatsnew = paragraphs[paragraphs["file"].str.startswith("002_")]
    assert (whatsnew["reason"] == "duplicate").sum() == 1


# --- Bad input: named, reported, and the run goes on -----------------------------------------


@pytest.fixture
def messy_raw(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good one.txt").write_text(page("Talks resume in Washington", BODY), encoding="utf-8")
    (raw / "good one_copy.txt").write_text(
        page("Talks resume in Washington", BODY), encoding="utf-8"
    )
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    )
    (raw / "русская страница.txt").write_bytes(
        page("Переговоры в Вашингтоне", RUSSIAN).encode("cp1251")
    )
    (raw / "utf16.txt").write_text(
        page("Talks in Washington, in UTF-16", BODY[::-1]), encoding="utf-16"
    )
    (raw / "français é.txt").write_text(
        page("Négociations de paix à Washington", FRENCH), encoding="utf-8"
    )
    (raw / "notes.pdf").write_bytes(b"%PDF-1.4")
    html = (
        "<html><head><title>Peace talks end in Washington</title>"
        '<meta property="og:site_name" content="Example Times"></head><body>'
        "<script>alert('owned')</script><article><h1>Peace talks end in Washington</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY[1:])
        + "</article></body></html>"
    )
    (raw / "saved.html").write_text(html, encoding="utf-8")
    (raw / "metadata.csv").write_text(
        "file,outlet,published,stance\n"
        "good one.txt,Wire A,2023-05-01,neutral\n"
        "ghost.txt,Nobody,2023-05-01,x\n"
        "utf16.txt,Wire B,not a date,pro\n",
        encoding="utf-8",
    )
    return raw


def test_bad_input_is_reported_by_name_and_the_rest_is_ingested(messy_raw, tmp_path):
    huge = messy_raw / "huge.txt"
    with huge.open("wb") as handle:
        line = (BODY[0] + "\n").encode()
        handle.write(line * (50 * 2**20 // len(line) + 1))
    before = sha_tree(messy_raw)
    result = ingest(messy_raw, tmp_path / "out")
    assert sha_tree(messy_raw) == before
    report = result.report.set_index("file")
    assert (
        report.loc["empty.txt", "status"] == "skipped"
        and "empty" in report.loc["empty.txt", "message"]
    )
    assert (
        report.loc["binary.txt", "status"] == "skipped"
        and "binary" in report.loc["binary.txt", "message"]
    )
    assert (
        report.loc["huge.txt", "status"] == "skipped"
        and "MB limit" in report.loc["huge.txt", "message"]
    )
    assert report.loc["notes.pdf", "status"] == "skipped"
    assert "same content as good one.txt" in report.loc["good one_copy.txt", "message"]
    metadata_messages = " ".join(
        result.report.loc[result.report["file"] == "metadata.csv", "message"]
    )
    assert "ghost.txt" in metadata_messages and "not a date" in metadata_messages
    for message in result.report["message"]:
        assert (
            message.split(":")[0] in set(report.index) | {"metadata.csv"}
            or "metadata.csv" in message
        )

    articles = load_articles(tmp_path / "out").set_index("file")
    assert set(articles.index) == {
        "good one.txt",
        "русская страница.txt",
        "utf16.txt",
        "français é.txt",
        "saved.html",
    }
    assert articles.loc["good one.txt", "outlet"] == "Wire A"
    assert articles.loc["good one.txt", "stance"] == "neutral"
    assert articles.loc["good one.txt", "date_source"] == "metadata"
    assert articles.loc["utf16.txt", "outlet"] == "Wire B"
    assert articles.loc["utf16.txt", "date_source"] != "metadata"
    assert articles.loc["русская страница.txt", "language"] == "ru"
    assert RUSSIAN[0] in articles.loc["русская страница.txt", "text"]
    assert articles.loc["français é.txt", "language"] == "fr"
    assert "négociations de paix" in articles.loc["français é.txt", "text"]
    assert BODY[2] in articles.loc["utf16.txt", "text"]
    saved = articles.loc["saved.html"]
    assert "alert" not in saved["text"] and BODY[1] in saved["text"]
    assert saved["title"] == "Peace talks end in Washington"
    assert saved["outlet"] == "Example Times"


def test_same_article_in_a_different_page_is_kept_once(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(page("Talks resume in Washington", BODY))
    (raw / "b.txt").write_text(
        "Menu\n\nTalks resume in Washington\n\n" + "\n\n".join(BODY) + "\n\nCookie settings"
    )
    result = ingest(raw, tmp_path / "out")
    assert len(load_articles(tmp_path / "out")) == 1
    assert "same article text as a.txt" in result.report.set_index("file").loc["b.txt", "message"]


def test_output_inside_raw_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(page("Talks", BODY))
    with pytest.raises(ValueError, match="never written"):
        ingest(tmp_path, tmp_path / "processed")


# --- Incremental, deterministic, atomic ------------------------------------------------------


def test_rerun_is_incremental_and_rewrites_nothing(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "out"
    first = ingest(raw, out)
    assert first.n_processed == 5
    snapshot = processed_bytes(out)
    mtimes = {p: (out / p).stat().st_mtime_ns for p in snapshot}
    second = ingest(raw, out)
    assert second.n_processed == 0 and second.n_cached == 5 and second.written == []
    assert processed_bytes(out) == snapshot
    assert {p: (out / p).stat().st_mtime_ns for p in snapshot} == mtimes
    (raw / "new.txt").write_text(page("A new article arrives", BODY))
    third = ingest(raw, out)
    assert third.n_processed == 1 and third.n_articles == 6


def test_same_inputs_give_byte_identical_tables(tmp_path):
    ingest(RAW, tmp_path / "one")
    ingest(RAW, tmp_path / "two")
    assert processed_bytes(tmp_path / "one") == processed_bytes(tmp_path / "two")


def test_a_changed_metadata_sheet_applies_without_recleaning(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    ingest(raw, tmp_path / "out")
    sheet = (
        (raw / "metadata.csv")
        .read_text()
        .replace("001_2976f8b599dee8e0.txt,,", "001_2976f8b599dee8e0.txt,Mystery Wire,")
    )
    (raw / "metadata.csv").write_text(sheet)
    result = ingest(raw, tmp_path / "out")
    assert result.n_processed == 0
    assert "Mystery Wire" in set(load_articles(tmp_path / "out")["outlet"])


def test_load_articles_ingests_when_tables_are_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_RAW", str(RAW))
    articles = load_articles(tmp_path / "fresh")
    assert len(articles) == 5
    assert len(load_report(tmp_path / "fresh")) == 5
    assert len(load_paragraphs(tmp_path / "fresh")) > len(articles)
    subset = load_articles(tmp_path / "fresh", columns=["outlet", "n_words"])
    assert list(subset.columns) == ["article_id", "file", "outlet", "n_words"]


def test_site_template_lines_go_but_reused_background_sentences_stay(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    template = "Caspian Review · Baku · Editorial office"
    # Under 120 characters, yet a sentence: repetition alone must not remove it.
    background = (
        "Armenia and Azerbaijan fought two wars over Nagorno-Karabakh, in the 1990s and in 2020."
    )
    rows = ["file,outlet"]
    for i in range(12):
        body = [f"Story {i}: " + BODY[i % 3], BODY[(i + 1) % 3]] + ([background] if i < 3 else [])
        (raw / f"p{i:02d}.txt").write_text(
            "\n\n".join([f"Headline number {i} about the talks", *body, template]), encoding="utf-8"
        )
        rows.append(f"p{i:02d}.txt,Caspian Review")
    (raw / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ingest(raw, tmp_path / "out")
    paragraphs = load_paragraphs(tmp_path / "out")
    assert not paragraphs.loc[paragraphs["text"] == template, "kept"].any()
    kept_background = paragraphs.loc[paragraphs["text"] == background, "kept"]
    assert len(kept_background) == 3 and kept_background.all()


def test_a_new_page_rewrites_only_its_own_parts(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    out = tmp_path / "out"
    ingest(raw, out)
    before = processed_bytes(out)
    (raw / "new.txt").write_text(page("A new article arrives", BODY))
    result = ingest(raw, out)
    new_id = load_articles(out).set_index("file").loc["new.txt", "article_id"]
    part = f"part-{new_id[0]}.parquet"
    assert sorted(p.relative_to(out).as_posix() for p in result.written) == [
        f"articles.parquet/{part}",
        "ingest_report.csv",
        f"paragraphs.parquet/{part}",
    ]
    after = processed_bytes(out)
    unchanged = {p for p in before if part not in p and p != "ingest_report.csv"}
    assert unchanged and all(after[p] == before[p] for p in unchanged)


def test_pages_added_one_batch_at_a_time_give_the_tables_of_one_cold_run(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    full, grown = tmp_path / "full", tmp_path / "grown"
    full.mkdir()
    write_corpus(full, 60)
    ingest(full, tmp_path / "cold")
    grown.mkdir()
    files = sorted(p.relative_to(full) for p in full.rglob("*.txt"))
    for batch in (files[:20], files[20:45], files[45:]):
        for rel in batch:
            (grown / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(full / rel, grown / rel)
        shutil.copy(full / "metadata.csv", grown / "metadata.csv")
        result = ingest(grown, tmp_path / "incremental")
    # Site-template lines are counted over the whole corpus: more pages of a site can turn a
    # line into template, and the pages concerned are cleaned again.
    assert result.n_processed >= len(files) - 45
    assert processed_bytes(tmp_path / "incremental") == processed_bytes(tmp_path / "cold")


def test_large_corpora_use_two_hex_digits_per_part(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_writer, "SPLIT_ARTICLES", 3)
    ingest(RAW, tmp_path / "out")
    parts = sorted(p.stem for p in (tmp_path / "out" / "articles.parquet").iterdir())
    ids = load_articles(tmp_path / "out")["article_id"]
    assert parts == sorted({f"part-{a[:2]}" for a in ids})


def test_a_damaged_or_deleted_cache_is_rebuilt_not_fatal(tmp_path):
    out = tmp_path / "out"
    ingest(RAW, out)
    snapshot = processed_bytes(out)
    cache = next((out / ".cache").glob("pages-*"))
    parts = sorted(cache.glob("part-*.arrow"))
    parts[0].write_bytes(b"not parquet")
    parts[1].unlink()
    (out / "articles.parquet" / sorted(snapshot)[0].split("/")[-1]).unlink(missing_ok=True)
    (out / ".cache" / "files.arrow").write_bytes(b"")
    result = ingest(RAW, out)
    assert processed_bytes(out) == snapshot
    assert result.n_articles == 5
    # A hand-deleted output part comes back on the next run.
    victim = next((out / "paragraphs.parquet").glob("part-*.parquet"))
    victim.unlink()
    ingest(RAW, out)
    assert processed_bytes(out) == snapshot


def test_load_articles_notices_a_deleted_page(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    ingest(raw, tmp_path / "out")
    (raw / "004_0d42f3f6a94791ae.txt").unlink()
    assert len(load_articles(tmp_path / "out")) == 4


def one_page_with_sheet(tmp_path, sheet: str) -> tuple[pd.Series, str]:
    """Ingest one page described by `sheet` (metadata.csv text): its article row and the report's
    messages about the sheet."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(page("Talks resume in Washington", BODY))
    (raw / "metadata.csv").write_text(sheet)
    result = ingest(raw, tmp_path / "out")
    messages = " ".join(result.report.loc[result.report["file"] == "metadata.csv", "message"])
    return load_articles(tmp_path / "out").iloc[0], messages


def test_a_sheet_column_that_clashes_with_a_computed_one_is_reported_and_ignored(tmp_path):
    article, messages = one_page_with_sheet(
        tmp_path, "file,outlet,text,desk\na.txt,Wire A,overwritten?,World\n"
    )
    assert BODY[0] in article["text"] and article["desk"] == "World"
    assert "'text' clashes" in messages


def test_new_cleaning_rules_rebuild_every_part(tmp_path, monkeypatch):
    from presslens import clean

    out = tmp_path / "out"
    ingest(RAW, out)
    original = clean.clean_rows

    def shouting(*args, **kwargs):
        texts, kept, reasons = original(*args, **kwargs)
        return [t.upper() for t in texts], kept, reasons

    monkeypatch.setattr(clean, "clean_rows", shouting)
    monkeypatch.setattr(clean, "CLEANER_VERSION", "test-" + clean.CLEANER_VERSION)
    result = ingest(RAW, out)
    assert result.n_processed == 5
    ingest(RAW, tmp_path / "cold")
    assert processed_bytes(out) == processed_bytes(tmp_path / "cold")
    assert load_articles(out)["text"].str.isupper().all()


def test_sheet_columns_named_like_internal_fields_are_kept_as_given(tmp_path):
    article, messages = one_page_with_sheet(
        tmp_path, "file,key,signature,desk,desk\na.txt,Z1,ed,World,Sport\n"
    )
    assert (article["key"], article["signature"], article["desk"]) == ("Z1", "ed", "World")
    assert "'desk' appears twice" in messages


def test_a_page_renamed_from_html_to_txt_is_read_again(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    html = (
        "<html><head><title>Peace talks</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "</article></body></html>"
    )
    (raw / "x.html").write_text(html)
    ingest(raw, tmp_path / "out")
    (raw / "x.html").rename(raw / "x.txt")
    ingest(raw, tmp_path / "out")
    ingest(raw, tmp_path / "cold")
    assert processed_bytes(tmp_path / "out") == processed_bytes(tmp_path / "cold")


def test_a_copied_project_checks_its_own_raw_folder(tmp_path, monkeypatch):
    first = tmp_path / "a"
    shutil.copytree(RAW, first / "raw")
    ingest(first / "raw", first / "processed")
    second = tmp_path / "b"
    shutil.copytree(first, second, symlinks=True)
    (second / "raw" / "new.txt").write_text(page("A new article arrives", BODY))
    monkeypatch.setenv("PRESSLENS_RAW", str(tmp_path / "nowhere"))
    assert "new.txt" in set(load_articles(second / "processed")["file"])
    assert "new.txt" not in set(load_articles(first / "processed")["file"])


def test_the_byline_becomes_the_author_and_a_sheet_author_wins(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    bodies = {
        name: [
            f"The {topic} committee met on Tuesday to weigh the proposal, which its members said "
            "would change how the region's ports share the cost of dredging the channel.",
            f"Officials on the {topic} committee expect a second vote next month, after a review "
            "of the budget and of the objections filed by two neighbouring towns.",
        ]
        for name, topic in (("signed", "harbour"), ("fixed", "transport"), ("unsigned", "water"))
    }
    for name in ("signed", "fixed"):
        title = f"The {name} story of the week"
        text = page(title, bodies[name]).replace(
            title, f"{title}\n\nBy Maria Lindqvist | May 2, 2023", 1
        )
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    (raw / "unsigned.txt").write_text(page("No name on this one", bodies["unsigned"]), "utf-8")
    (raw / "metadata.csv").write_text(
        "file,author\nfixed.txt,Tomas Berg\nsigned.txt,\n", encoding="utf-8"
    )
    ingest(raw, tmp_path / "out")
    authors = load_articles(tmp_path / "out").set_index("file")["author"]
    assert authors["signed.txt"] == "Maria Lindqvist"  # from the page: the sheet cell is blank
    assert authors["fixed.txt"] == "Tomas Berg"  # the analyst's sheet wins
    assert pd.isna(authors["unsigned.txt"])
