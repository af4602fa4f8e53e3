"""Outlets settled across the pages of one folder: what the pages say together.

A part of the title line that several pages of a folder share is the site's name (a part seen
on one page may be a columnist or a kicker). Re-exported by `presslens.clean.outlets`.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from .outlets import _NOT_NAMES, SECTION_LABEL_RX, clean_name, outlet_key, title_site_parts

__all__ = ["settle_outlets"]

#: Least number of pages of a folder whose titles share a part for it to be the site's name.
SHARED_MIN_PAGES = 3
#: Share of a folder's pages one shared name must cover to be the folder's outlet for pages
#: that name none (or only a part of their own title seen on no other page: a columnist, a kicker).
FOLDER_MIN_SHARE = 0.6
#: Sources a shared title part overrides: a title part seen on one page, or nothing.
_WEAKER_SOURCES = frozenset({"title", "none", ""})


def _site_parts(title_line: str) -> list[str]:
    """The parts of a title line that may name the site: short, not a section label (a
    headline part is rarely shared by two pages, so sharing tells them apart)."""
    parts = title_site_parts(title_line)
    if len(parts) < 2:
        return []
    return [
        p
        for p in parts
        if len(p.split()) <= 5
        and len(p) <= 50
        and p.lower() not in _NOT_NAMES
        and not SECTION_LABEL_RX.match(p)
    ]


def settle_outlets(pages: pd.DataFrame) -> pd.DataFrame:
    """Outlets settled across the pages of each folder, after every page was read alone.

    `pages`: one row per page with `file` (path inside the raw folder), `outlet`,
    `outlet_source` (as `find_outlet` gave them) and `title_line` (the page's title line, ""
    when unknown). A part of the title line that the titles of several pages of the same folder
    share is the site's name (a part seen once may be a columnist or a kicker): it replaces an
    outlet the page found only in its own title, or none (source
    `title`). When one shared name covers most of a folder's pages (`FOLDER_MIN_SHARE`), pages
    with no outlet, or only a title part seen once, take it (source `folder`). HTML site names,
    URLs and datelines are kept, and so is an analyst's sheet, applied after this.

    Returns a DataFrame on `pages`' index with columns `outlet` (str|None) and `outlet_source`.
    """
    outlet = pages["outlet"].astype(object)
    out = pd.DataFrame(
        {"outlet": outlet.where(outlet.notna(), None), "outlet_source": pages["outlet_source"]},
        index=pages.index,
    )
    if pages.empty:
        return out
    folders = pages["file"].astype(str).map(lambda f: f.rsplit("/", 1)[0] if "/" in f else "")
    lines = pages["title_line"].fillna("").astype(str)
    for _, rows in pages.groupby(folders, sort=False).groups.items():
        parts = {i: _site_parts(lines[i]) for i in rows}
        seen: dict[str, set] = defaultdict(set)
        forms: dict[str, list[str]] = defaultdict(list)
        for i, found in parts.items():
            for part in found:
                key = outlet_key(clean_name(part))
                if len(key) >= 2:
                    seen[key].add(i)
                    forms[key].append(clean_name(part))
        shared = {k: v for k, v in seen.items() if len(v) >= SHARED_MIN_PAGES}
        if not shared:
            continue
        names = {k: max(forms[k], key=forms[k].count) for k in shared}  # most used form

        for i, found in parts.items():
            source = str(out.at[i, "outlet_source"] or "")
            keys = [k for k in (outlet_key(clean_name(p)) for p in found) if k in shared]
            own = outlet_key(str(out.at[i, "outlet"] or ""))
            if keys and source in _WEAKER_SOURCES and own not in shared:
                # the most shared; on a tie the later part ("Headline | Section | Site")
                best = max(reversed(keys), key=lambda k: len(shared[k]))
                out.at[i, "outlet"], out.at[i, "outlet_source"] = names[best], "title"
        top = max(shared, key=lambda k: len(shared[k]))
        if len(shared[top]) >= FOLDER_MIN_SHARE * len(rows):
            for i in rows:
                source = str(out.at[i, "outlet_source"] or "")
                own = outlet_key(str(out.at[i, "outlet"] or ""))
                if source in ("none", "") or source == "title" and own not in shared:
                    out.at[i, "outlet"], out.at[i, "outlet_source"] = names[top], "folder"
    return out
