"""What each segment of a source is, judged by its marker: a section heading, a numbered,
lettered or bulleted item, an agenda entry, a number standing alone, plain text, or noise that is
not part of the text at all (page markers, running headers, host captions, a news site's furniture).
Also the clean text of a line: without footnotes, bookmarks and markdown markup, whitespace folded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum, auto

from kb.parse._layout import Segment, follows

__all__ = ["AGENDA_SLOT_RE", "DATELINE_RE", "DOCUMENT_SYMBOL_RE", "GLYPH_ALONE_RE", "MONTHS", "ORDINALS",
           "SYMBOL_LINE_RE", "Line", "Tok", "classify", "clean", "is_upper"]

_CAP = "A-ZÁÉÍÓÚÑÜ"
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # French but "mars", a word of English prose
    "janvier": 1, "février": 2, "fevrier": 2, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Portuguese, but the months it writes as Spanish does ("abril", "maio" aside, "agosto")
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A line that only dates what it heads: a day, perhaps after a weekday, a place or a label ("News | 4 May 2020",
# "Lima, 24 de septiembre de 2021", "Tuesday, November 12, 2013", "Belén, January 29th, 2015", "10/15/2004").
DATELINE_RE = re.compile(
    rf"^\s*(?:[^\d|]{{1,40}}(?:\||,|\s[-\u2013])\s*)?(?:\d{{1,2}}\s+(?:de\s+)?(?:{_MONTH_NAMES})\s*,?\s+(?:de\s+)?"
    rf"|(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,\s*|\d{{1,2}}/\d{{1,2}}/)(?:19|20)\d{{2}}\.?\s*$",
    re.IGNORECASE)
# "III. AREAS OF CONSENSUS", "A. ORGANIZATION", "A.ORGANIZATION", " 1. BACKGROUND"; an arabic number needs
# its space ("2.3 RESULTS" is not section 2), and a letter is no mark in an abbreviation ("U.S. Department").
_SECTION_RE = re.compile(
    r"^\s*(?:(?P<num>[IVXLC]+|[A-Z])\.(?![A-Z]\.)\s*|(?P<arabic>\d{1,2})\.\s+)(?P<body>[^\s\d].*?)\s*$")
_TITLE_MAX = 100
_CHAPTER_SECTION_RE = re.compile(
    rf"^\s*(?:CAP[ÍI]TULO|Cap[íi]tulo|CHAPTER|Chapter)\s+(?P<num>[IVXL]{{1,5}})\.\s*(?P<body>[{_CAP}].*?)\s*$")
_ROMAN_RE = re.compile(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# "9:00 - 9:30 Welcome", "9:00 a.m. - 9:30 p.m. Registration", or the time slot alone, its entry on the next line.
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.\s?m\.?|\s*[AP]M\b|\s*hrs?\.?)?"
# a slot's first time may keep a stray stop before its dash ("11:30. - 13:00")
_AGENDA_RE = re.compile(rf"^\s*(?P<body>{_TIME}\.?\s*[-\u2013\u2014]\s*{_TIME}(?:\s+\S.*)?)$")
AGENDA_SLOT_RE = re.compile(rf"^\s*{_TIME}\.?\s*[-\u2013\u2014]\s*{_TIME}\s*$")
# "1.", "1)", "1.-", and the ordinal signs of Spanish texts: "1º", "2°.", "3.º"
# A number's stop glued to its item's first word ("1.Approval of the agenda") is a mark as well.
_NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,3})(?:(?:[.)][-\u2013]?|\.?[º°]\.?(?!\s+de\s+(?:enero|febrero|marzo|"
                          r"abril|mayo|junio|julio|agosto|se[pt]{1,2}iembre|octubre|noviembre|diciembre)\b))\s+"
                          rf"|\.(?=(?-i:[{_CAP}][a-záéíóúñ]{{2}}|[{_CAP}]{{4,}}\b)))(?P<body>\S.*)$",
                          re.IGNORECASE)
# "1.1.2 Apply ...", "1.1. Commitments", "1.1." alone (its text on the next line); not "2.5 million".
_DECIMAL_RE = re.compile(rf"^\s*(?P<num>[1-9]\d?(?:\.[1-9]\d?){{1,3}})\.?(?:\s+(?P<body>[¿¡\"“(]?[{_CAP}].*)|\s*)$")
_ARTICLE_RE = re.compile(r"^\s*(?:Art[íi]culo|ART[ÍI]CULO|Article|ARTICLE|Art\.|ART\.)\s+(?P<num>\d{1,3})"
                         rf"(?:\s*[.:º°)\-–]\s*|\s+)(?P<body>[¿¡\"“(]?[{_CAP}].*)$")
# A treaty chapter's article, numbered within its chapter and titled ("Artículo 16.1: Compromisos Comunes", "Article
# 17.2: Application"): a heading over the article's numbered paragraphs.
_CHAPTER_ARTICLE_RE = re.compile(r"^\s*(?:Art[íi]culo|ART[ÍI]CULO|Article|ARTICLE)\s+(?P<num>\d{1,2}\.\d{1,2})"
                                 rf"\s*[:.\-–]?\s+(?P<body>[{_CAP}].*)$")
_JOINING_MAX = 4  # a title's words in lower case are joining words this short ("de", "las", "and", "with")
# An excerpt's opening quotation mark and ellipsis before the number of the paragraph quoted ("“…….22. With ..."),
# and an editor's note that excerpts follow ("[Extracts below]").
_EXCERPT_OPEN_RE = re.compile(r"^\s*[“\"‘]?\s*(?:…|\.{3})[….]*\s*(?=\d)")
_EXCERPTS_NOTE_RE = re.compile(r"^\s*[\[(](?:extracts?|excerpts?|extractos?|fragmentos?)(?:\s+(?:below|follow|"
                               r"a continuaci[óo]n))?[\])]\s*$", re.IGNORECASE)
# A letter alone on its line, its item's text on the next ("a)" / "coordinar la implementación ...").
_LETTER_ONLY_RE = re.compile(r"^\s*(?:\((?P<num>[a-z]|ii|iii|iv|vi|vii|viii|ix|xi|xii)\)|"
                             r"(?P<alt>[a-z]|ii|iii|iv|vi|vii|viii|ix|xi|xii)[.)])\s*$")
_NUMBER_ONLY_RE = re.compile(r"^\s*(?P<num>\d{1,3})(?P<dot>[.)]?)\s*$")
# A letter's parenthesis glued to its item's first word, a capital and lower case ("a)To draw up ..."), is a mark as
# well; not its stop ("j.Martinez@...", an address).
_LETTERED_RE = re.compile(r"^\s*(?:\((?P<num>[a-z]|ii|iii|iv|vi|vii|viii|ix|xi|xii)\)|"
                          r"(?P<alt>[a-z]|ii|iii|iv|vi|vii|viii|ix|xi|xii)[.)])"
                          rf"(?:\s+|(?<=\))(?=[{_CAP}][a-záéíóúñ]))(?P<body>\S.*)$")
# A bullet glyph a conversion lost prints as U+FFFD, or as its UTF-8 bytes read in code page 850.
_LOST_GLYPH = "\ufffd|\u00b4\u2510\u017b"
_GLYPHS = rf"[·•*▪●◦‣■□♦➢➤✓○§\uf0b7\uf0a7\uf076\uf0d8-]|{_LOST_GLYPH}"
# An en dash (U+2013) marks an item too, before a capital only ("Agree on ...", or glued: "Name a ..."), as a word
# processor's list prints it; one opening a wrapped line in mid-sentence (before "and its Chair") does not, nor one
# opening an aside the line closes with another en dash before the sentence goes on in lower case (Spanish glues
# them to the aside's words, English spaces them).
_BULLET_RE = re.compile(rf"^(?P<indent>[ \t]*)(?:(?:{_GLYPHS})\s+|"
                        rf"-(?=[{_CAP}])|\u2013\s*(?=[¿¡\"“(]?[{_CAP}])(?![^\u2013]{{1,80}}\u2013\s*[a-záéíóúñ,;]))"
                        r"(?P<body>\S.*)$")
# A bullet whose text the conversion put on the next line (a "*" alone marks a footnote).
GLYPH_ALONE_RE = re.compile(rf"^\s*(?:[·•▪●◦‣■□♦➢➤✓○§\uf0b7\uf0a7\uf076\uf0d8-]|{_LOST_GLYPH})\s*$")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Page markers and page captions: "- 2 -", "-2-", "Page 3 of 9", "Página 3 de 9", "Page 2: ..."
# (document hosts caption each page with its first words).
_PAGE_MARKER_RE = re.compile(
    r"^\s*(?:[-\u2013\u2014]\s*\d{1,3}\s*[-\u2013\u2014]|(?:page|p[áa]gina|p[áa]g\.)\s*\d{1,3}"
    r"(?:\s*(?:of|de)\s*\d{1,3})?)\s*$", re.IGNORECASE)
_PAGE_CAPTION_RE = re.compile(r"^\s*(?:Page|Página)\s+\d{1,3}\s*:\s")
# A document host's furniture: a pager ("1 2 3 ... 28"), a file's size ("Download 0.58 Mb."), a page
# count ("Página19/30", "Total Page:16"), a conversion date.
_HOST_FURNITURE_RE = re.compile(
    r"^\s*(?:(?:\d{1,3}[\s\u00a0.…]+){3,}\d{1,3}\s*$|"
    r"(?:download|descargar|size|tamaño|file type|total page|памер)\b[^a-z]{0,6}[\d.,]+\s*(?:mb|kb)?\.?\s*$|"
    r"(?:size|tamaño|descargar|download)\s*:?\s*[\d.,]+\s*(?:mb|kb)\b.*$|"
    r"(?:p[áa]gina|page|старонка)\s*\d{1,4}\s*/\s*\d{1,4}\s*$|"
    r"(?:fecha de conversi[óo]n|дата канвертавання|post on|upload:|category:)\s*\S*\s*$|"
    r"\d+\s+(?:views|download)s?\s*$|(?:show more|show less|create successful epaper yourself)\s*$|"
    r"turn your pdf publications into a flip-book\b.*$|"
    r"(?:english|español|espanol|français|francais|português|portugues)\s+-\s*$|"  # a language menu
    r".{1,80}\s(?:>>|»)\s*$|"  # a link to another page ("Presentations of Working Group 1 >>")
    # a link back up the page ("Regresar al Indice", "Back to top"), a theme's label naming its control ("Back to
    # top button")
    r"(?:regresar|volver|back|return|voltar|retour)\s+(?:al|a la|to|to the|ao|à la|au)\s+(?:[íi]ndice|index|inicio|"
    r"top|home|arriba|sommaire|topo|contents?)(?:\s+(?:button|link|bot[óo]n|enlace))?\s*$|"
    r"[^|]{1,80}\d\s?(?:kb|mb)\s*$|"  # a link to a file, its size after its name ("PDF icon Agenda 345.03 KB")
    # a document host's buttons and counters over its copy ("• Upload", "Embed Size (px)", "Citation preview",
    # "Extrait") and its fields of the file ("Publié par", "Nombre de lectures 18", "Langue Español")
    r"(?:[•▪]\s*)?(?:upload|view|download)\s*$|embed size\s*\(px\)\s*$|citation preview\s*$|extrait\s*$|"
    r"(?:nombre de lectures|number of (?:reads|views)|n[úu]mero de lecturas)\s*:?\s*\d+\s*$|publi[ée] par\s*$|"
    r"(?:langue|language|idioma|l[íi]ngua)\s*:?\s*(?:español|espanol|english|français|francais|português|portugues)\s*$|"
    # a slide host's captions around the deck
    r"presentation is loading\.?\s*please wait\.?\s*$|similar presentations\s*$|presentation on theme:.*$|"
    r"[\s-]*E N D[\s-]*$|"
    # a news site's: a link to another story ("Lee también: ..."), a photo's credit alone or ending its caption,
    # an image's file name, a label its value left ("Etiquetas:", "ESCRITO POR:"), the comments' box, an empty box
    # of related stories ("No posts to display")
    r"(?:puedes leer|lee también|lea también|te puede interesar|le puede interesar|read also|also read|read more|"
    r"leia também|veja também)\s*:\s*\S.*$|"
    r"(?:photo|foto|fotografía|photo credit|crédito de foto)\s*:\s*\S[^.]{0,60}\.?\s*$|"
    r".{20,}\b(?:photo credit|crédito de foto|foto)\s*:\s*[^.]{1,60}\.?\s*$|"
    r"[\w.-]+\.(?:jpe?g|png|gif|webp)\s*$|(?:en la (?:imagen|foto(?:graf[íi]a)?)|in the photo|pictured)\b.*$|"
    r"(?:etiquetas|tags|archivado en|filed under|escrito por|written by|posted by|publicado por|fuente|source)\s*:\s*$|"
    r"(?:read more|leer m[áa]s|ver m[áa]s|continue reading|seguir leyendo|leia mais|saiba mais|lire la suite)"
    r"\s*(?:>>|»|\.\.\.|…)?\s*$|"
    r"no hay comentarios\s*:?\s*$|publicar un comentario\s*$|(?:no comments|post a comment|leave a comment)\s*$|"
    r"(?:no posts to display|no hay publicaciones para mostrar)\s*$)",
    re.IGNORECASE)
# A table-of-contents entry: a dot or ellipsis leader, or a title ending in a page number.
_LEADER_RE = re.compile(r"(?:\.\s?){4,}|…{2,}|…[\s.]*\d{1,3}\s*$|…\s*$|\t\s*\d{1,3}\s*$|\S\s{2,}\d{1,3}\s*$"
                        r"|\bP\.\s*\d{1,3}\s*$")

_CELL_BARS_RE = re.compile(r"^[\s|]*\|[\s|]*$")  # only a table's cell bars: "|", "| |"


# A site's menu glued onto one line, from its home page's link on ("Home Page of the OAS Español Search Secretary
# for Legal Affairs ..."): words in capitals but for a few joining words, no stop, a search box and a language among
# them (one such word is a headline's: "Home Workers Search For Fair Pay ...").
_MENU_HOME_RE = re.compile(r"^\s*(?:Home|Inicio|Início|Accueil)\b")
_MENU_WORD_RE = re.compile(r"\b(?:Search|Buscar|Pesquisar|Rechercher|Español|English|Français|Português|Sitemap|"
                           r"Site Map|Mapa del sitio|Contact Us|Contáctenos)\b")
_MENU_JOINERS = frozenset("of the for and & de del la las los y e du des et da do".split())
_MENU_MIN_WORDS = 8
_MENU_WORDS = 2  # a menu's distinct words of the kind (a search box, a language)


def _site_menu(content: str) -> bool:
    """Whether a line is a site's menu glued onto one line (see ``_MENU_HOME_RE``)."""
    words = content.split()
    return (len(words) >= _MENU_MIN_WORDS and bool(_MENU_HOME_RE.match(content))
            and len(set(_MENU_WORD_RE.findall(content))) >= _MENU_WORDS
            and not re.search(r"[.!?](?:\s|$)", content)
            and all(w.lstrip("(")[:1].isupper() or w in _MENU_JOINERS for w in words))


