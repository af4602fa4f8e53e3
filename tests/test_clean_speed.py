"""The cleaner's fast paths decide as the plain ones do (issue 16: speed, decisions unchanged)."""

from __future__ import annotations

import copy
import re

import pytest

from presslens.clean import bylines, features, rowsearch
from presslens.clean.datelines import DATE_RX
from presslens.clean.rules import Rule

#: Invented lines: notices of several kinds and languages, and plain sentences around them.
LINES = [
    "We use cookies to improve your browsing experience.",
    "Diese Website verwendet Cookies.",
    "Мы используем куки, чтобы сайт работал лучше.",
    "Subscribe now for unlimited access to every story.",
    "Already a subscriber? Log in to continue reading.",
    "Sign up for our newsletter and get the news in your inbox.",
    "Pour lire la suite, abonnez-vous.",
    "Чтобы продолжить чтение, оформите подписку.",
    "© 2024 Example Media. All rights reserved.",
    "Use of the materials is allowed only with a hyperlink to the source.",
    "Share this article on Facebook",
    "Follow us on Telegram",
    "Поделиться ссылкой",
    "Copy link",
    "Advertisement",
    "Read also: the river rose again",
    "Photo: Jane Roe / Example Agency",
    "A view of the bridge (AP Photo/John Doe)",
    "Example Daily is looking for freelance correspondents. Send your CV to jobs@example.org",
    "What are you looking for?",
    "twitter facebook e-mail",
    "Accept all cookies",
    "menu",
    "The council met on Tuesday to discuss the new bridge and its cost to the town.",
    "Opinion pieces were copied to the archive, linked from the front page.",
    "The mayor said the plan would be ready by the spring, and residents would be consulted.",
    "İlgili haberler",
    "Kelvin: 300 K is warm enough",
]


def _reasons(notices) -> list[str]:
    return [notices.reason(t, t.lower(), len(t)) for t in LINES]


def test_trigger_scan_decides_as_the_regex_trie() -> None:
    plain = copy.copy(features._NOTICES)
    plain.scanner = None  # the path without pyahocorasick
    assert _reasons(features._NOTICES) == _reasons(plain)
    reasons = dict(zip(LINES, _reasons(plain), strict=True))
    assert reasons["We use cookies to improve your browsing experience."] == "cookie"
    assert reasons["Subscribe now for unlimited access to every story."] == "paywall"
    assert reasons["© 2024 Example Media. All rights reserved."] == "copyright"
    assert reasons["Share this article on Facebook"] == "share"
    assert (
        reasons["The council met on Tuesday to discuss the new bridge and its cost to the town."]
        == ""
    )


@pytest.mark.parametrize(
    "line",
    [
        "31 May 2023",
        "May 4, 2023",
        "4 de mayo de 2023",
        "2023-06-30 14:05",
        "30/06/23",
        "1.2.99",
        "2017 թ. փետրվարի 28",
        "2017年2月28日",
        "Published: Friday, June 2, 2023",
        "Updated 12.03.2024, 10:15",
    ],
)
def test_date_hint_holds_for_every_date(line: str) -> None:
    assert DATE_RX.search(line)
    assert features._DATE_HINT.search(line)


def test_date_hint_rejects_lines_without_a_date() -> None:
    for line in ("Page 2 of 12", "Call 555 12 34", "Top 10 stories", "May 4"):
        assert not DATE_RX.search(line)
        assert features.is_dateline(line) is False


def _naive_anchors(lines: list[str], titles: list[str]) -> list[int]:
    """`bylines._anchors` as first written: every line keyed, every key compared."""
    keys = sorted({k for t in titles for k in bylines._title_parts(t)}, key=len, reverse=True)
    low = [" ".join(re.sub(r"[^\w]+", " ", line).split()).lower() for line in lines]
    for k in keys:
        hits = [
            i
            for i in range(1, len(lines))
            if len(low[i]) >= 12 and (k == low[i] or k.startswith(low[i] + " "))
        ]
        if hits:
            return hits
    return []


def test_anchors_as_the_plain_scan() -> None:
    title = "River Rises Over The Old Bridge | Example Daily"
    lines = [
        title,
        "Home / News",
        "River rises over the old bridge",
        "— River Rises Over: The Old Bridge!",
        "River rises over",
        "ΟΔΟΣ'Α river",
        "By Jane Doe",
        "The river rose over the old bridge on Monday night.",
        "İstanbul köprüsü yeniden açıldı",
        "River Rises Over The Old Bridge",
    ]
    for titles in ([title], [title, lines[0]], ["İstanbul köprüsü yeniden açıldı"], ["x"]):
        assert bylines._anchors(lines, titles) == _naive_anchors(lines, titles)


