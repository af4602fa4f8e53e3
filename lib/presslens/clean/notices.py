"""The notice rules, in the order they are tried, and the weak shape of an author bio: data.

Each `Rule` or `Cues` (see `rules`) names a reason of `rules.REASONS`, a length cap, and its
phrasings per language; `features` compiles them into one pass per paragraph. Part of
`CLEANER_VERSION` (`presslens.clean.version`).
"""

from __future__ import annotations

from . import datelines
from .rules import EMAIL, TEMPERATURE, Cues, Rule, alternation

_SUBSCR = r"subscri(?:be|bing|bed|ption|ptions|ber|bers)"
SOCIAL_NETWORKS = (
    r"twitter|x|youtube|instagram|facebook|telegram|whatsapp|linkedin|tiktok|vk|vkontakte|ok|"
    r"odnoklassniki|reddit|pinterest|e-?mail|print|rss|messenger|viber|threads|mastodon|bluesky|"
    r"apple store|app store|play market|google play|flipboard|google news"
)

#: Recruitment notices: "<outlet> seeks freelance correspondents", "wir suchen Autoren".
RECRUIT_VERBS = {
    "en": (r"seeks?", "seeking", "is (?:looking|searching) for", "(?:is|are|we're) hiring",
           r"recruit\w*"),
    "de": ("wir suchen",), "fr": ("nous recrutons", "recherche"), "es": ("buscamos",),
    "ru": ("ищем", "ищет"),
}  # fmt: skip
RECRUIT_ROLES = {
    "en": ("specialists?", "journalists?", "authors?", "correspondents?", "contributors?",
           "freelancers?", "writers?", "editors?", "reporters?", "interns?"),
    "de": (r"Autor\w*", r"Journalist\w*", r"Redakteur\w*"),
    "fr": (r"journaliste\w*", r"rédact\w*"), "es": ("periodistas?", r"redactor\w*"),
    "ru": (r"журналист\w*", r"автор\w*", r"корреспондент\w*"),
}  # fmt: skip

_SEEKING = rf"\b(?:{alternation(RECRUIT_VERBS)})\b.{{0,80}}\b(?:{alternation(RECRUIT_ROLES)})"

