"""Page text shared by the ingest tests (our own sentences, in the style of the bundled pages)."""

BODY = [
    "Armenian Foreign Minister Ararat Mirzoyan and his Azerbaijani counterpart Jeyhun Bayramov met "
    "in Washington on Monday for a new round of talks hosted by the US Secretary of State.",
    "The negotiations deal with an agreement on normalization of relations between the two "
    "countries, officials said, adding that the border and the Lachin corridor were discussed.",
    "Russia said on Tuesday that there was no alternative to its own mediation, and that the "
    "trilateral documents signed in 2020 remained the only legal basis for a settlement.",
]
