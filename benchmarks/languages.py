"""Language detection: accuracy on short texts in 13 languages and speed on real pages.

Compares `presslens.clean.detect_language` (script → stop-word vote → py3langid when the vote
is unclear) with py3langid alone and, when installed, lingua. Short texts: the project's own
`tests/fixtures/multilingual/short_texts.yaml` (56 lines, 13 languages + 4 with no language).
Pages: the wcxb dev set (709 pages, all English by their gold bodies), whole page text, and
the paragraphs of its first 200 pages.

    python benchmarks/languages.py [--wcxb ../shared/devsets/wcxb/txt]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHORT = REPO / "tests" / "fixtures" / "multilingual" / "short_texts.yaml"


def detectors():
    from presslens.clean import detect_language

    found = {"presslens": detect_language}
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def py3langid(text: str) -> str:
        if sum(c.isalpha() for c in text) < 3:
            return "und"
        lang, p = ident.classify(text)
        return lang if p >= 0.6 else "und"

    found["py3langid"] = py3langid
    try:
        from lingua import LanguageDetectorBuilder

        lin = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

        def lingua(text: str) -> str:
            lang = lin.detect_language_of(text)
            return lang.iso_code_639_1.name.lower() if lang else "und"

        found["lingua"] = lingua
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wcxb", type=Path, default=REPO.parent / "shared/devsets/wcxb/txt")
    args = parser.parse_args()
    texts = yaml.safe_load(SHORT.read_text(encoding="utf-8"))
    items = [(lang, t) for lang, ts in texts.items() for t in ts]
    pages = [p.read_text(encoding="utf-8") for p in sorted(args.wcxb.glob("*.txt"))]
    paras = [x for page in pages[:200] for x in page.split("\n\n") if x.strip()]
    mb_pages = sum(len(p.encode()) for p in pages) / 1e6
    mb_paras = sum(len(p.encode()) for p in paras) / 1e6
    for name, detect in detectors().items():
        detect("warm up: load any model before timing")
        right = sum(detect(t) == lang for lang, t in items)
        wrong = [f"{lang}→{detect(t)}" for lang, t in items if detect(t) != lang]
        t0 = time.perf_counter()
        on_pages = Counter(detect(p) for p in pages)
        dt_pages = time.perf_counter() - t0
        t0 = time.perf_counter()
        on_paras = Counter(detect(p) for p in paras)
        dt_paras = time.perf_counter() - t0
        print(
            f"{name:10s} short texts {right}/{len(items)} {wrong}; "
            f"wcxb pages {dict(on_pages.most_common(3))} at {mb_pages / dt_pages:.1f} MB/s; "
            f"paragraphs {dict(on_paras.most_common(3))} at {mb_paras / dt_paras:.2f} MB/s"
        )


if __name__ == "__main__":
    main()