NOTICES: tuple[Rule | Cues, ...] = (
    Rule("cookie", 900, form=r"\b(?:{})\b",
         triggers={"any": ("cookie",), "ru": ("куки",), "fr": ("témoin",), "tr": ("çerez",),
                   "hy": ("թխուկ",), "az": ("kuki",)},
         phrases={
             "en": (r"use|uses|using|accept|consent|policy|settings|preferences|browsing|"
                    r"experience|agree",),
             "de": (r"verwende\w*|nutz\w*|akzeptier\w*|zustimm\w*|einwillig\w*|datenschutz\w*",),
             "fr": (r"utilis\w*|accept\w*|consentement|politique",),
             "es": (r"usamos|utiliza\w*|acept\w*|consentimiento|política",),
             "ru": (r"использ\w*|согласи\w*|принять",), "pt": (r"utilizamos|aceit\w*",),
             "it": (r"utilizz\w*|usiamo|accett\w*",), "tr": (r"kullan\w*|kabul",),
             "az": (r"istifadə",), "hy": (r"օգտագործ\w*",), "id": (r"menggunakan|setuju",)}),
    # Scripts without word spaces: the phrase anywhere near the trigger.
    Rule("cookie", 300, triggers={"ja": ("クッキー", "cookie")},
         phrases={"ja": (r"(?:クッキー|cookie).{0,40}(?:使用|利用|同意)",)}),
    # Subscription prompts, in four rules by trigger word so that only the relevant ones run.
    Rule("paywall", 500, triggers={"en": ("subscri",)}, phrases={"en": (
        rf"\b{_SUBSCR}\b.{{0,80}}\b(?:access|read|reading|content|articles?|stories|unlimited|"
        r"premium|full|continue|exclusive|free|now|today|newsletter)\b",
        r"\b(?:access|unlimited|premium|continue reading|full (?:article|story|content))\b"
        rf".{{0,80}}\b{_SUBSCR}\b",
        r"\balready (?:a )?subscriber\b",
        r"\b(?:this|the) (?:article|content|story) is (?:only )?(?:available|reserved) "
        r"(?:to|for) subscribers\b",
        r"\bsubscribe\b.{0,60}\bnewsletters?\b")}),
    Rule("paywall", 500,
         triggers={"en": ("member", "log in", "login", "sign in", "signin", "newsletter", "mail",
                          "inbox", "journalism", "donate", "sign up", "signup", "sign-up",
                          "register")},
         phrases={"en": (
             r"\balready (?:a )?member\b|\bbecome a (?:member|subscriber|patron|supporter)\b",
             r"\b(?:log|sign) ?in to (?:read|continue|access|view|comment)\b",
             r"\bnewsletter\b.{0,60}\b(?:sign ?-?up|subscribe|inbox|register)\b",
             r"\b(?:sign ?-?up|register)\b.{0,60}\bnewsletters?\b",
             r"^newsletter(?: sign-?up)?$",
             r"\b(?:enter|type|your) (?:your )?e-?mail(?: address)?\b|\b(?:to|in) your inbox\b",
             r"\b(?:support|fund) (?:our |independent |quality )?journalism\b|^donate(?: now)?$")}),
    Rule("paywall", 500,
         triggers={"fr": ("abonn", "souscri", "lire la suite", "accès", "adresse", "mail"),
                   "de": ("abonn", "abo ", "abo-", "abo.", "weiterlesen", "registriert", "adresse",
                          "mail"),
                   "es": ("suscr", "leyendo", "correo"), "it": ("abbona",), "pt": ("assin",)},
         phrases={
             "fr": (r"adresse e-?mail", r"\babonn(?:ement|ez|er|é|ée|és|ées)\b",
                    r"\bsouscri(?:re|vez|ption)\b", r"\b(?:pour )?lire la suite\b",
                    r"\baccès illimité\b"),
             "de": (r"e-?mail-adresse", r"\babonnier\w*\b", r"\babo(?:nnent\w*)?\b",
                    r"\bweiterlesen\b", r"\bnur für abonnent\w*\b",
                    r"\bbereits (?:abonnent\w*|registriert)\b"),
             "es": (r"correo electrónico", r"\bsuscr[ií]b\w*\b", r"\bsuscripci[oó]n\b",
                    r"\bsuscriptor\w*\b", r"\bpara (?:seguir|continuar) leyendo\b"),
             "it": (r"\babbona(?:ti|mento|rsi)\b",),
             "pt": (r"\bassin(?:e|atura|ante|antes)\b",)}),
    Rule("paywall", 500, triggers={"ru": ("подпи", "чтобы", "почт")}, phrases={"ru": (
        r"подпиш\w*\b(?! на (?:наш|нас)\w* (?:канал|телеграм|telegram|youtube|страниц))",
        r"подписк\w+", r"\bоформит\w* подписк", r"только для подписчиков",
        r"чтобы (?:продолжить|читать)", r"электронн\w* почт")}),
    # A sign-up form's consent line: "By signing up, you agree to receive ...", "Msg & data rates
    # may apply", "Unsubscribe at any time".
    Rule("paywall", 500,
         triggers={"en": ("by ", "data rates", "unsubscribe"), "de": ("mit ",),
                   "fr": ("en ",), "es": ("al ",), "ru": ("нажимая", "подписываясь", "отправляя")},
         phrases={
             "en": (r"^by (?:signing up|subscribing|submitting|clicking|checking|entering|"
                    r"providing|registering|creating)\b.{0,150}?\b(?:you|i) (?:agree|consent|"
                    r"acknowledge|authori[sz]e|certify|confirm|are consenting)\b",
                    r"\b(?:msg|message)\.? ?(?:&|and|/) ?data rates may apply\b",
                    r"\bunsubscribe (?:at )?any ?time\b"),
             "de": (r"^mit (?:dem|der|meiner) (?:absenden|anmeldung|klick|registrierung)\b.{0,150}?"
                    r"\b(?:stimme ich|stimmen sie|akzeptiere ich|willige ich)\b",),
             "fr": (r"^en (?:vous inscrivant|cliquant|soumettant|vous abonnant)\b.{0,150}?"
                    r"\b(?:vous acceptez|j'accepte|vous consentez)\b",),
             "es": (r"^al (?:suscribirte|registrarte|hacer clic|enviar|suscribirse)\b.{0,150}?"
                    r"\b(?:aceptas|acepto|acepta|consientes)\b",),
             "ru": (r"^(?:нажимая|подписываясь|отправляя)\b.{0,150}?\b(?:вы соглашаетесь|"
                    r"я соглашаюсь|вы даете согласие|вы даёте согласие)",)}),
    Rule("copyright", 320,
         triggers={"any": ("©", "(c)", "copyright"),
                   "en": ("rights", "material", "link to", "reproduc", "reprint", "republish",
                          "redistribut"),
                   "fr": ("réservés",), "de": ("vorbehalten",), "es": ("derechos",),
                   "ru": ("права", "перепечат", "материал")},
         phrases={
             "any": (r"©", r"\(c\)\s*(?:19|20)\d\d", r"\bcopyright\b",
                     # "reproduction ... prohibited / interdite / verboten / prohibida"
                     r"\breproduction\b.{0,50}\b(?:prohibited|forbidden|interdite|verboten|"
                     r"prohibida|without (?:prior )?(?:written )?permission)"),
             "en": (r"\ball rights reserved\b",
                    r"\buse of (?:the |our |site |these |its )?materials?\b.{0,40}\b(?:allowed|"
                    r"permitted|prohibited|only|link|reference)",
                    r"\b(?:hyper)?link to (?:the )?(?:source|original|site|website)\b",
                    r"\bhyperlink to\b",
                    r"\b(?:reprint|republish|redistribut)\w*\b.{0,50}\b(?:permission|prohibited)"),
             "fr": (r"\btous droits réservés\b",), "de": (r"\balle rechte vorbehalten\b",),
             "es": (r"\btodos los derechos reservados\b",),
             "ru": (r"\bвсе права защищены\b", r"\bперепечатк\w*",
                    r"\bпри (?:использовании|цитировании) материал")}),
    # A disclaimer: "for informational purposes only", "not a substitute for medical advice".
    Rule("disclaimer", 900,
         triggers={"en": ("purposes", "substitute", "advice", "replace"),
                   "de": ("informationszweck", "beratung"), "fr": ("titre", "avis", "conseil"),
                   "es": ("fines", "consejo", "asesoramiento"), "ru": ("характер", "не является")},
         phrases={
             "en": (r"\bfor (?:general )?(?:informational|information|educational)(?: (?:and|or) "
                    r"(?:informational|educational|entertainment))? purposes(?: only)?\b",
                    r"\bnot (?:intended (?:to be |as )?)?(?:a substitute for|to replace) (?:the )?"
                    r"(?:professional |qualified )?(?:medical |legal |financial )?(?:advice|care|"
                    r"guidance)\b",
                    r"\b(?:does not|do not|doesn't|should not be (?:considered|construed as)) "
                    r"(?:constitute )?(?:medical|legal|financial|tax|investment|professional) "
                    r"advice\b"),
             "de": (r"\b(?:dient|dienen) (?:nur |ausschließlich )?(?:zu )?"
                    r"informationszwecken\b", r"\bersetz\w* keine (?:ärztliche|medizinische|"
                    r"rechtliche|finanzielle) beratung\b"),
             "fr": (r"\bà titre (?:informatif|indicatif)(?: uniquement| seulement)?\b",
                    r"\bne (?:constitue|remplace) pas (?:un |une )?(?:avis|conseil|consultation) "
                    r"(?:médical|juridique|financier)"),
             "es": (r"\bcon fines (?:informativos|educativos)\b",
                    r"\bno (?:constituye|sustituye|reemplaza) (?:un |el )?(?:consejo|asesoramiento) "
                    r"(?:médico|legal|financiero)"),
             "ru": (r"\bносит (?:исключительно )?(?:информационный|ознакомительный) характер\b",
                    r"\bне является (?:медицинской |юридической |финансовой |индивидуальной )?"
                    r"(?:консультацией|рекомендацией)")}),
    # An affiliate disclosure: the site may earn a commission on purchases made through its
    # links (wcxb tune 0009, 0212, 0270, 4130, 4674, 4815, 4884 and more: never the article's).
    # An article about affiliate marketing says "earn a commission when ...", not "may earn".
    Rule("advert", 400,
         triggers={"en": ("commission", "compensation", "affiliate", "reader-supported",
                          "associate"),
                   "de": ("provision", "affiliate"), "fr": ("commission", "affili"),
                   "es": ("comisión", "afiliad"), "ru": ("комисси", "партн")},
         phrases={
             "en": (r"\b(?:may|might|could|will|[’']ll) (?:earn|receive|get|make)\b[^.]{0,40}?"
                    r"\b(?:commissions?|compensation)\b",
                    r"\b(?:post|article|page|site|website|podcast|video|episode)s? (?:may |might )?"
                    r"(?:contains?|includes?|uses?) (?:some )?(?:affiliate|commissionable) links?\b",
                    r"\bis (?:a )?reader-supported\b", r"\bas an amazon associate\b",
                    r"^affiliate disclosure\s*:?$"),
             "de": (r"\b(?:enthält|enthalten|nutzt|nutzen) (?:\w+ )?affiliate-links\b",
                    r"\b(?:erhalten|bekommen) wir (?:eventuell |ggf\. )?(?:eine )?(?:kleine )?"
                    r"provision\b"),
             "fr": (r"\b(?:contient|contiennent|inclut) des liens (?:d'affiliation|affiliés)\b",
                    r"\b(?:pouvons|pourrions|peut|pourrait) (?:percevoir|toucher|recevoir) une "
                    r"(?:petite )?commission\b"),
             "es": (r"\b(?:contiene|contienen|incluye) enlaces de afiliad[oa]s?\b",
                    r"\b(?:podemos|podríamos|puede|podría) (?:recibir|ganar|obtener) una "
                    r"(?:pequeña )?comisión\b"),
             "ru": (r"\b(?:содержит|содержат) партн[её]рские ссылки\b",
                    r"\b(?:можем|может|могу) получ\w* (?:небольшую )?комисси\w*")}),
    Rule("advert", 60, anchored=True, form=r"^(?:{})\s*:?$", phrases={
        "en": (r"advertisement|advertising|advertorial|sponsored(?: content| post)?|ads?|"
               r"promoted|promotion|partner content",),
        "de": ("anzeige", "werbung"), "fr": ("publicité",), "es": ("publicidad",),
        "ru": ("реклама",), "it": ("pubblicità",)}),
    Rule("advert", 60, anchored=True, phrases={"en": (
        r"^advertisement\b.{0,30}$",
        r"^(?:scroll to continue|(?:story|article) continues below|continue reading below)\b")}),
    Rule("share", 220,
         triggers={"en": ("share", "like", "enjoy", "cop", "link", "follow", "print", "mail",
                          "tweet", "pin", "whatsapp", "subscribe", "join"),
                   "de": ("teilen", "folgen", "link", "cop"),
                   "fr": ("partag", "suivez", "link", "cop"), "es": ("compart", "guenos"),
                   "it": ("condividi", "seguici"), "pt": ("compart",), "tr": ("paylaş",),
                   "id": ("bagikan",), "ja": ("シェア", "共有"), "hy": ("կիսվել",),
                   "ru": ("поделит", "ссылк", "подписывайтесь", "подпиш", "следите",
                          "присоединяйтесь")},
         phrases={
             "en": (r"\bshare (?:this|on|it|the|via|article|story|post|page|with)\b", r"^share\b",
                    r"\b(?:liked|like|enjoyed|enjoy) (?:the|this) (?:story|article|post)\b",
                    r"\bcopy(?:ing)? (?:the )?link\b", r"\blink copied\b", r"\bfollow us\b",
                    r"^(?:print|e-?mail|tweet|pin it|whatsapp)(?: (?:this|article|page))?$",
                    r"\b(?:subscribe|join)(?: to)? (?:us|our) (?:on )?(?:telegram|youtube|"
                    r"whatsapp|instagram|facebook|channel|page)\b"),
             "de": (r"\b(?:artikel )?teilen\b", r"\bfolgen sie uns\b", r"\blink kopieren\b",
                    r"\blink kopiert\b"),
             "fr": (r"\bpartag(?:er|ez)\b", r"\bsuivez-nous\b", r"\blink copié\b"),
             "es": (r"\bcompart(?:ir|e|a)\b", r"\bs[ií]guenos\b"),
             "it": (r"\bcondividi\b", r"\bseguici\b"), "pt": (r"\bcompartilh\w*",),
             "tr": (r"^paylaş\b",), "id": (r"^bagikan\b",), "ja": (r"^(?:シェア|共有)(?:する)?$",),
             "hy": (r"^կիսվել\b",),
             "ru": (r"поделит\w*", r"ссылка скопирована", r"скопировать ссылку",
                    r"подписывайтесь на",
                    r"подпиш\w* на (?:наш|нас)\w* (?:канал|телеграм|telegram|youtube|страниц)",
                    r"следите за нами", r"присоединяйтесь к нам")}),
    Rule("related", 260, anchored=True, phrases={
        "en": (r"^(?:read|see|watch|listen)(?: (?:also|more|next|too))\b",
               r"^(?:related|recommended|more)(?: (?:articles?|stories|news|posts|content|reading|"
               r"topics?|coverage|on this (?:topic|story)|from\b.*))?\s*:?$",
               r"^(?:related|recommended) (?:articles?|stories|news|posts|content|reading|links|"
               r"products)\b", r"^recommended for you\s*:?$", r"^explore more\s*:?$",
               r"^(?:latest|recent|top|trending|popular|most read|most popular|most viewed|more|"
               r"other|editor'?s picks?)(?: (?:stories|news|articles|posts|headlines|in \w+))\s*:?$",
               r"^(?:most read|most popular|most viewed|popular|trending(?: now)?|editor'?s picks?)"
               r"\s*:?$",
               r"^you (?:may|might) (?:also )?(?:like|enjoy|be interested)",
               r"^(?:further reading|in (?:other|case you missed)\b.*)$"),
        "fr": (r"^(?:à )?lire (?:aussi|également)\b", r"^voir aussi\b", r"^sur le même sujet\b",
               r"^à la une\b", r"^(?:les )?(?:articles|actualités) (?:liés|similaires|récentes)\b"),
        "de": (r"^lesen sie (?:auch|mehr)\b", r"^mehr zum thema\b",
               r"^(?:das könnte sie|auch) interessier",
               r"^weitere (?:artikel|nachrichten|themen|meldungen)\b", r"^meistgelesen\b"),
        "es": (r"^lea (?:también|más)\b", r"^te puede interesar\b",
               r"^(?:noticias|artículos) relacionad", r"^más (?:noticias|leídas)\b",
               r"^ver también\b", r"^también te puede"),
        "it": (r"^leggi anche\b",),
        "pt": (r"^leia (?:também|mais)\b", r"^notícias relacionadas\b"),
        "tr": (r"^ilgili haberler\b", r"^bunlar da ilginizi çekebilir\b"),
        "az": (r"^oxşar xəbərlər\b", r"^digər xəbərlər\b"),
        "hy": (r"^կարդացեք (?:նաև|նաեւ)\b", r"^նմանատիպ նյութեր\b"),
        "id": (r"^baca juga\b", r"^berita terkait\b"), "ja": (r"^関連(?:記事|ニュース)",),
        "ru": (r"^читайте (?:также|ещё|еще|по теме)\b", r"^(?:смотрите|см\.) также\b",
               r"^(?:по теме|похожие (?:новости|статьи|материалы)|другие новости|"
               r"новости по теме)\b")}),
    # A list header of other stories or videos (wcxb tune: "More Videos" 0119, 4175; "Latest
    # Insights" 2235, 4151; "Featured Posts" 0215, 4084, 4857; "Keep reading" 0231, 1974). Not
    # "resources" or "blog posts": a list the article itself recommends (kept by the gold, 0327).
    Rule("related", 60, anchored=True, form=r"^(?:{})\s*[.:]?$", phrases={
        "en": (r"(?:featured|latest|more|recent|related|popular|other) (?:videos|insights|guides|"
               r"articles|posts|stories)", r"keep (?:reading|exploring)(?: this topic)?"),
        "de": (r"(?:weitere|mehr|neueste) (?:videos|beiträge)",),
        "fr": (r"(?:plus de|autres|dernières) vidéos|articles (?:à la une|récents)",),
        "es": (r"(?:más|otros|últimos) v[ií]deos|artículos (?:destacados|recientes)",),
        "ru": (r"(?:ещё|еще|другие|последние) видео|популярные статьи",)}),
    # The header of an article's list of sources, alone on its line: the article text ends there
    # (wcxb tune 0044, 0052); a bare "References" or "Footnotes" is not (kept on other sites).
    Rule("related", 60, anchored=True, form=r"^(?:{})\s*:?$", phrases={
        "en": (r"article sources",), "de": (r"quellen (?:des|zum) artikels?|artikelquellen",),
        "fr": (r"sources de l'article",), "es": (r"fuentes del art[ií]culo",),
        "ru": (r"источники (?:статьи|к статье)",)}),
    # Credits and embed markers anywhere in a short line: tried only when their words occur.
    Rule("embed_meta", 200, anchored=True,
         triggers={"any": ("[embedded content]", "getty", "ap photo", "reuters/", "epa-efe")},
         phrases={"any": (r".{0,150}?\[embedded content\]",
                          r".{0,120}?\b(?:getty images|afp via getty|ap photo|reuters/|epa-efe)\b")}),
    Rule("embed_meta", 200, anchored=True, phrases={
        "any": (r"^(?:pic\.twitter\.com|t\.co)/\w+$",
                # "(Photo by", "Foto de", "Fotos von": en, es, de in one pattern
                r"^\(?(?:photo|image|foto)s? (?:by|de|von|:)\b"),
        "en": (r"^view (?:this|the) post on (?:instagram|facebook|x|twitter|tiktok)\b",
               r"^a post shared by\b", r"^embed from getty images\b",
               r"^(?:watch|listen|video|photo|gallery)\s*:?$",
               r"^(?:click|tap) (?:here )?to (?:play|view|watch|enlarge)\b",
               r"^this (?:content|video|post) (?:is not available|cannot be displayed)\b")}),
    Rule("embed_meta", 200, anchored=True, form=r"^(?:{})s?(?: credit)?\s*[:©]", phrases={
        "en": ("photo", "image", "picture", "credit", "source"), "de": ("foto", "quelle"),
        "fr": ("crédit",), "ru": ("фото",)}),
    Rule("tags", 500, anchored=True, form=r"^(?:{})\s*:", phrases={
        "en": ("tags?", "tagged(?: with)?", "topics?", "keywords?", "filed under",
               "categor(?:y|ies)"),
        "de": ("schlagw(?:ö|oe)rter", "themen"), "fr": ("mots[- ]clés", "étiquettes", "sujets"),
        "es": ("etiquetas", "temas"), "ru": ("теги", "метки", "темы", "ключевые слова")}),
    Rule("author_bio", 320, anchored=True, case=True, phrases={
        # (?i:...): the rule is case-sensitive for its byline shape, not for these headers
        "en": (r"^(?i:(?:about|meet) the author)\b", r"^(?i:(?:the )?author)$",
               r"^(?i:author bio)\b",
               r"^(?:[Ww]ritten |[Rr]eported |[Pp]osted )?[Bb]y\s+[A-Z][\w.'’-]+"
               r"(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*[,|–—-]\s*[^.!?]{0,50})?$"),
        "de": (r"^(?i:über (?:den autor|die autorin))\b",),
        "fr": (r"^(?i:à propos de l'auteur)\b",),
        "es": (r"^(?i:sobre (?:el autor|la autora))\b",), "ru": (r"^(?i:об авторе)\b",)}),
    Rule("author_bio", 320, anchored=True, case=True, form=rf"^(?:{{}})\s+{datelines.NAME}$",
         phrases={"de": ("[Vv]on",), "fr": ("[Pp]ar",), "es": ("[Pp]or",), "ru": ("[Аа]втор:?",)}),
    Rule("widget", 60, anchored=True, phrases={
        # (?=\D*+\d): every temperature has a digit; one scan rules the others out
        "any": (rf"(?=\D*+\d){TEMPERATURE}", r"^a[+-]$|^a\s*[+-]\s*a\s*[+-]$",
                r"^[a-z]+(?:_[a-z]+)+$",
                # "5 min read", "3 Min. Lesezeit", "5 мин чтения": one pattern
                r"^\d+\s*(?:min(?:ute)?s?|мин\w*)\.?\s*(?:read|de lecture|lesezeit|de lectura|"
                r"чтения)$"),
        "en": (r"^(?:dark|light|night) (?:mode|theme)$",)}),
    Rule("widget", 60, anchored=True, form=r"^(?:{})\b", phrases={
        "en": ("listen to (?:this )?(?:article|story)", "audio version", "text size",
               "font size"),
        "de": ("schriftgröße",), "fr": ("taille du texte",),
        "es": ("tamaño de (?:letra|texto)",), "ru": ("размер шрифта",)}),
    Rule("widget", 60, anchored=True, form=r"^(?:{})\s*:?\s*[\d\s,.]+k?$", phrases={
        "en": ("views?",), "ru": (r"просмотр\w*",), "fr": ("vues?",), "de": ("aufrufe",),
        "es": ("visitas", "lecturas")}),
    Rule("widget", 60, anchored=True, form=r"^[\d\s,.]+k?\s+(?:{})$", phrases={
        "en": ("views?",), "ru": (r"просмотр\w*",), "fr": ("vues",), "de": ("aufrufe",),
        "es": ("visitas", "lecturas")}),
    Rule("widget", 60, anchored=True, form=r"^(?:{})\b.*$", phrases={
        "en": ("reading time",), "de": ("lesezeit",), "fr": ("temps de lecture",),
        "es": ("tiempo de lectura",)}),
    Rule("widget", 80, anchored=True, phrases={"en": (
        r"^(?:was|is) this (?:article|page|post|story|answer|information|content) "
        r"(?:helpful|useful)\b", r"^rate this (?:article|post|page|story)\b",
        r"^how (?:was|would you rate) this (?:article|issue|post|story)\b")}),
    Rule("widget", 60, anchored=True, form=r"^(?:{})\W*$", phrases={
        "en": ("loading", "please wait"), "fr": ("chargement",), "de": ("wird geladen",),
        "es": ("cargando",), "ru": ("загрузка",)}),
    # A loading placeholder naming what loads ("Loading paragraph...", "Loading prices for your
    # region…": wcxb tune 0046, 4674; "Loading Comments..." 0071, 0189).
    Rule("widget", 60, anchored=True, form=r"^(?:{})\b[^.!?…]{0,40}(?:\.\.\.|…)$", phrases={
        "en": ("loading",), "fr": ("chargement",), "de": ("lade|wird geladen",),
        "es": ("cargando",), "ru": ("загрузка|загружа\\w*",)}),
    # A comment section: its header ("3 thoughts on “...”", "Leave a Reply"), a commenter's line
    # ("Jane says:"), the reply links. Body text never continues after the header (`decide`).
    Rule("comments", 160, anchored=True, phrases={
        "en": (r"^(?:\d+|one|two|three)\s+(?:thoughts?|repl(?:y|ies)|responses?|comments?)\s+"
               r"(?:on|to)\b", r"^(?:leave|post|add|write|submit) a (?:comment|reply)\b",
               r"^(?:\d+|no) comments?$|^comments?\s*(?:\(\d+\))?:?$",
               r"^(?:reply|cancel reply|reply to comment|report comment|load more comments)$",
               r"^join the (?:conversation|discussion)\b",
               # the lookahead: only one ":" ends the line (one scan rules most rows out)
               r"^(?=[^.!?:]*+:$)[^.!?:]{1,60}\s+says:$"),
        "fr": (r"^laisser un commentaire$", r"^\d+ commentaires?$", r"^répondre$"),
        "de": (r"^kommentar schreiben$", r"^\d+ kommentare?$", r"^antworten$"),
        "es": (r"^deja un comentario$", r"^\d+ comentarios?$", r"^responder$"),
        "ru": (r"^оставить комментарий$", r"^комментари[йи](?:\s*\(\d+\))?:?$", r"^ответить$"),
        "pt": (r"^\d+ comentários?$", r"^deixe (?:um|seu) comentário$"),
        "it": (r"^\d+ commenti$", r"^lascia un commento$", r"^rispondi$"),
        "tr": (r"^yorumlar(?:\s*\(\d+\))?:?$", r"^\d+ yorum$", r"^yanıtla$"),
        "az": (r"^şərhlər(?:\s*\(\d+\))?:?$", r"^cavab ver$"),
        "hy": (r"^մեկնաբանություններ(?:\s*\(\d+\))?:?$", r"^պատասխանել$"),
        "id": (r"^\d+ komentar$", r"^(?:tinggalkan|tulis) komentar$", r"^balas$"),
        "ja": (r"^コメント(?:\s*[（(]\d+件?[)）])?$", r"^返信$")}),
    Rule("navigation", 140, anchored=True, phrases={
        "en": (r"^(?:previous|next|prev|older|newer)(?: (?:article|post|story|page|entry|news))?"
               r"\s*[»›>]?$", r"^home\s*[>»/|›]"),
        "de": (r"^(?:vorheriger|nächster) (?:artikel|beitrag)\b",),
        "ru": (r"^(?:предыдущая|следующая) (?:статья|новость)",)}),
    Rule("navigation", 140, anchored=True, triggers={"en": ("what are you looking for",)},
         phrases={"en": (r".{0,30}?\bwhat are you looking for\b",)}),
    # A sign-up form's fields and button, each alone on its line.
    Rule("paywall", 60, anchored=True, form=r"^(?:{})\s*[:*]?\s*$", phrases={
        "en": (r"subscribe(?: now| today)?|(?:your )?e-?mail(?: address)?|(?:first|last|full) name|"
               r"name|phone(?: number)?|zip(?: code)?|submit",),
        "de": (r"(?:jetzt )?abonnieren|e-?mail(?:-adresse)?|vorname|nachname|name|absenden",),
        "fr": (r"s'abonner|je m'abonne|(?:adresse )?e-?mail|prénom|nom|envoyer",),
        "es": (r"suscr[ií]b(?:ete|irse)|(?:correo electrónico|e-?mail)|nombre|apellidos?|enviar",),
        "ru": (r"подписаться|e-?mail|имя|фамилия|отправить",)}),
    Rule("navigation", 140, anchored=True, form=r"^(?:{})$", phrases={  # a menu item alone
        "en": (r"home|menu|search|skip to (?:main )?content|log ?in|sign ?in|sign ?up|register|"
               r"log ?out|back to top|to top|close|load more|show more|main menu|contact us|"
               r"about us|privacy policy|terms of (?:use|service)|imprint|impressum|sitemap|rss|"
               r"learn more|get started|view all(?: posts)?|see all",),
        "fr": (r"article (?:précédent|suivant)|accueil|rechercher|"
               r"se connecter|mentions légales|nous contacter",),
        "de": (r"startseite|suche|anmelden|kontakt|"
               r"datenschutz(?:erklärung)?",),
        "es": (r"artículo (?:anterior|siguiente)|inicio|buscar|portada|"
               r"iniciar sesión|contacto",),
        "ru": (r"главная|поиск|войти|контакты",)}),
    # A breadcrumb glued to the title ("HomeWorldAfter four days...").
    Rule("navigation", None, anchored=True, case=True, form=r"^(?:{})(?=[A-ZА-Я])", phrases={
        "en": ("Home",), "fr": ("Accueil",), "de": ("Startseite",), "es": ("Inicio",),
        "ru": ("Главная",)}),
    Rule("share", 80, anchored=True, lowered=True, form=r"^(?:(?:{})[\s|•·,/]*)+$",
         phrases={"any": (SOCIAL_NETWORKS,)}),
    Cues("advert", 900, required=("seeking", "apply"),
         cues={
             "seeking": {"any": (_SEEKING,)},
             "offer": {"en": (r"\bwe offer\b",), "de": (r"\bwir bieten\b",),
                       "fr": (r"\bnous offrons\b",), "es": (r"\bofrecemos\b",),
                       "ru": (r"\bмы предлагаем\b",)},
             "apply": {"en": (r"\bsend (?:your |us )?(?:a )?(?:cv|résumé|resume|application)\b",
                              r"\bcover letter\b")},
             "pay": {"en": (r"\b(?:remuneration|salary|compensation)\b",),
                     "de": (r"\bvergütung\b",), "fr": (r"\brémunération\b",),
                     "es": (r"\bremuneración\b",), "ru": (r"\bоплата\b",)},
             "team": {"en": (r"\bjoin (?:our|the) team\b|\bapply (?:now|today)\b",)},
             "email": {"any": (EMAIL,)}},
         triggers={"en": ("seek", "hiring", "recruit", "looking for", "searching for", "cv",
                          "résumé", "resume", "cover letter", "application"),
                   "fr": ("recrut", "recherch"), "de": ("suchen",), "es": ("busca",),
                   "ru": ("ищ",)}),
    # Consent buttons alone on a line.
    Rule("cookie", 40, anchored=True, lowered=True, case=True, form="^(?:{})$", phrases={
        "en": (r"(?:accept|reject|decline|allow|deny)(?: all)?(?: cookies)?",
               r"manage (?:settings|preferences|cookies|options)", "cookie settings", "i agree",
               "i accept", "got it"),
        "de": ("alle akzeptieren", "akzeptieren", "ablehnen", "einstellungen"),
        "fr": ("tout accepter", "tout refuser", "accepter", "refuser", "paramétrer"),
        "es": (r"aceptar(?: todo)?", r"rechazar(?: todo)?", "configurar"),
        "ru": (r"принять(?: все)?", "отклонить", "настройки")}),
    # A lone lower-case token ("menu", "search", "share_button").
    Rule("navigation", None, anchored=True, case=True,
         phrases={"any": (r"^[a-z][a-z+-]{0,24}$",)}),
)  # fmt: skip

