"""The cleaner's rules as data: reason codes, the shapes of text, and the form of a notice rule.

A `Rule` is one family of notice phrasings: a paragraph of at most `cap` characters that matches
one of its phrases, in any language, gets the rule's reason. The rules themselves, in the order
they are tried (the first that matches wins), are `notices.NOTICES`; the passes (`features`,
`decide`) read these tables and know no phrasing themselves. Phrases are regular expressions keyed
by ISO 639-1 code (`"any"`: signs, names and patterns of no one language). To teach the cleaner a
language, add its phrasings under its code; for a new kind of furniture, add a rule and its code
in `REASONS`. A rule without `triggers` must be `anchored` (they are all tried at once, as one
alternation at the paragraph's start); a rule that searches anywhere in the paragraph names its
triggers.

`CLEANER_VERSION` (`presslens.clean.version`) is derived from the tables here, in `notices`,
`datelines` and `languages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import datelines

#: Reason codes for removed paragraphs, with what each means.
REASONS: dict[str, str] = {
    "navigation": "menus, breadcrumbs, section labels, previous/next links, head/tail furniture",
    "share": "share/follow/print/copy-link rows and social-network links",
    "paywall": "subscription, login or newsletter prompts",
    "cookie": "cookie and consent banners",
    "copyright": "copyright lines and terms of reuse",
    "disclaimer": "disclaimers: 'for informational purposes only', 'not a substitute for advice'",
    "related": "'read also'/'related' headers and the headline lists that follow them",
    "author_bio": "bylines and author biographies",
    "advert": "advertising labels, sponsored content, recruitment notices",
    "widget": "weather/clock header, view counters, font-size and loading widgets",
    "tags": "tag, topic and category lists",
    "embed_meta": "embedded-post furniture (e.g. 'View this post on Instagram')",
    "other_language": "a paragraph in another language than the article",
    "comments": "reader comments: their section header, commenter lines and the comment form",
    "duplicate": "a second occurrence of a paragraph already kept",
    "title": "the headline (reported as the title, not as body)",
    "dateline": "a date or date label alone on its line (the publication date, when stated)",
}


@dataclass(frozen=True)
class Rule:
    """Paragraphs of at most `cap` characters (None: any) matching a phrase get `reason`.

    `form` places the alternation of all phrases (`{}`) in a pattern every language shares
    (`^(?:{})$`: the phrase is the whole line). `triggers`: lower-case substrings one of which
    must occur before the pattern is tried (a cheap pre-check; list every language's). `anchored`
    matches at the paragraph's start; `lowered` matches the lower-cased paragraph; `case` makes
    the pattern case-sensitive.
    """

    reason: str
    cap: int | None
    phrases: dict[str, tuple[str, ...]]
    form: str = "{}"
    triggers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchored: bool = False
    lowered: bool = False
    case: bool = False

    def pattern(self) -> str:
        return self.form.replace("{}", alternation(self.phrases))


@dataclass(frozen=True)
class Cues:
    """A notice told by several cues ("X seeks correspondents ... send your CV"): `reason` when
    a trigger occurs, one of the `required` cues matches and `min_cues` cues match in all."""

    reason: str
    cap: int
    cues: dict[str, dict[str, tuple[str, ...]]]
    required: tuple[str, ...]
    triggers: dict[str, tuple[str, ...]]
    min_cues: int = 2


alternation = datelines.alternation

# --------------------------------------------------------------------------------------------
# Shapes: sentence ends, links, whitespace (no language)

#: Outer whitespace stripped from lines (NBSP, figure/thin spaces, zero-width spaces, BOM).
STRIP_CHARS = " \t\r\n\f\v\xa0\u2007\u202f\u200b\u2060\ufeff"
#: A line ending a sentence or clause (a wrapped line that ends so is not continued).
TERMINAL_END = r"[.!?…;:։。！？؟۔][\"'”’»)\]\u00a0 ]*$"
SENTENCE_END = r"[.!?…։。！？؟۔][\"'”’»)\]\u00a0 ]*$"
URL = r"https?://\S+|www\.\S+|\b[\w-]+\.[a-z]{2,}/\S*"
HANDLE = r"(?<!\w)[@#]\w+"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
#: Separators of list-like lines ("News, Politics, World").
LIST_ITEMS = r"\s*[,;|•·/]\s*|\s+[–—-]\s+"
#: Embed artefacts inside a body paragraph: cut out, the paragraph kept.
INLINE_ARTEFACTS = (
    r"[ \t\u00a0]*(?:\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+|\[embedded content\]|"
    r"\[(?:caption|embed)[^\]]*\])"
)
#: Where a lead is glued to its title ("...Talks ResumeMinisters met..."): case-sensitive.
GLUE = r"(?<=[a-z0-9.!?”\"')])(?=[A-Z][a-z])"
#: A temperature alone on its line, with an optional place ("24.8 C", "London 18°").
TEMPERATURE = (
    r"^(?:[A-Z][\w -]{1,20}\s+)?[-+−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|[CF])"
    r"(?:\s+[A-Z][\w -]{1,20})?$"
)
#: Sentence ends a language writes beside the common ones (Armenian: "։", often typed as ":").
SENTENCE_END_BY_LANGUAGE = {"hy": r":[\"'”’»)\]\u00a0 ]*$"}
#: Characters per word in scripts written without spaces (to count their words).
CHARS_PER_WORD = {"ja": 2, "zh": 2, "th": 5}
#: Stop-word density a paragraph needs to read as prose, per language (the English list is very
#: large, 1,300 words; the others are small).
#: Languages that write function words as affixes (tr) or have few of them (id) read lower.
STOP_DENSITY = {
    "en": 0.30, "de": 0.25, "fr": 0.25, "es": 0.28, "ru": 0.18, "uk": 0.16, "id": 0.14, "tr": 0.08,
}  # fmt: skip
DEFAULT_STOP_DENSITY = 0.22

#: Lines that open a comment section for certain (a bare "12 comments" may be a byline's counter):
#: "3 thoughts on “...”", "15 Replies to", "Leave a Reply", "Cancel reply", "Jane says:".
COMMENT_SECTION = (
    r"^(?:\d+|one|two|three)\s+(?:thoughts?|repl(?:y|ies)|responses?|comments?)\s+(?:on|to)\b|"
    r"^(?:leave|post|add|write|submit) a (?:comment|reply)\b|cancel reply|^join the "
    r"(?:conversation|discussion)\b|\ssays:$|^(?:laisser un commentaire|kommentar schreiben|"
    r"deja un comentario|оставить комментарий)$"
)

#: Other lines after which the article does not resume: an author box's header, a feedback
#: widget ("Was this page helpful?", "Rate this article").
END_OF_ARTICLE = (
    r"^(?:about|meet) the author|^(?:the )?author$|^author bio\b|^über (?:den autor|die autorin)|"
    r"^à propos de l'auteur|^sobre (?:el autor|la autora)|^об авторе|"
    r"^(?:was|is) this (?:article|page|post|story|answer|information|content) (?:helpful|useful)|"
    r"^rate this (?:article|post|page|story)|^how (?:was|would you rate) this (?:article|issue|"
    r"post|story)"
)

#: Short lines that open a page's furniture when most of the article is above them and no run
#: of article paragraphs follows: a list header ("Related articles", "You may also like"), a
#: sign-up form's field ("Email address"), a menu item ("View all"), by the reason a notice gave.
FURNITURE_START = ("related", "paywall", "navigation")
#: ... but not a link to read on ("Read more", "See also"), which sits inside articles too.
READ_ON = (
    r"^(?:read|see|watch|listen|(?:à )?lire|voir|lesen|lea|ver|leia|читайте|смотрите|см\.|"
    r"baca|կարդացեք)\b"
)

#: A link alone on its line below a teaser of another page ("Read more", "Learn more →"): the
#: paragraph above it, when no article-like paragraph precedes it, is the teaser, not the
#: article's text (wcxb tune: of 141 paragraphs of 15 words or more above such a line, 123 are
#: not the article's, on 45 sites).
TEASER_LINK = (
    r"^(?:read (?:more|the (?:full )?(?:story|article|post))|read full (?:story|article)|"
    r"learn more|continue reading|lire la suite|en savoir plus|weiterlesen|mehr lesen|"
    r"leer más|seguir leyendo|читать (?:далее|дальше|полностью)|подробнее)\s*[.:…»›→>]*$"
)

#: Notices a keyword finds (a subscription, a share, a copyright, cookies) are shorter than this
#: many words: a longer prose paragraph inside the article's body is the article's.
NOTICE_MAX_WORDS = 25
PROSE_KEPT = ("paywall", "share", "copyright", "cookie")
#: Notices a source may say inside the article ("… is not a substitute for medical advice, the
#: company said"): any sentence of them between the article's paragraphs is the article's.
REPORTED_KEPT = ("disclaimer",)
#: A line repeated between the article's first and last kept paragraphs with at most this many
#: words is the article's own label ("Pros:", "Price: 40 euros"), kept each time, not a
#: `duplicate` (wcxb tune, text dumps: body F1 0.920 to 0.924 at 10 words, 6 or any length
#: 0.924 / 0.923; HTML 0.943 to 0.946; gains on many sites, e.g. 0068, 0069, 0098, 0166, 4116).
LABEL_WORDS = 10
