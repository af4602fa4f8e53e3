"""Page text shared by the ingest tests (our own sentences, in the style of the bundled pages)."""

BODY = [
    "Armenian Foreign Minister Ararat Mirzoyan and his Azerbaijani counterpart Jeyhun Bayramov met "
    "in Washington on Monday for a new round of talks hosted by the US Secretary of State.",
    "The negotiations deal with an agreement on normalization of relations between the two "
    "countries, officials said, adding that the border and the Lachin corridor were discussed.",
    "Russia said on Tuesday that there was no alternative to its own mediation, and that the "
    "trilateral documents signed in 2020 remained the only legal basis for a settlement.",
]

#: A short news body with no site, date or outlet in it (for the metadata tests).
COUNCIL_BODY = (
    "The council met on Tuesday to discuss the new bridge, officials said, and agreed to vote on "
    "the plan next month after a long evening of questions from residents.\n\n"
    "Engineers presented three designs, and the cheapest was criticised for its narrow "
    "footpaths, which several councillors said would not serve the school nearby.\n\n"
    "A decision is expected before the end of the year."
)
