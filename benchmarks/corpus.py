"""Synthetic scraped pages for benchmarks: the sample's paragraphs inside realistic boilerplate.

`write_corpus(folder, n)` writes `n` pages (≈4 KB each, like the sample) from a fixed seed: several
outlets, each with its own navigation, paywall/cookie/share notices and footer, datelines in
different formats spread over months, and a `metadata.csv` naming the outlet of most pages. Used by
`benchmarks/ingest.py`, `benchmarks/wording.py` and `benchmarks/pipeline.py`.

    python benchmarks/corpus.py OUT_DIR [--n 10000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "fixtures" / "seeds_gold.json"
SEED = 20230501

OUTLETS = {
    "Caspian Daily": {
        "head": ["Home", "Politics", "Economy", "Region", "Opinion", "Search", "EN", "RU"],
        "notices": [
            "Subscribe to our newsletter to get the latest news first!",
            "Share on Facebook",
            "Share on X",
        ],
        "tail": [
            "Related news",
            "Caspian Daily © 2024. All rights reserved.",
            "Privacy policy",
            "Contact us",
        ],
        "date": "{d:%d %B %Y} {h:02d}:{m:02d}",
    },
    "Yerevan Observer": {
        "head": ["Menu", "News", "Armenia", "Diaspora", "World", "Video"],
        "notices": [
            "This article is available to subscribers only. Subscribe now for full access.",
            "Copy link",
        ],
        "tail": [
            "Read also",
            "Tags: Armenia, Azerbaijan, peace talks",
            "© Yerevan Observer, reproduction prohibited",
        ],
        "date": "{d:%B} {d.day}, {d:%Y}",
    },
    "Wire Europe": {
        "head": ["Europe", "World", "Business", "Live"],
        "notices": [
            "We use cookies to improve your experience. By continuing to browse you accept our use of cookies.",
            "Follow us on Telegram",
        ],
        "tail": ["More from Wire Europe", "Most read", "Newsletter sign-up"],
        "date": "Published {d:%d/%m/%Y}",
    },
    "Caucasus Monitor": {
        "head": ["twitter", "facebook", "youtube", "Login", "Register"],
        "notices": ["Advertisement", "Liked the story? Share it with your friends!"],
        "tail": [
            "See also",
            "Caucasus Monitor seeks freelance correspondents. Send your CV to jobs@example.org.",
        ],
        "date": "{d:%Y-%m-%d}",
    },
    "Le Courrier du Caucase": {
        "head": ["Accueil", "International", "Politique"],
        "notices": ["Abonnez-vous pour lire la suite de cet article.", "Partager sur Facebook"],
        "tail": ["À lire aussi", "Tous droits réservés"],
        "date": "{d:%d/%m/%Y}",
    },
    "Global Aggregator": {
        "head": ["24.1 C", "Paris", "{today:%A, %B %d, %Y}", "HomeWorld"],
        "notices": ["Latest stories", "spot_img"],
        "tail": [
            "Editor is a news writer who covers world affairs for our readers.",
            "Latest stories",
        ],
        "date": "",
    },
}
TITLES = [
    "{a} and {b} foreign ministers resume talks in {place}",
    "Peace talks in {place}: {a} and {b} report progress",
    "{place} round ends without breakthrough on {topic}",
    "Officials say {topic} remains the main obstacle to a deal",
    "{a}-{b} negotiations: what was agreed on {topic}",
]
PLACES = ["Washington", "Brussels", "Moscow", "Chisinau", "Arlington"]
TOPICS = [
    "the Lachin corridor",
    "border delimitation",
    "the peace treaty",
    "troop withdrawal",
    "amnesty",
]


def _paragraphs() -> list[str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [p for item in gold.values() for p in item["body_paragraphs"]]


def make_page(
    rng: random.Random, paragraphs: list[str], outlet: str, day: dt.date, serial: int
) -> str:
    style = OUTLETS[outlet]
    a, b = rng.sample(["Armenia", "Azerbaijan"], 2)
    title = rng.choice(TITLES).format(a=a, b=b, place=rng.choice(PLACES), topic=rng.choice(TOPICS))
    title = f"{title} ({serial})"
    body = rng.sample(paragraphs, rng.randint(5, 9))
    today = day + dt.timedelta(days=rng.randint(1, 60))
    head = [line.format(today=today) for line in style["head"]]
    parts = [*head, title]
    if style["date"]:
        parts.append(style["date"].format(d=day, h=rng.randint(0, 23), m=rng.randint(0, 59)))
    cut = rng.randint(2, len(body) - 1)
    parts += body[:cut] + [rng.choice(style["notices"])] + body[cut:]
    parts += style["tail"]
    return "\n\n".join(parts) + "\n"


def write_corpus(folder: Path, n: int, *, seed: int = SEED, start: int = 0) -> int:
    """Write pages `start`..`start+n-1` into `folder` (plus/extend `metadata.csv`); returns bytes written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = _paragraphs()
    outlets = sorted(OUTLETS)
    first_day = dt.date(2023, 3, 1)
    total = 0
    rows = []
    for i in range(start, start + n):
        rng = random.Random(seed * 1_000_003 + i)
        outlet = outlets[i % len(outlets)]
        day = first_day + dt.timedelta(days=rng.randint(0, 150))
        text = make_page(rng, paragraphs, outlet, day, i)
        name = f"{i // 1000:03d}/{outlet.lower().replace(' ', '-')}-{i:06d}.txt"
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        # An analyst typically records the outlet, not always the date.
        rows.append([name, outlet, "", day.isoformat() if i % 3 else "", "en"])
    sheet = folder / "metadata.csv"
    new = not sheet.exists()
    with sheet.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(["file", "outlet", "url", "published", "language"])
        writer.writerows(rows)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    size = write_corpus(args.out, args.n)
    print(f"wrote {args.n} pages ({size / 2**20:.1f} MB) to {args.out}")


if __name__ == "__main__":
    main()
