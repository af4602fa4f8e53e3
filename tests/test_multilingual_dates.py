"""Wire datelines opening the first paragraph, in several languages (issue 12).

"ЕРЕВАН, 14 мая 2023 — ..." is the article's publication date and its first paragraph is body
text; a date mentioned later in a sentence is neither. Every page here is written for the test;
no third-party text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.clean import clean_rows
from presslens.clean.datelines import lead_dateline
from presslens.clean.metadata import infer_metadata

#: (title, lead with its dateline, body paragraphs) per language, and the dateline's date.
PAGES = {
    "ru": (
        "Совещание у озера прошло без решения",
        "ГОРИС, 3 июня 2023 — Губернатор области принял фермеров соседних сёл для обсуждения "
        "водопровода, ремонта дорог и цен на корма.",
        [
            "Фермеры сказали губернатору, что вода приходит по графику только два дня в неделю.",
            "Губернатор обещал вернуться к этому вопросу после проверки трубы и насосов у моста.",
            "Следующая встреча назначена на конец месяца, если подрядчик закончит работу.",
        ],
        dt.date(2023, 6, 3),
    ),
    "hy": (
        "Գյուղում նոր ջրագիծ են կառուցում",
        "ԳՈՐԻՍ, հունիսի 7, 2023 — Մարզպետը այսօր հանդիպել է գյուղի բնակիչների հետ և քննարկել "
        "ջրագծի շինարարության ընթացքը։",
        [
            "Բնակիչները նշել են, որ ջուրը գալիս է միայն շաբաթը երկու օր, և դա բավարար չէ այգիների "
            "համար։",
            "Մարզպետը խոստացել է, որ աշխատանքները կավարտվեն մինչև աշնան սկիզբը, եթե եղանակը "
            "թույլ տա։",
        ],
        dt.date(2023, 6, 7),
    ),
    "az": (
        "Kənddə yeni su xətti çəkilir",
        "Şəki, 9 iyun 2023, XƏBƏRLƏR. Rayon icra hakimiyyətinin başçısı kənd sakinləri ilə "
        "görüşərək su xəttinin tikintisini müzakirə edib.",
        [
            "Sakinlər bildiriblər ki, su həftədə yalnız iki gün gəlir və bu, bağlar üçün kifayət "
            "etmir.",
            "Başçı işlərin payızın əvvəlinə qədər başa çatacağını vəd edib, əgər hava imkan versə.",
        ],
        dt.date(2023, 6, 9),
    ),
    "tr": (
        "Köye yeni su hattı döşeniyor",
        "KARS, 12 Haziran 2023 (HA) - Vali, köy sakinleriyle bir araya gelerek su hattının "
        "yapımını ve yolların onarımını görüştü.",
        [
            "Sakinler suyun haftada yalnızca iki gün geldiğini ve bunun bahçeler için yeterli "
            "olmadığını söyledi.",
            "Vali, havanın izin vermesi halinde çalışmaların sonbahar başında biteceğini belirtti.",
        ],
        dt.date(2023, 6, 12),
    ),
    "en": (
        "Village waits for its new water main",
        "KEYPORT, June 14, 2023 - The county executive met farmers from the valley on Tuesday "
        "to discuss the water main, road repairs and the price of feed.",
        [
            "The farmers said water reaches their fields on only two days of the week.",
            "The executive promised to return to the matter once the pumps have been checked.",
        ],
        dt.date(2023, 6, 14),
    ),
}


def _page(title: str, lead: str, body: list[str]) -> str:
    return "\n\n".join([title, lead, *body]) + "\n"


def _meta(text: str, language: str | None = None) -> tuple[dict, list[str], list[bool]]:
    texts, kept, reasons = clean_rows(text, language=language)
    return infer_metadata(text, (texts, kept, reasons)), texts, kept


@pytest.mark.parametrize("language", sorted(PAGES))
def test_lead_dateline_is_the_publication_date_and_its_paragraph_body(language):
    title, lead, body, expected = PAGES[language]
    meta, texts, kept = _meta(_page(title, lead, body))
    assert meta["published"] == expected
    assert meta["date_source"] == "dateline"
    assert meta["language"] == language
    assert kept[texts.index(lead)], f"the dateline's paragraph was removed: {lead[:40]}"


def test_lead_of_few_stop_words_is_kept_for_its_dateline():
    """A first paragraph of names and nouns (few Russian stop words) that opens with a dateline
    is the article's lead, not navigation."""
    lead = (
        "БРЕСТ, 2 июля 2023 — Председатель областного совета Пётр Климов принял делегации "
        "Польши и Литвы для очередного раунда консультаций."
    )
    body = [
        "Климов заявил журналистам, что стороны продвинулись в вопросе пропуска грузовиков.",
        "Представитель Литвы настаивает на новом пункте пропуска, тогда как польская сторона "
        "требует ремонта старого моста.",
        "Эксперты считают, что соглашение может быть подписано до конца года, если работа "
        "продолжится.",
    ]
    meta, texts, kept = _meta(_page("Брест: новая встреча", lead, body), "ru")
    assert kept[texts.index(lead)]
    assert meta["published"] == dt.date(2023, 7, 2)


@pytest.mark.parametrize(
    "lead",
    [
        "Фермеры вспоминали, что 3 июня 2023 — в день первой встречи — воды не было совсем, "
        "и губернатор обещал помочь.",
        "The county executive met farmers, who recalled that on June 14, 2023 - the first day "
        "of the drought - the wells ran dry.",
    ],
)
def test_a_date_later_in_the_first_sentence_is_not_the_publication_date(lead):
    body = [
        "Фермеры сказали губернатору, что вода приходит по графику только два дня в неделю.",
        "Губернатор обещал вернуться к этому вопросу после проверки трубы и насосов у моста.",
    ]
    if lead.startswith("The"):
        body = PAGES["en"][2]
    meta, _, _ = _meta(_page("Water", lead, body))
    assert meta["published"] is None


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("ЕРЕВАН, 14 мая 2023 — Премьер-министр провёл встречу.", "ЕРЕВАН", None),
        ("ЕРЕВАН, 28 февраля 2017. АРМЕНПРЕСС. Премьер-министр провёл встречу.", "ЕРЕВАН",
         "АРМЕНПРЕСС"),
        ("Bakı, 28 fevral 2023, AZƏRTAC. Prezident görüş keçirib.", "Bakı", "AZƏRTAC"),
        ("ԵՐԵՎԱՆ, մայիսի 15, 2023 — Վարչապետը հանդիպում է ունեցել։", "ԵՐԵՎԱՆ", None),
        ("ANKARA, 16 Mayıs 2023 (AA) - Bakan bir açıklama yaptı.", "ANKARA", "(AA)"),
        ("Rio de Janeiro, 4 de maio de 2023 - O ministro falou.", "Rio de Janeiro", None),
    ],
)  # fmt: skip
def test_lead_dateline_forms(text, place, agency):
    m = lead_dateline(text)
    assert m is not None
    assert m["place"] == place
    assert m["agency"] == agency


@pytest.mark.parametrize(
    "text",
    [
        "On May 4, 2023, the minister said the talks would go on.",
        "The meeting on May 4, 2023 - a Thursday - went on late.",
        "Фермеры вспоминали, что 3 июня 2023 — в день первой встречи — воды не было.",
        "ЕРЕВАН — Премьер-министр провёл встречу 14 мая 2023.",
    ],
)
def test_not_lead_datelines(text):
    assert lead_dateline(text) is None