#: Weak evidence of an author bio: "<Name> is a ... journalist" (also true of body sentences).
BIO_SHAPE: dict[str, dict[str, tuple[str, ...]]] = {
    "copula": {"en": ("is", "was", "has been", "works as"), "de": ("ist",), "fr": ("est",),
               "es": ("es",), "ru": ("является",)},
    "article": {"en": ("a", "an", "the", "our"), "de": ("ein", "eine"), "fr": ("un", "une"),
                "es": ("una",)},
    "role": {"en": ("journalist", "reporter", "correspondent", "author", "writer", "editor",
                    "columnist", "contributor", "freelancer", "blogger", "producer",
                    "photographer", "analyst"),
             "de": (r"Journalist\w*", r"Korrespondent\w*", r"Autor\w*", r"Redakteur\w*"),
             "fr": ("journaliste", "correspondante?", r"rédact\w*", "auteure?"),
             "es": ("periodista", "corresponsal", "redactora?"),
             "ru": (r"журналист\w*", r"корреспондент\w*", r"обозревател\w*")},
}  # fmt: skip
BIO_SHAPE_FORM = (
    r"^[A-ZÀ-Ö][\w'’-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Ö][\w'’-]+)){0,3}\s+(?:{copula})\s+(?:{article})?"
    r"\s*(?:[\w-]+,?\s+){0,6}?(?:news\s+)?(?:{role})s?\b"
)

#: An author box below the article (`edges.author_box`): what may precede the writer's name on
#: its line ("About Jane Doe", "Reviewed by Jane Doe"), and the third-person words a paragraph
#: about that person uses ("Jane Doe is ... She has ...").
AUTHOR_BOX: dict[str, dict[str, tuple[str, ...]]] = {
    "lead": {"en": ("about", "meet", r"(?:written |reviewed |posted )?by"), "de": ("über", "von"),
             "fr": ("à propos de", "par"), "es": ("sobre", "por"), "ru": ("об", "автор")},
    "person": {"en": ("he", "she", "his", "her", "him"), "de": ("er", "sie", "sein", "seine",
                                                               "ihr", "ihre"),
               "fr": ("il", "elle", "son", "sa", "ses"), "es": ("él", "ella", "su", "sus"),
               "ru": ("он", "она", "его", "её", "ее")},
}  # fmt: skip