_RULE_LINE_RE = re.compile(r"^\s*_{5,}\s*$")  # a rule typed as underscores (over a page's notes): no words
FOOTNOTE_LINE_RE = re.compile(r"^\s*(?:\[\d+:\s[^\]]*\]\s*)+$")  # only footnotes' text, "[1:  ...]"
_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[footnoteRef:\d+\]"), ""),
    (re.compile(r"\[\d+:\s[^\]]*\]"), ""),  # an inline footnote body, "[2:  Author (2022).]"
    (re.compile(r"\[bookmark:[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a markdown link keeps its label
    # emphasis marks, not a run of asterisks printed as such ("the States ***** and ...": a blank to fill)
    (re.compile(r"(?<!\*)\*\*\*(?=\S)([^*]+?)(?<=\S)\*\*\*(?!\*)"), r"\1"),
    (re.compile(r"(?<!\*)\*\*(?!\*)"), ""),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
)


class Tok(Enum):
    """What a line is, judged by its marker."""

    BLANK = auto()  # nothing left once markup is removed (bookmarks, whitespace)
    NOISE = auto()  # not part of the text: page markers, running headers, host captions
    SECTION = auto()
    AGENDA = auto()
    NUMBERED = auto()
    DECIMAL = auto()  # "1.1.2 Aplicar ...", "1.1." alone: a number of a numbered outline, its levels joined by dots
    NUMBER_ONLY = auto()  # "1." or "1" alone: a paragraph number printed on its own line, or a page number
    LETTERED = auto()
    BULLET = auto()
    TEXT = auto()
    TABLE = auto()  # only ever a block: the lines of a markdown table


@dataclass(frozen=True)
class Line:
    no: int  # 1-based physical line number
    start: int  # offset of the first non-blank character
    end: int  # offset just after the last non-blank character
    raw: str  # the segment, without its line end
    tok: Tok
    text: str  # clean text of the whole segment
    body: str  # clean text after the marker (the whole segment for plain text)
    num: str = ""  # section or paragraph number, or letter, as printed
    indent: int = 0  # columns before a bullet marker (tabs count 4)
    styles: frozenset[str] = frozenset()  # of a section number: roman, arabic, letter
    leader: bool = False  # looks like a table-of-contents entry
    inline: bool = False  # cut out of a longer physical line
    heading: bool = False  # a slide's title, heading what follows it
    slide: bool = False  # a slide's first part (after the deck's title slide), titled or not
    quoted: bool = False  # a line of the text a forwarded message quotes
    article: bool = False  # numbered as an article ("Artículo 1.", "Article 2:")


def clean(text: str) -> str:
    """Text without footnotes, bookmarks and markdown markup, whitespace folded."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _is_title(text: str, *, long: bool = False) -> bool:
    """A heading in mixed case: short, capitalised, no closing full stop (``long``: up to twice as long, for a
    heading whose mark follows a heading's: "B. Hemispheric Workshop on ... (Panama City, March 2024)")."""
    scale = 2 if long else 1
    return (len(text) <= scale * _TITLE_MAX and text[:1].isupper() and not text.endswith((".", ";", ","))
            and len(text.split()) <= scale * 14)


def _styles(num: str) -> frozenset[str]:
    if num.isdigit():
        return frozenset({"arabic"})
    roman = bool(_ROMAN_RE.match(num))
    if len(num) == 1:
        return frozenset({"letter", "roman"}) if roman else frozenset({"letter"})
    return frozenset({"roman"}) if roman else frozenset()


def _classify(segment: Segment, raw: str) -> Line:
    content = raw.rstrip()
    quoted = 0
    if (m := _EXCERPT_OPEN_RE.match(content)) and _NUMBERED_RE.match(content[m.end():]):
        quoted = m.end() - (len(content) - len(content.lstrip()))  # the paragraph begins at its number
        content = " " * m.end() + content[m.end():]
    start = segment.start + len(content) - len(content.lstrip())
    text = clean(content)
    line = Line(segment.no, start, segment.start + len(content), raw, Tok.TEXT, text, text,
                leader=bool(_LEADER_RE.search(content)), inline=segment.inline, heading=segment.heading,
                slide=segment.slide, quoted=segment.quoted)
    if not text or _CELL_BARS_RE.match(content):
        # a table flattened one cell a line keeps its cell bars alone on their lines: breaks between cells
        return replace(line, tok=Tok.BLANK)
    if (_PAGE_MARKER_RE.match(content) or _PAGE_CAPTION_RE.match(content) or _HOST_FURNITURE_RE.match(content)
            or _site_menu(content)
            or _RULE_LINE_RE.match(content) or _EXCERPTS_NOTE_RE.match(content)):
        return replace(line, tok=Tok.NOISE)
    if (m := _CHAPTER_ARTICLE_RE.match(content)) and _is_title(clean(m["body"])) and all(
            len(w) <= _JOINING_MAX for w in m["body"].split() if w[:1].islower()):  # a title, not a wrapped sentence
        return replace(line, tok=Tok.SECTION, body=clean(m["body"]), num=m["num"], styles=frozenset({"article"}))
    if m := _DECIMAL_RE.match(content):
        return replace(line, tok=Tok.DECIMAL, body=clean(m["body"] or ""), num=m["num"])
    if m := _ARTICLE_RE.match(content):
        return replace(line, tok=Tok.NUMBERED, body=clean(m["body"]), num=m["num"], article=True)
    if m := _LETTER_ONLY_RE.match(content):
        return replace(line, tok=Tok.LETTERED, body="", num=m["num"] or m["alt"])
    if m := _NUMBER_ONLY_RE.match(content):
        return replace(line, tok=Tok.NUMBER_ONLY, body="", num=m["num"] + m["dot"])
    if (m := _CHAPTER_SECTION_RE.match(content)) and (is_upper(m["body"]) or _is_title(clean(m["body"]))):
        num = m["num"]  # "CAPÍTULO I. PARTICIPANTES": the chapter's numeral, its word before it
        return replace(line, tok=Tok.SECTION, body=clean(m["body"]), num=num, styles=_styles(num))
    if m := _SECTION_RE.match(content):
        num, body = m["num"] or m["arabic"], clean(m["body"])
        styles = _styles(num)
        if styles and is_upper(body) and not body.endswith(".") and len(body.split()) <= 25:
            return replace(line, tok=Tok.SECTION, body=body, num=num, styles=styles)
        if m["num"] and styles and _is_title(body):
            # "A. Ejecución del Plan de Acción: Organización", "I. Background:"
            return replace(line, tok=Tok.SECTION, body=body, num=num, styles=styles)
    if m := _AGENDA_RE.match(content):
        return replace(line, tok=Tok.AGENDA, body=clean(m["body"]))
    if m := _NUMBERED_RE.match(content):
        indent = len(content[:len(content) - len(content.lstrip())].expandtabs(4)) - quoted
        return replace(line, tok=Tok.NUMBERED, body=clean(m["body"]), num=m["num"], indent=indent)
    if m := _LETTERED_RE.match(content):
        return replace(line, tok=Tok.LETTERED, body=clean(m["body"]), num=m["num"] or m["alt"])
    if m := _BULLET_RE.match(content):
        indent = len(m["indent"].expandtabs(4))
        # a host's bullet over an item that keeps its letter ("• b. Ensuring ..."): the letter marks the item
        if (lettered := _LETTERED_RE.match(m["body"])) and lettered["body"][:1].isupper():
            return replace(line, tok=Tok.LETTERED, body=clean(lettered["body"]),
                           num=lettered["num"] or lettered["alt"], indent=indent)
        return replace(line, tok=Tok.BULLET, body=clean(m["body"]), indent=indent)
    return line


# A word processor's table of one column saved as text, each row a line between cell bars ("|I. BACKGROUND |"),
# with no rule under a header row: the bars frame the text of the page, not a table's cells.
_ONE_CELL_RE = re.compile(r"^(?P<lead>\s*)\|(?P<cell>[^|]*\S[^|]*)\|(?P<trail>\s*)$")
_ONE_CELL_ROWS = 5


def classify(text: str, segments: list[Segment]) -> list[Line]:
    """Every segment classified; running headers (a short line repeated next to page markers)
    become noise; a section mark alone on a line ("I.", "CAPÍTULO I") makes a heading with the line after it."""
    raws = [text[s.start:s.end] for s in segments]
    if sum(bool(_ONE_CELL_RE.match(raw)) for raw in raws) >= _ONE_CELL_ROWS and not any(
            TABLE_RULE_RE.match(raw) for raw in raws):
        raws = [_ONE_CELL_RE.sub(r" \g<cell> ", raw) for raw in raws]  # the same length: offsets hold
    lines = [_classify(s, raw) for s, raw in zip(segments, raws, strict=True)]
    lines = _dashed_items(_ad_slots(_attributions(lines)))
    return _marks_alone(text, _running_headers(_long_headings(_bare_roman_headings(lines))))


# A news site's label over an advertisement's slot, alone on its line between paragraphs ("Publicidad").
_AD_SLOT_RE = re.compile(r"^\s*(?:publicidad|publicidade|publicité|advertisement|anuncio)\s*$", re.IGNORECASE)
_ABOUT_ADS_RE = re.compile(r"\b(?:publicit|publicidad|publicidade|publicité|advertis|anunci)", re.IGNORECASE)


def _ad_slots(lines: list[Line]) -> list[Line]:
    """The label of an advertisement's slot is no heading: it is noise, unless the text under it speaks of
    publicity or advertising (a part headed "Publicidad" in a text about it)."""
    out = list(lines)
    for i, line in enumerate(out):
        if line.tok is not Tok.TEXT or line.inline or not _AD_SLOT_RE.match(line.raw):
            continue
        under = next((x for x in out[i + 1:] if x.tok not in (Tok.BLANK, Tok.NOISE)), None)
        if under is None or not _ABOUT_ADS_RE.search(under.text):
            out[i] = replace(line, tok=Tok.NOISE)
    return out


_DASH_LOWER_RE = re.compile(r"^\s*\u2013\s+(?P<body>[a-záéíóúñ].*)$")


def _dashed_items(lines: list[Line]) -> list[Line]:
    """An en dash before a word in lower case, opening a line after a blank line, under an item an en dash marks
    ("Deepening ties with ... for more" / "" / "student and teacher exchanges ..."): an item of the same list,
    the host having cut one in two, not a wrapped line in mid-sentence (which has no blank line over it)."""
    out = list(lines)
    for k in range(2, len(out)):
        line = out[k]
        m = _DASH_LOWER_RE.match(line.raw) if line.tok is Tok.TEXT and not line.inline else None
        if m is None or out[k - 1].tok is not Tok.BLANK:
            continue
        above = next((x for x in reversed(out[:k]) if x.tok is not Tok.BLANK), None)
        if above is not None and above.tok is Tok.BULLET and above.raw.lstrip().startswith("\u2013"):
            out[k] = replace(line, tok=Tok.BULLET, body=clean(m["body"]), indent=0)
    return out


_QUOTE_END = ("”", "\"", "»", "’")


def _attributions(lines: list[Line]) -> list[Line]:
    """An en dash opening the line right under a quotation (no blank line between) names who said it (the
    minister under the words quoted): the line is text, no item of a list."""
    out = list(lines)
    for k in range(1, len(out)):
        line, above = out[k], out[k - 1]
        if (line.tok is Tok.BULLET and line.raw.lstrip().startswith("\u2013") and above.tok is not Tok.BLANK
                and above.no == line.no - 1 and above.text.rstrip(".").endswith(_QUOTE_END)):
            out[k] = replace(line, tok=Tok.TEXT, body=line.text, indent=0)
    return out


# A roman numeral and a heading in capitals without the numeral's stop ("I ANTECEDENTES").
_BARE_ROMAN_RE = re.compile(rf"^\s*(?P<num>[IVX]{{1,4}})\s+(?P<body>[{_CAP}][{_CAP}\s,-]*[{_CAP}])\s*$")


def _bare_roman_headings(lines: list[Line]) -> list[Line]:
    """A heading in capitals after a roman numeral printed without its stop ("I ANTECEDENTES"), when the next
    section heading is the next numeral ("II. SEDE Y FECHA"): a section of the same run."""
    out = list(lines)
    for i, line in enumerate(out):
        m = _BARE_ROMAN_RE.match(line.raw) if line.tok is Tok.TEXT and not line.inline else None
        if m is None or not _ROMAN_RE.match(m["num"]):
            continue
        after = next((x for x in out[i + 1:] if x.tok is Tok.SECTION), None)
        if after is not None and "roman" in after.styles and follows(after.num, m["num"]):
            out[i] = replace(line, tok=Tok.SECTION, body=clean(m["body"]), num=m["num"], styles=_styles(m["num"]))
    return out


def _long_headings(lines: list[Line]) -> list[Line]:
    """A long heading in mixed case whose letter is the next after the heading before it ("A. Intersectoral
    Workshop ..." then "B. Hemispheric Workshop on ... (Panama City, March 2024)"): a heading too."""
    out = list(lines)
    last = ""
    for i, line in enumerate(out):
        if line.tok is Tok.SECTION and len(line.num) == 1:
            last = line.num
        elif line.tok is Tok.TEXT and last and not line.inline and (m := _SECTION_RE.match(line.raw)) and m["num"] \
                and len(m["num"]) == 1 and follows(m["num"], last) and _is_title(clean(m["body"]), long=True):
            out[i] = replace(line, tok=Tok.SECTION, body=clean(m["body"]), num=m["num"], styles=_styles(m["num"]))
            last = m["num"]
    return out


# A chapter's number may be an ordinal in words ("CAPITULO SEGUNDO" / "Sesión Preliminar").
ORDINALS = {
    "primero": 1, "segundo": 2, "tercero": 3, "cuarto": 4, "quinto": 5, "sexto": 6, "séptimo": 7, "septimo": 7,
    "octavo": 8, "noveno": 9, "décimo": 10, "decimo": 10,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MARK_ALONE_RE = re.compile(
    r"^\s*(?:(?:CAP[IÍ]TULO|Cap[ií]tulo|CHAPTER|Chapter)\s+(?P<chapter>[IVXL]{1,5})\.?|(?P<num>[IVXL]{1,5}|[A-H])\.|"
    rf"(?i:cap[ií]tulo|chapter)\s+(?P<ordinal>(?i:{_ORDINAL_WORDS}))\.?|"
    # a part within a chapter ("Sección II" / "El Presidente Permanente")
    r"(?:SECCI[OÓ]N|Secci[oó]n|SECTION|Section)\s+(?P<part>[IVXL]{1,5}|\d{1,2})\.?|"
    # an article's number over its title ("Article 43" / "Working Committees"), its text on the lines after
    r"(?:ART[IÍ]CULO|Art[ií]culo|ARTICLE|Article)\s+(?P<article>\d{1,3})\.?|"
    r"(?P<bare>[IVXL]{1,5}))\s*$")  # a roman numeral heads without its stop too ("II" / "DESARROLLO ...")


def _marks_alone(text: str, lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    skip = -1
    # a chapter numbered in words is one of a run ("CAPITULO PRIMERO", "CAPITULO SEGUNDO"); one alone may be the
    # title of a chapter printed by itself ("Chapter Four" / "Services")
    ordinals = {ORDINALS[m["ordinal"].lower()] for line in lines
                if line.tok is Tok.TEXT and (m := _MARK_ALONE_RE.match(line.raw)) and m["ordinal"]}
    for i, line in enumerate(lines):
        if i == skip:
            continue
        m = _MARK_ALONE_RE.match(line.raw) if line.tok is Tok.TEXT else None
        if m and m["ordinal"] and not {ORDINALS[m["ordinal"].lower()] + d for d in (-1, 1)} & ordinals:
            m = None
        num = (m["num"] or m["chapter"] or m["bare"] or m["ordinal"] or m["part"] or m["article"]) if m else ""
        worded = bool(m and (m["chapter"] or m["ordinal"] or m["part"] or m["article"]))  # a word names the mark
        following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].tok is not Tok.BLANK), None)
        title = lines[following].text if following is not None else ""
        wrapped = listed = False
        if following is not None:  # a title is no first line of prose wrapped onto the next
            after = next((x for x in lines[following + 1:] if x.tok is not Tok.BLANK), None)
            wrapped = after is not None and after.no == lines[following].no + 1 and after.text[:1].islower()
            # nor a name of a list of them, one a line ("ARTICLE 19" / "Human Rights Watch" / "Amnesty ...")
            listed = bool(m and (m["ordinal"] or m["part"] or m["article"]) and after is not None
                          and after.tok is Tok.TEXT and _is_title(after.text) and not _MARK_ALONE_RE.match(after.raw))
        # a title, not another mark of a list of them ("Article 3" / "Article 7": the articles a text amends)
        titled = is_upper(title) or (worded and title[:1].isupper() and title[-1:] not in ".;,:" and not wrapped
                                     and not listed and not _MARK_ALONE_RE.match(title))
        if m and following is not None and lines[following].tok is Tok.TEXT and titled and len(title) <= _TITLE_MAX:
            heading = lines[following]
            styles = (frozenset({"ordinal"}) if m["ordinal"] else frozenset({"article"}) if m["article"]
                      else _styles(num) | {"part"} if m["part"] else _styles(num))
            out.append(replace(line, end=heading.end, raw=text[line.start:heading.end], tok=Tok.SECTION,
                               text=f"{num}. {heading.text}", body=heading.text, num=num, styles=styles))
            out += [replace(x, tok=Tok.BLANK) for x in lines[i + 1:following]]
            skip = following
            continue
        out.append(line)
    return out


_BLOCK_LINES = 3
_COVER_LINES = 20  # a cover's title block is printed within the first lines with text


# A line that is only a document symbol ("OEA/Ser.K/XII.18.1", "CIMT/doc.5/19 rev. 1 add. 2").
SYMBOL_LINE_RE = re.compile(r"^[A-Z]{2,}[A-Za-z]*(?:/[\w.\-()]+(?: (?:rev|corr|add)\. ?\d+)*)+$")
# The same, spaced as a resolution's or a paper's is printed, its session after it ("CIM/RES. 194 (XXIX-O/98)",
# "AG/RES. 1809 (XXXI-O/01)", "CIDI/RME/doc. 5/40 rev. 1").
DOCUMENT_SYMBOL_RE = re.compile(
    r"^(?:[A-Z][A-Z0-9\-]{1,24}\s?/\s?)+(?:doc|DOC|DEC|Dec|RES|Res|INF|Inf|inf)\.{0,2}\s?\d{1,4}\s?(?:/\s?\d{2,4})?"
    r"(?:\s*\([^()]{1,20}\))?(?:,?\s*(?:rev|Rev|REV|corr|Corr|CORR|add|Add|ADD)\.?\s?\d{1,2})*$")


def _repeated_blocks(lines: list[Line]) -> set[int]:
    """The lines (indices) of the cover's title block, which opens the text, and of its copy printed
    again, in the same order, right after a page marker: at least three lines in a row."""
    shown = [i for i, line in enumerate(lines) if line.tok is not Tok.BLANK]
    at: dict[str, list[int]] = {}
    for j, i in enumerate(shown[:_COVER_LINES]):
        if lines[i].tok in (Tok.TEXT, Tok.SECTION) and len(lines[i].text) <= 100:
            at.setdefault(lines[i].text, []).append(j)
    out: set[int] = set()
    for m, i in enumerate(shown):
        if lines[i].tok is not Tok.NOISE or m + 1 >= len(shown):
            continue
        after = shown[m + 1:m + 1 + 4 * _BLOCK_LINES]
        for j in at.get(lines[after[0]].text, []):
            k = 0
            while (j + k < min(m, _COVER_LINES) and k < len(after)
                   and lines[shown[j + k]].tok in (Tok.TEXT, Tok.SECTION)
                   and lines[shown[j + k]].text == lines[after[k]].text):
                k += 1
            if k >= _BLOCK_LINES:
                out.update(shown[j:j + k])
                out.update(after[:k])
    return out


def _running_headers(lines: list[Line]) -> list[Line]:
    """A short line printed at least twice, each time next to a page marker, is a running header; so
    is a block printed again after a page marker (see ``_repeated_blocks``)."""
    near_marker: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if line.tok in (Tok.TEXT, Tok.SECTION) and len(line.text) <= 100:
            around = [lines[j] for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i]
            if any(other.tok is Tok.NOISE for other in around):
                near_marker[line.text] += 1
    cover = {line.text for line in [x for x in lines if x.tok is not Tok.BLANK][:_COVER_LINES]}
    # printed twice next to a page marker, or once when it is the cover's symbol ("OEA/Ser.L/XX.1.11")
    headers = {text for text, count in near_marker.items()
               if count >= 2 or (text in cover and SYMBOL_LINE_RE.match(text) is not None)}
    # the cover's symbol alone on a line again further on, page marker or not: the head of a page
    symbols = [(i, line.text) for i, line in enumerate(lines) if line.tok is Tok.TEXT and line.text in cover
               and SYMBOL_LINE_RE.match(line.text) is not None]
    first: dict[str, int] = {}
    again = {i for i, text in symbols if first.setdefault(text, i) != i}
    blocks = _repeated_blocks(lines) | again
    if not headers and not blocks:
        return lines
    return [replace(line, tok=Tok.NOISE) if line.tok in (Tok.TEXT, Tok.SECTION) and (
        line.text in headers or i in blocks) else line for i, line in enumerate(lines)]
