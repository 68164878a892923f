"""What the library says of a status, in English and Spanish: the one place holding its sentences.

It owns the words of a status for people: the display names of the status values
(:data:`STATUS_NAMES`; the web pages take theirs from here), the explanation of an assessment
(:func:`explanation`, behind :meth:`kb.rules.Assessment.explanation`), the pieces of a status's
one-line reason (:func:`say`, used by :func:`kb.status.status_reason`), the words `kb why`,
`kb status` and `kb trace` print around them (:func:`say` too), and the names of the kinds of bodies
(:data:`BODY_TYPE_NAMES`, :func:`body_type_name`). Everything a sentence says in a
language is held here, both languages side by side, so that a Spanish phrasing is never missing
for an English one (a test checks every entry has both). Status values, rule names, link types and
slugs are identifiers: a sentence names them as they are, except a status value, said by its
display name (``sin evidencia``). It imports only :mod:`kb.errors`: the modules that speak import it.
"""

from __future__ import annotations

from kb.errors import InputError

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"

# How a status value is said (DESIGN.md section 4); the value itself never changes (IRIs, the API, SPARQL).
STATUS_NAMES: dict[str, dict[str, str]] = {
    "no-evidence": {"en": "no-evidence", "es": "sin evidencia"},
    "partly-addressed": {"en": "partly-addressed", "es": "atendido en parte"},
    "addressed": {"en": "addressed", "es": "atendido"},
    "fulfilled": {"en": "fulfilled", "es": "cumplido"},
    "active": {"en": "active", "es": "vigente"},
    "carried-forward": {"en": "carried-forward", "es": "retomado"},
    "superseded": {"en": "superseded", "es": "sustituido"},
    "adopted": {"en": "adopted", "es": "adoptado"},
    "pending": {"en": "pending", "es": "pendiente"},
    "not-adopted": {"en": "not-adopted", "es": "no adoptado"},
}

# How the kinds of bodies that annotations/bodies.yaml declares (``type:``) are said; the value itself is what the
# graph holds (kb:bodyType). A type not here is said as it is written.
BODY_TYPE_NAMES: dict[str, dict[str, str]] = {
    "advisory-body": {"en": "advisory body", "es": "órgano consultivo"},
    "class-of-bodies": {"en": "class of bodies", "es": "categoría de órganos"},
    "commission": {"en": "commission", "es": "comisión"},
    "company": {"en": "company", "es": "empresa"},
    "council": {"en": "council", "es": "consejo"},
    "employers-organisation": {"en": "employers' organisation", "es": "organización de empleadores"},
    "foundation": {"en": "foundation", "es": "fundación"},
    "inter-american-commission": {"en": "inter-American commission", "es": "comisión interamericana"},
    "inter-american-committee": {"en": "inter-American committee", "es": "comité interamericano"},
    "intergovernmental-process": {"en": "intergovernmental process", "es": "proceso intergubernamental"},
    "international-organisation": {"en": "international organisation", "es": "organización internacional"},
    "ministerial-conference": {"en": "ministerial conference", "es": "conferencia ministerial"},
    "ministry": {"en": "ministry", "es": "ministerio"},
    "network": {"en": "network", "es": "red"},
    "online-training-platform": {"en": "online training platform", "es": "plataforma de formación en línea"},
    "secretariat": {"en": "secretariat", "es": "secretaría"},
    "treaty-follow-up-mechanism": {"en": "treaty follow-up mechanism", "es": "mecanismo de seguimiento de un tratado"},
    "working-group": {"en": "working group", "es": "grupo de trabajo"},
}