def _plain_short_lines(text: str) -> dict[int, str]:
    from presslens.ingest.extract import REPEAT_MAX_CHARS, line_key

    lines = {}
    for raw_line in text.splitlines():
        line = " ".join(raw_line.split())
        if line and len(line) <= REPEAT_MAX_CHARS:
            lines.setdefault(line_key(line), line)
    return lines


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(LINES),
        "\n\n".join(LINES) + "\n",
        "  Home  \n\tNews\r\nSport\x0bWeather\x1c Opinion \u2028Menu\u00a0 Login\u3000\nHome\n",
        "Home\n" + "x" * 200 + "\n" + "y" * 201 + "\n" + "z" * 199 + "   \n" + " a" * 120,
        "Read also:  the river rose again\nRead also: the river rose again \n",
    ],
)
def test_short_lines_as_the_plain_scan(text: str) -> None:
    # The fingerprint's tidy fast path (split on "\n", collapse only lines that need it) keeps the
    # same lines, keys and order as collapsing every line's whitespace.
    from presslens.ingest.extract import _short_lines

    assert list(_short_lines(text).items()) == list(_plain_short_lines(text).items())


def _plain_rows_containing(needles: tuple[str, ...], rows: list[str]) -> list[int]:
    return [i for i, row in enumerate(rows) if any(n in row.lower() for n in needles)]


@pytest.mark.parametrize(
    "needles",
    [
        ("©", "(c)", "copyright", "subscri", "ссылк"),
        ("a", "ab", "b"),  # overlapping needles, one inside another
        ("lien",),
    ],
)
def test_rows_containing_as_the_plain_scan(needles: tuple[str, ...]) -> None:
    # The Aho–Corasick pass (one scan for all needles) and the per-needle `str.find` fallback find
    # the rows a plain per-row test finds.

    rows = [*LINES, "", "ab", "Subscribe", "Copyright © 2024", "Ссылка на источник", "b" * 300]
    expected = _plain_rows_containing(needles, rows)
    assert rowsearch.rows_containing(needles, rows) == expected
    automaton = rowsearch._needle_automaton
    try:
        rowsearch._needle_automaton = lambda needles: None  # the path without pyahocorasick
        assert rowsearch.rows_containing(needles, rows) == expected
    finally:
        rowsearch._needle_automaton = automaton
    assert rowsearch.rows_containing(needles, []) == []


def test_row_starts_index_the_joined_rows() -> None:
    from presslens.clean.rowsearch import row_starts

    for rows in ([], [""], ["a"], ["ab", "", "cde", "f"]):
        page = "\x00".join(rows)
        starts = row_starts(rows)
        assert len(starts) == len(rows)
        assert [page[s : s + len(r)] for s, r in zip(starts, rows, strict=True)] == rows


def test_remembered_row_features_are_the_computed_ones() -> None:
    # A short line seen before takes its features from the memo: the same as computed afresh,
    # and a row's reason or stop density never leaks into the next row of that text.
    line = "Follow us on Telegram: t.me/example and @example"
    first = features.Row(0, line)
    first.reason, first.weak = "share", "navigation"
    first.set_stop(frozenset({"on", "and", "us"}))
    again = features.Row(5, line)
    fresh = features._text_features(line)
    assert (again.low, again.words, again.n_words, again.sentence_end, again.links) == fresh
    assert (again.i, again.reason, again.weak, again.stop, again.good) == (5, "", "", None, False)
    assert again.links == 2 and again.n_words == len(line.split())
    assert features.notice_reason(again) == features._NOTICES.reason(line, line.lower(), len(line))


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bshare (?:this|on)\b|^print$|поделит\w*",
        r"(?:©|\(c\)\s*\d{4})",
        r"(?i:tags?):|[A-Z]\w+ says",
        r"\b(?:artikel )?teilen\b",
        r"x?y*z",
    ],
)
def test_lookahead_led_search_finds_what_the_plain_one_finds(pattern: str) -> None:
    # A search led by its first characters (matched ignoring case) finds the same match as the
    # plain search, with or without IGNORECASE, on text of every case and several scripts.
    texts = [*LINES, *(t.upper() for t in LINES), "ſhare this", "SHARE ON x", "\u212a", "(C) 2024"]
    texts += [
        "Ⓒ",
        "tags: a",
        "TAGS:",
        "Jane Doe says",
        "artikel teilen",
        "ARTIKEL TEILEN",
        "yz",
        "z",
    ]
    for flags in (0, re.IGNORECASE):
        plain = re.compile(pattern, flags)
        led = rowsearch.led_by_first_chars(plain)
        for text in texts:
            a, b = plain.search(text), led.search(text)
            assert (a and a.span()) == (b and b.span()), (pattern, flags, text)


