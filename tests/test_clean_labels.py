"""Cleaning: a short label the article repeats for each item it reviews ("Pros:", "Price: …")
is the article's own text, kept every time; a repeated line outside the article (a menu printed
at the top and again at the bottom) is still a `duplicate`. The pages are invented."""

from __future__ import annotations

import pytest

from presslens.clean import clean_page

ITEMS = {
    "en": (
        "Three Kettles for a Small Kitchen, Tried for a Month",
        ["Pros:", "Cons:", "Price: 40 euros"],
        [
            "The first kettle boils a litre of water in under three minutes and switches itself "
            "off reliably, which matters in a kitchen where it is often left unattended.",
            "The second kettle is quieter than the others and its handle stays cool, but the lid "
            "is stiff and the water gauge is hard to read in the evening light.",
            "The third kettle is the cheapest of the group and the most compact, and it fits on a "
            "narrow shelf next to the cooker without getting in the way of the pans.",
        ],
        ["Home", "Reviews", "Contact"],
    ),
    "de": (
        "Drei Wasserkocher für eine kleine Küche im Monatstest",
        ["Vorteile:", "Nachteile:", "Preis: 40 Euro"],
        [
            "Der erste Wasserkocher bringt einen Liter Wasser in weniger als drei Minuten zum "
            "Kochen und schaltet sich zuverlässig ab, was in einer vollen Küche wichtig ist.",
            "Der zweite Wasserkocher ist leiser als die anderen und sein Griff bleibt kühl, aber "
            "der Deckel klemmt und die Anzeige ist am Abend kaum zu lesen.",
            "Der dritte Wasserkocher ist der günstigste der Gruppe und der kleinste, und er passt "
            "auf ein schmales Regal neben dem Herd, ohne den Töpfen im Weg zu stehen.",
        ],
        ["Startseite", "Tests", "Kontakt"],
    ),
}


@pytest.mark.parametrize("language", sorted(ITEMS))
def test_labels_repeated_for_each_item_are_kept_and_a_repeated_menu_is_not(language):
    title, labels, items, menu = ITEMS[language]
    page = [*menu, title, items[0]]
    for n, item in enumerate(items[1:] + items[:1], 1):
        for label in labels:  # each label above a line of its own for this item
            page += [label, f"{n}: {item.split(',')[0]}."]
        page.append(item.replace(".", f" ({n}).", 1))
    page += menu
    frame = clean_page("\n\n".join(page), language=language)
    kept = frame[frame["kept"]]
    for label in labels:
        assert (kept["text"] == label).sum() == len(items), (label, frame.to_string())
    tail = frame.tail(len(menu))
    assert not tail["kept"].any(), tail.to_string()