SENTENCES: dict[str, dict[str, str]] = {
    # --- the explanation of one assessment ----------------------------------------------------------
    "explanation.links": {
        "en": "{value} as of {date} by rule {rule}: {links} trace link(s) and {quotes} quote(s) known by then "
              "decided it",
        "es": "{value} a la fecha del {date} según la regla {rule}: lo decidieron {links} vínculo(s) de "
              "trazabilidad y {quotes} cita(s) conocidos a esa fecha"},
    "explanation.basis": {
        "en": "{value} as of {date} by rule {rule}: {names} is known by then",
        "es": "{value} a la fecha del {date} según la regla {rule}: {names} consta a esa fecha"},
    "explanation.fallback": {
        "en": "{value} as of {date} by rule {rule}: no earlier rule applied",
        "es": "{value} a la fecha del {date} según la regla {rule}: no se aplicó ninguna regla anterior"},
    # --- the one-line reason of a status ------------------------------------------------------------
    "reason.answered": {"en": "answered by {names}", "es": "respondido por {names}"},
    "reason.answered_in_part": {"en": "answered in part by {names}", "es": "respondido en parte por {names}"},
    "reason.carried_forward": {"en": "carried forward by {names}", "es": "retomado por {names}"},
    "reason.adopted": {"en": "adopted by {names}", "es": "adoptado por {names}"},
    "reason.through": {"en": "{value} through {provision}: {answer}",
                       "es": "{value} a través de {provision}: {answer}"},
    "reason.superseded": {"en": "superseded by {names}", "es": "sustituido por {names}"},
    "reason.no_response": {"en": "no response recorded by {date}", "es": "ninguna respuesta registrada al {date}"},
    # --- kb why ---------------------------------------------------------------------------------------
    "why.heading": {"en": "{document} {eid} ({kind}{number}) as of {date}",
                    "es": "{document} {eid} ({kind}{number}) a la fecha del {date}"},
    "why.dimension": {"en": "{dimension}: {value}  (rule {rule}: {title})",
                      "es": "{dimension}: {value}  (regla {rule})"},  # a rule's title is in English only
    "why.link": {"en": "{label} {type} {to} (known by {date}) [{link}]",
                 "es": "{label} {type} {to} (conocido al {date}) [{link}]"},
    "why.this": {"en": "this", "es": "este elemento"},
    "why.quote": {"en": "“{text}” ({document}, {date}, characters {start}-{end})",
                  "es": "“{text}” ({document}, {date}, caracteres {start}-{end})"},
    "why.basis": {"en": "decided by the existence of {basis}", "es": "decidido por la existencia de {basis}"},
    "why.no_link": {"en": "curators' note (no link found): {note}",
                    "es": "nota de los curadores (no se halló vínculo): {note}"},
    "kind.Mandate": {"en": "Mandate", "es": "mandato"},
    "kind.Recommendation": {"en": "Recommendation", "es": "recomendación"},
    "dimension.response": {"en": "response", "es": "respuesta"},
    "dimension.lifecycle": {"en": "lifecycle", "es": "ciclo de vida"},
    "dimension.adoption": {"en": "adoption", "es": "adopción"},
    # --- kb status's table ----------------------------------------------------------------------------
    "column.document": {"en": "document", "es": "documento"},
    "column.eId": {"en": "eId", "es": "eId"},
    "column.number": {"en": "number", "es": "número"},
    "column.reason": {"en": "reason", "es": "motivo"},
    "table.rows.one": {"en": "({n} row)", "es": "({n} fila)"},
    "table.rows.other": {"en": "({n} rows)", "es": "({n} filas)"},
    # what kb status says beside its table: a version's status is its original's; why a table is empty
    "status.version_of": {"en": "{document} is a language version of {original}: the status of {original}'s "
                                "mandates and recommendations, which it says in another language",
                          "es": "{document} es una versión en otro idioma de {original}: el estado de los mandatos y "
                                "recomendaciones de {original}, que dice en otro idioma"},
    "status.none.draft": {"en": "{document} is a draft (draft: true in its metadata): it proposes mandates and "
                                "recommendations, it issues none, so none of its paragraphs has a status; the text "
                                "adopted is another document",
                          "es": "{document} es un borrador (draft: true en sus metadatos): propone mandatos y "
                                "recomendaciones, no emite ninguno, así que ninguno de sus párrafos tiene estado; el "
                                "texto adoptado es otro documento"},
    "status.none.kinds": {"en": "{document} holds no mandate or recommendation ({held}): kinds come from the "
                                "document's type and text (`kind:` in a correction of a held document's metadata) or, "
                                "for a document known through quotation, from each quoted provision's `kind:` in the "
                                "annotations",
                          "es": "{document} no contiene ningún mandato ni recomendación ({held}): los tipos vienen del "
                                "tipo y el texto del documento (`kind:` en una corrección de los metadatos de un "
                                "documento disponible) o, para un documento conocido por citas, del `kind:` de cada "
                                "disposición citada en las anotaciones"},
    "status.none.no_provision": {"en": "no provision", "es": "ninguna disposición"},
    "status.none.yet": {"en": "no mandate or recommendation of {document} existed as of {date}: ask with a later "
                              "--as-of",
                        "es": "ningún mandato ni recomendación de {document} existía al {date}: pregunte con un "
                              "--as-of posterior"},
    # --- kb trace -------------------------------------------------------------------------------------
    "trace.upstream": {"en": "upstream (where it came from)", "es": "origen (de dónde viene)"},
    "trace.item": {"en": "its own links", "es": "sus propios vínculos"},
    "trace.downstream": {"en": "downstream (what answered or carried it)",
                         "es": "seguimiento (qué le respondió o lo retomó)"},
    "trace.no_link": {"en": "no trace link: nothing recorded of where it came from or what answered or carried it "
                            "({why}`kb show` its addressees and topics)",
                      "es": "ningún vínculo de trazabilidad: no consta de dónde viene ni qué le respondió o lo retomó "
                            "({why}`kb show` da sus destinatarios y temas)"},
    "trace.no_link_why": {"en": "`kb why` says what that makes its status, ",
                          "es": "`kb why` dice qué estado le da eso, "},
}


def check_language(language: str, parameter: str = "language") -> str:
    """``language`` if the library speaks it, else an InputError naming ``parameter`` and the languages."""
    if language not in LANGUAGES:
        raise InputError(f"{parameter} {language!r} is not a language the library explains status in",
                         hint=f"use one of {', '.join(LANGUAGES)}", parameter=parameter)
    return language


def say(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The sentence ``key`` in ``language`` with its ``{name}`` values filled in (a KeyError for a key not
    held: a sentence missing here is a mistake, not a blank)."""
    return SENTENCES[key][check_language(language)].format(**values)


def body_type_name(value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A body's type (``working-group``) as ``language`` says it ("grupo de trabajo"); a type no entry names is
    said as it is written."""
    return BODY_TYPE_NAMES.get(value, {}).get(check_language(language), value)


def status_name(value: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A status value as ``language`` says it (any other value as it is)."""
    return STATUS_NAMES.get(value, {}).get(check_language(language), value)


def explanation(value: str, date: str, rule: str, *, links: int, quotes: int, basis: list[str],
                language: str = DEFAULT_LANGUAGE) -> str:
    """Why an assessment has its value: the links and quotes that decided it, else the documents its rule
    relied on, else that it is its dimension's fallback."""
    common = {"value": status_name(value, language), "date": date, "rule": rule}
    if links:
        return say("explanation.links", language, links=links, quotes=quotes, **common)
    if basis:
        return say("explanation.basis", language, names=", ".join(basis), **common)
    return say("explanation.fallback", language, **common)