def test_first_chars_of_patterns() -> None:
    assert rowsearch.first_chars(r"^(?:share|print)\b") == {"s", "p"}
    assert rowsearch.first_chars(r"\b(?:artikel )?teilen") == {"a", "t"}
    assert rowsearch.first_chars(r"[a-c]x|©") == {"a", "b", "c", "©"}
    # unknown first characters, or a match that may be empty: no lead
    assert rowsearch.first_chars(r"\w+ says") is None
    assert rowsearch.first_chars(r"(?<=a)b") is None
    assert rowsearch.first_chars(r"x?") is None


def test_led_notice_groups_match_as_the_plain_ones() -> None:
    # Each untriggered notice group, its rules led by their first characters, matches the start
    # of a line exactly where the plain alternation does (the same group, the same span).
    from presslens.clean import notices

    texts = [*LINES, *(t.upper() for t in LINES), *(t.lower() for t in LINES)]
    texts += [
        "Advertisement",
        "ADVERTISEMENT",
        "Tags: river, bridge",
        "Реклама",
        "Anzeige",
        "ſhare",
    ]
    texts += ["Read more", "Related articles", "12 comments", "21°C", "Home", "menu", "Loading..."]
    for group in features._merged(notices.NOTICES):
        if not isinstance(group, list) or group[0].triggers:
            continue
        flags = 0 if group[0].case and not group[0].lowered else re.IGNORECASE
        plain = re.compile(features._group_pattern(group), flags)
        led = re.compile(features._group_pattern(group, led=True), flags)
        for text in texts:
            a, b = plain.match(text), led.match(text)
            assert (a and a.span()) == (b and b.span()), (group[0].reason, text)


def test_searched_notice_groups_try_start_phrases_once() -> None:
    # A searched notice group's phrases that can only match at a paragraph's start ("By
    # signing up, you agree ...") are tried there, the others searched: the same answers as
    # searching the group's whole alternation, for every triggered group.
    from presslens.clean import notices

    assert features._at_start(r"^by (?:signing up|clicking)\b", re.IGNORECASE)
    assert features._at_start(r"^(?:a|^b)|(?i:^c)", 0)
    assert not features._at_start(r"^a|b", 0)
    assert not features._at_start(r"(?m)^a", 0)
    assert not features._at_start(r"\bunsubscribe (?:at )?any ?time\b", re.IGNORECASE)
    texts = [*LINES, *(t.upper() for t in LINES), *(t.lower() for t in LINES)]
    texts += [
        "By signing up, you agree to our terms and to receive our letters.",
        "We wrote this. By signing up, you agree to receive our letters.",
        "Msg & data rates may apply. Reply STOP to end.",
        "You can unsubscribe at any time from the link below.",
        "Mit dem Absenden des Formulars stimme ich den Bedingungen zu.",
        "En cliquant ici, vous acceptez nos conditions.",
        "Al suscribirte aceptas la política de privacidad.",
        "Нажимая кнопку, вы соглашаетесь с правилами сайта.",
        "Share",
        "print this",
        "A long sentence in which share this is said only in the middle.",
    ]
    split = 0
    for group in features._merged(notices.NOTICES):
        if not isinstance(group, list) or not group[0].triggers or group[0].anchored:
            continue
        flags = 0 if group[0].case else re.IGNORECASE
        plain = re.compile(features._group_pattern(group), flags)
        test = features._split_test(group, flags)
        split += test.__name__ == "test"
        for text in texts:
            for t in (text, text.lower()):
                assert bool(test(t)) == bool(plain.search(t)), (group[0].reason, t)
    assert split >= 2  # the consent lines and the share rows: start phrases and searched ones


def test_rows_containing_finds_the_right_row_after_a_dotted_capital_i():
    """ "İ".lower() is two characters: the rows are found in the lowered page by its own
    offsets (a Turkish or Azerbaijani page names İstanbul and İlham before a notice)."""
    from presslens.clean.rowsearch import rows_containing

    rows = ["İstanbul İzmir İğdır " * 5, "Abonelik için tıklayın", "Hava durumu"]
    assert rows_containing(("abonelik",), rows) == [1]


def test_remembered_decode_is_the_decode() -> None:
    """The ingest decodes a page twice (fingerprint, then cleaning): the remembered result is
    the one a fresh decode gives, per name, and other bytes are decoded anew."""
    import importlib

    D = importlib.import_module("presslens.raw.decode")  # the module (`raw.decode` is its function)

    pages = [
        "Café au lait, naïve façade.\nSecond line.\n".encode(),
        "Cafe\u0301 â€™ mojibake: Ã© and â€œquotedâ€\x9d text here.\n".encode(),
        "Привет, мир. Это проверка.\n".encode("cp1251"),
        "\ufeffBOM text\n".encode("utf-16"),
    ]
    for data in pages:
        D._DECODED.clear()
        D._BADNESS.clear()
        fresh = D._decode(data, "a.txt")
        assert D.decode(data, "a.txt") == fresh
        assert D.decode(bytes(data), "a.txt") is D.decode(data, "a.txt")  # remembered
        assert D.decode(data, "b.txt") == D._decode(data, "b.txt")
    assert D.decode(pages[0]).text != D.decode(pages[2]).text
    with pytest.raises(D.LoadError):
        D.decode(b"   \n", "empty.txt")


def test_token_lead_counts_every_kind_of_token() -> None:
    """The token regex's lead (every token starts with a word character, @ or #) skips no
    token: handles, hashtags, dotted abbreviations, joined words and numbers each count once."""
    from presslens.text import count_words, tokenize

    assert count_words("@jane_doe and #river-2024 met the U.N. envoy") == 8
    assert count_words("120,000 people, 3.5 km, rock'n'roll, AT&T and e.g. this") == 9
    assert count_words("  —  « »  ... !!!") == 0
    assert count_words("_under_score __init__ ١٢٣ ²") == 4
    assert tokenize("#_x @ # U.N.", lower=False) == ["_x", "U.N."]


TEMPLATE_PAGES = [
    "Home\nNews\nThe river rose over the old bridge on Monday.\nShare this\nHome\n© Example",
    "  Home  \nNews \nA second story about the bridge.\nShare  this\n© Example\n",
    "Home\r\nNews\u2028Sport\nShare this\u00a0\n© Example\n",
    "Nothing of the template here.\nJust one line.\n",
]


def test_template_lines_as_the_short_lines_filter() -> None:
    # The worker's template lines (keys this process has seen looked up among the raw lines, the
    # others hashed until found) are the fingerprint's lines whose keys are template, whatever
    # pages the process saw before (pages go to workers in any order).
    from presslens.ingest import extract

    def plain(text: str, keys: set[int]) -> frozenset[str]:
        return frozenset(line for key, line in _plain_short_lines(text).items() if key in keys)

    for order in (TEMPLATE_PAGES, TEMPLATE_PAGES[::-1], TEMPLATE_PAGES[1:] + TEMPLATE_PAGES[:1]):
        extract._TEMPLATE_MEMO.clear()
        for text in order:
            own = _plain_short_lines(text)
            for keys in (set(own), {k for k, line in own.items() if len(line) < 10}, set()):
                assert extract._template_lines(text, keys) == plain(text, keys), (text, keys)
    assert extract._TEMPLATE_MEMO  # the later pages did use what the earlier ones found


@pytest.mark.parametrize(
    ("plain", "guarded"),
    [
        # each notice rule guarded by a lookahead (`notices`), as first written
        (r"^[^.!?:]{1,60}\s+says:$", r"^(?=[^.!?:]*+:$)[^.!?:]{1,60}\s+says:$"),
        (r"^(?:[A-Z][\w -]{1,20}\s+)?[-+−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|[CF])"
         r"(?:\s+[A-Z][\w -]{1,20})?$", None),
    ],
)  # fmt: skip
def test_guarded_notice_phrases_match_as_the_plain_ones(plain: str, guarded: str | None) -> None:
    from presslens.clean import notices, rules

    if guarded is None:  # the temperature phrase: `rules.TEMPERATURE` behind a digit lookahead
        assert plain == rules.TEMPERATURE
        guarded = rf"(?=\D*+\d){rules.TEMPERATURE}"
    phrases = {p for rule in notices.NOTICES if isinstance(rule, Rule) for ps in
               rule.phrases.values() for p in ps}  # fmt: skip
    assert guarded in phrases and plain not in phrases
    texts = [*LINES, "Jane Doe says:", "JANE DOE SAYS:", "Jane says:\n", "Jane  says: ",
             "Dr. Jane says:", "says:", " says:", "Jane ſays:", "Jane says: hello", "a:b says:",
             "London 18°", "london 18 c", "24.8 C", "−5°F Moscow", "Kyiv -3 °C", "Paris ٢٤°",
             "18°", "Route 66 Town 24C", "Top 10 stories", "x" * 70 + " says:"]  # fmt: skip
    for flags in (0, re.IGNORECASE):
        a, b = re.compile(plain, flags), re.compile(guarded, flags)
        for text in texts:
            assert (a.match(text) and a.match(text).span()) == (
                b.match(text) and b.match(text).span()
            ), text


def test_the_memo_forgets_everything_rather_than_outgrow_its_limit():
    from presslens.memo import Memo

    memo = Memo(10)
    for i in range(4):
        assert memo.remember(i, str(i), size=3) == str(i)
    assert set(memo) == {3} and memo.size == 3  # the fourth would have made 12: cleared first
    memo.remember(3, "again", size=3)  # a key it holds is replaced, not counted twice
    assert memo[3] == "again" and memo.size == 3
    assert memo.remember("big", "x", size=11) == "x" and "big" not in memo
