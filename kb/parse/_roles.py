"""The role of a provision, from its context: what kind of document it is in, the headings over
it, the lead-in before it, and its own opening words.

- In a Plan of Action or a work plan every part of the body is operative: numbered and lettered
  paragraphs, items and paragraphs are ``Mandate`` (a short lead-in label stays a paragraph, unless it says
  who is to act: "Governments will:", "Les gouvernements:"; so is the lead-in ending on the governments' modal,
  "..., nos gouvernements vont:").
- In a Declaration or an outcome document (or a text whose kind is not known), a paragraph is a
  ``Mandate`` when it commits its authors
  or asks a body to act ("We commit to ...", "To promote ...", "At its meetings, to promote ...",
  "Requests the Secretariat to ...",
  "Nos comprometemos a ...", "Redoblaremos ...", a plan's "Intercambiarán ...", "Reiteramos a nossa determinação
  de ..."), not when it only recognizes, reaffirms, notes or welcomes something; the opening "We, the Ministers
  ..., DECLARE:" is a paragraph.
- A paragraph opening on a quotation mark (a speaker quoted in a story) commits no one, whatever it says; nor do
  the words a paragraph quotes ("..., pidió ... “lo que hoy nos comprometemos a hacer”").
- After a resolution's "RESOLVES:" ("RESUELVE:", "DECIDES:"), every paragraph and item is a
  ``Mandate``, up to the next heading or resolution. An imperative ("Encourage ...") or a Spanish
  infinitive of action ("Encomendar ...", in a Spanish, French or Portuguese text any infinitive but one that
  only states, "Reconocer ...", "Réaffirmer ...") opens a mandate in a paragraph, not in a list item, where it
  names a topic.
- After the signatories' commitment ("COMMIT TO:", "We pledge to:", their verb in capitals closing a preamble:
  "PLEDGE to implement ..."), a paragraph completing it with an act (a gerund or an infinitive: "Strengthening
  ...") is a ``Mandate``, through the headings that group them, up to the next lead-in.
- Items under a heading or lead-in about recommendations, consensus or findings, or objectives
  are ``Recommendation``, ``Finding``, ``Objective`` (English and Spanish role words); so are those under a
  paragraph whose last sentence announces them ("Entre las conclusiones del informe se destacan las
  siguientes:"), but in a declaration or a plan, whose "following conclusions" are its paragraphs.
- Numbered paragraphs and their lettered items under a heading or a page's title that names them as mandates
  ("MANDATES", "EDUCACIÓN - MANDATOS", "Follow-up and Implementation: Mandates", "Mandatos de la Cumbre") are
  ``Mandate``: mandates quoted as such, whatever their words; not under a heading that only mentions mandates
  ("Mandates and reports", "Review of the mandates"), not the page's own bullets, and not in a report or
  summary, whose "Mandates" section tells its own remit.
- In a Working Group report a numbered paragraph whose own words recommend or request action ("The
  Working Group recommends that ...", "Requests the Technical Secretariat to ...", "El Grupo de Trabajo
  solicita a ...") is a ``Recommendation``, and so are the letters under it when it leads them in.
- A paragraph or item whose first sentence is a question is a ``Question``.
- Numbered items under a heading naming a meeting's agenda or programme ("B. PROGRAMA DE LA REUNIÓN"), or
  under a lead-in announcing it ("El orden del día ... fue el siguiente:"), are ``AgendaItem``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.model import DocType, Kind
from kb.parse._blocks import OPENING_RE, RESOLUTION_CUE_RE

__all__ = ["COUNTED_RECOMMENDATIONS", "Roles", "mandates_banner"]

# Recommendations announced by their number, the sentence ending before them ("agreed on the four overarching
# recommendations to guide ...", "aprobaron las tres recomendaciones siguientes").
COUNTED_RECOMMENDATIONS = (
    r"\b(?:the|las|los) (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|dos|tres|cuatro|cinco|seis|siete|"
    r"ocho|nueve|diez)\s+(?:[\w-]+\s+){0,2}(?:recommendations|recomendaciones)\b")
_RECOMMENDATIONS_RE = re.compile(r"\b(?:recommendations?|recomendaci(?:ón|on|ones)|recommandations?|"
                                 r"recomenda(?:ção|ções|cao|coes))\b", re.IGNORECASE)
_RECOMMENDS_RE = re.compile(r"\b(?:recommends?|recomienda[n]?)\b", re.IGNORECASE)
# A lead-in announcing recommendations: "adopted the following conclusions and recommendations:".
_FOLLOWING_RECOMMENDATIONS_RE = re.compile(
    r"\bthe following (?:[\w-]+ and )?recommendations\b|"
    r"\b(?:las|estas) siguientes (?:[\w-]+ (?:y|e) )?recomendaciones\b|" + COUNTED_RECOMMENDATIONS, re.IGNORECASE)
# A Working Group's own words asking for action, in the present tense, as a paragraph opens: "1. The Working
# Group recommends that ...", "Requests the Technical Secretariat to ...", "El Grupo de Trabajo solicita a ...";
# not what it noted, nor what a meeting recommended (past tense) or another body asks of it.
_GROUP_ASKS_RE = re.compile(
    r"^\W*(?:\d{1,3}[.)]\s*|[a-z]{1,4}[.)]\s*)?(?:"
    r"(?:(?:the\s+)?(?:working\s+)?groups?(?:\s+of\s+experts)?|(?:el\s+|los\s+)?grupos?(?:\s+de\s+(?:trabajo|expertos))?)"
    r"(?:\s+(?:\d{1,2}|[IVX]{1,4}))?\s*,?\s+(?:(?:also|further|therefore|asimismo|también|además)\s*,?\s+)?"
    r"(?:recommends?|requests?|urges?|proposes?|calls?\s+(?:up)?on|recomienda[n]?|solicita[n]?|insta[n]?|propone[n]?"
    r"|exhorta[n]?)"
    # with no subject, only a verb in the third person: "Request for ..." names a topic
    r"|(?:(?:also|further|asimismo|también|además)\s*,?\s+)?(?:recommends|requests|urges|proposes|calls\s+(?:up)?on"
    r"|recomienda[n]?|solicita[n]?|insta[n]?|propone[n]?|exhorta[n]?))\b", re.IGNORECASE)
_FINDINGS_RE = re.compile(
    r"\b(?:consensus|main ideas|findings?|conclusions?|areas? of agreement|consenso|ideas principales|"
    r"hallazgos?|conclusi(?:ón|on|ones)|áreas de acuerdo|constats?|conclus(?:ão|ões|ao|oes))\b", re.IGNORECASE)
# A heading or title naming what follows as mandates: the word alone, or after a topic or a page's name and a
# colon or dash ("EDUCATION - MANDATES", "Seguimiento e implementación: Mandatos"), before at most the text
# they come from ("Mandatos de la Cumbre de Mar del Plata", "Mandates of the Fifth Summit").
_MANDATES_HEADING_RE = re.compile(
    r"^\W*(?:(?P<topic>[^\W\d_][^.:;!?–—]{0,80}?)(?::|\s[-–—])\s*)?(?:summit\s+)?(?:mandates|mandatos|mandats)"
    r"(?P<source>\s+[^.;!?]*?)?\W*$", re.IGNORECASE)
_SOURCE_OPENERS = frozenset("of from de del da do du des".split())
# The small words a named source has among its capitalized ones ("Plan de Acción de Mar del Plata").
_NAME_LINKS = frozenset("""
    of the on and for in at to de del la las los el y e en para sobre da do das dos a o des du le et l
    """.split())
# A lead-in's last sentence announcing conclusions or findings as what its list holds ("Entre las conclusiones del
# informe se destacan las siguientes:", "The main findings were:", "reached the following conclusions:"); not one
# naming something else after them ("The conclusions were presented by the following speakers:", "In light of these
# findings, the next steps are:").
_ANNOUNCED_FINDINGS_RE = re.compile(
    r"\b(?:the following|las siguientes|los siguientes)\s+(?:[\w-]+\s+){0,2}(?:conclusions|findings|conclusiones|"
    r"hallazgos)\b[^:]{0,40}:$|"
    r"\b(?:conclusions|findings|conclusiones|hallazgos)\b[^:.,]{0,80}\b(?:the following|as follows|las siguientes|"
    r"los siguientes|include|incluyen|are|were|son|fueron|destacan)\s*:$", re.IGNORECASE)
_OBJECTIVE_RE = re.compile(r"\b(?:objectives?|objetivos?|objectifs?)\b", re.IGNORECASE)
# A heading that only names what follows as objectives ("Objectives", "OBJECTIVE", "Objetivos específicos"), not
# one about something else that has an objective ("Description and objective of the Fund").
_OBJECTIVES_HEADING_RE = re.compile(
    r"^\W*(?:(?:[IVXLC]{1,5}|[A-H]|\d{1,2})[.)]\s*)?(?:(?:general|specific|main|strategic)\s+)?"
    r"(?:objectives?|objetivos?|objectifs?)(?:\s+(?:generale?s?|específicos?|especificos?|principales?|"
    r"estratégicos?|g[ée]n[ée]raux|sp[ée]cifiques|gerais))?\W*$", re.IGNORECASE)
# A lead-in saying what its items aim at: "The objectives of this meeting were as follows:", "The aims of the Forum
# are:" (its subject, its verb the last word: "to carry forward the aims of the Plan, the Ministers created:" and "The
# aims are pursued through the following activities:" list none; a body's "propósitos" are its functions, items),
# "the Program seeks to:", "tiene como objetivos:", "busca:".
_AIMS_RE = re.compile(r"(?:\b(?:objectives?|objetivos?)\b.*|"
                      r"^\W*(?:the|its|their)\s+(?:main\s+)?aims\b[^.;:]*\b(?:are|were|include)(?:\s+as\s+follows)?|"
                      r"\b(?:seeks?|aims?|busca[n]?|pretende[n]?)(?: to| a)?):\s*$", re.IGNORECASE)
# A heading that only names a meeting's agenda or programme ("ORDEN DEL DIA", "Provisional agenda", "Temario",
# "B. PROGRAMA DE LA REUNIÓN"), and a lead-in announcing the agenda ("The Committee adopted the following agenda:",
# "El orden del día ... fue el siguiente:"); not an agenda of policy ("The 2030 Agenda sets out the following
# goals:", "In keeping with the 2030 Agenda, we commit to the following:", its clause cited on the way), nor a
# programme of work or of grants.
_AGENDA_HEADING_RE = re.compile(
    r"^\W*(?:(?:[IVXLC]{1,5}|[A-Z]|\d{1,2})[.)]\s*)?"  # its mark ("III. AGENDA")
    r"(?:(?:provisional|draft|annotated|preliminary|proyecto\s+de)\s+)?(?:agenda|orden\s+del\s+d[ií]a|temario|"
    r"ordre\s+du\s+jour|programa\s+de\s+la\s+(?:reuni[óo]n|sesi[óo]n|conferencia|jornada)|"
    r"program(?:me)?\s+of\s+the\s+(?:meeting|session|conference))"
    r"(?:\s+(?:provisional|preliminar|anotad[oa]|of\s+the\s+meeting|de\s+la\s+reuni[óo]n))?\W*$", re.IGNORECASE)
_AGENDA_LEAD_RE = re.compile(
    r"(?:\b(?:following|siguiente)\s+(?:(?:provisional|draft|preliminary)\s+)?(?:agenda|orden\s+del\s+d[ií]a|temario)"
    r"\b[^.:;]{0,60}|\b(?:agenda|orden\s+del\s+d[ií]a|temario)\b[^.:;]{0,80}\b(?:(?:was|is)\s+(?:as\s+follows|the\s+"
    r"following)|(?:fue|es)\s+(?:el\s+siguiente|como\s+sigue)))\s*:\s*$"
    r"|\b(?:agenda|orden\s+del\s+d[íi]a|ordre\s+du\s+jour)\b[^:.,]{0,80}\b(?:the\s+following|as\s+follows|"
    r"el\s+siguiente|la\s+siguiente|le\s+suivant)\s*:", re.IGNORECASE)
# A report's narrative paragraph under its agenda's heading, telling what the meeting did: a subject with its
# article, then a verb in the past ("The Working Group adopted the agenda ...", "La Comisión aprobó ..."); an
# agenda's entries name their subjects ("Apertura de los trabajos ...").
_NARRATIVE_RE = re.compile(r"^\W*(?:the|el|la|los|las|le|les|os|as)\s+(?:\S+\s+){0,5}?"
                           r"[^\W\d_]+(?:ed|ó|aron|ieron|ou|aram|eram)\b", re.IGNORECASE)
# A finite verb telling what was done ("The Chair presented the agenda, which was adopted ..."): a sentence that lost
# its stop, not an agenda's entry ("Adoption of the agenda", "Report of the Technical Secretariat").
_TELLS_RE = re.compile(r"\b(?:was|were|is|are|has|have|had|will|fue|fueron|es|son|ha|han|será|serán)\b",
                       re.IGNORECASE)
_TRAILING_NOTE_RE = re.compile(r"\s*\[[^\]]*\]$")
_SENTENCE_END_RE = re.compile(r"[.?!](?=\s|$)")
_FIELD_RE = re.compile(r"^(?P<label>[A-ZÁÉÍÓÚÑ][^:\d]{0,40}):\s+\S")

_TOPIC_WORDS = 8  # a heading's topic before "Mandates" (a page's name, a theme) is no longer
_LABEL_WORDS = 4  # a lead-in this short is a label naming what its list holds ("Main findings:")
# The operative part's word, in capitals alone on its line its colon may be lost ("RESUELVE" over "1. ...").
_RESOLVES_ALONE_RE = re.compile(r"^\s*(?:RESOLVES?|RESUELVEN?|DECIDES?|DECIDEN?)\s*:?\s*$")
_RESOLVES_RE = re.compile(
    r"^\W*(?:RESOLVES?|RESUELVEN?|DECIDES?|DECIDEN?)\s*:|^\s*(?:Resolves?|Resuelven?|Decides?|Deciden?)\s*:\s*$")
# A plan's lead-in saying who is to act: its modal before the colon ("Governments will:", "nos gouvernements vont:",
# "nossos governos irão:"), or the governments alone, each mandate's verb opening it ("Les gouvernements:" /
# "Examineront ...").
_MODAL_LEAD_RE = re.compile(r"\b(?:will|shall|must|should|deber[áa]n?|vont|devront|doivent|irão|deverão|devem)\s*:$|"
                            r"^\W*(?:the\s+|los\s+|les\s+|os\s+)?(?:governments|gobiernos|gouvernements|governos)\s*:$",
                            re.IGNORECASE)
_MANDATING = frozenset({DocType.PLAN_OF_ACTION, DocType.WORK_PLAN})
_RESOLVING = frozenset({DocType.DECLARATION, DocType.OUTCOME_DOCUMENT})
# Reports whose heading "Mandates" heads the remit of the group or meeting, not mandates it quotes.
_OWN_REMIT = frozenset({DocType.WORKING_GROUP_REPORT, DocType.MEETING_SUMMARY})

# Verbs by which authors commit themselves or ask a body to act, as they open a paragraph: after
# "we" ("we commit"), as an infinitive ("to promote"), in the third person ("requests").
_OPERATIVE_VERBS = frozenset("""
    commit pledge agree undertake resolve decide instruct request entrust ask call urge encourage
    invite support promote strengthen continue adopt approve establish create develop implement
    dedicate will shall endeavor endeavour strive seek work foster ensure advance intensify renew
    """.split())
# The verbs by which signatories commit themselves, printed in capitals after their preamble.
_COMMITTING = frozenset("commit pledge undertake agree resolve decide".split())
# The same verb ending a preamble glued onto one line, a heading's mark at most after it ("..., COMMIT TO: A.").
_GLUED_COMMITMENT_RE = re.compile(
    r"\b(?:COMMIT|PLEDGE|UNDERTAKE)(?:\s+TO)?\s*:\s*(?:(?:[A-Z]|[IVX]{1,4}|\d{1,2})\.)?\s*$")
_IMPERATIVE = frozenset("""
    instruct request entrust ask call urge encourage invite support promote strengthen continue adopt
    approve establish create develop implement foster ensure advance intensify
    mandate eliminate eradicate reduce prepare compile assist improve increase expand build provide
    facilitate coordinate disseminate identify design consider conduct hold organize organise prioritize
    incorporate include maintain monitor evaluate assess analyze analyse share raise reinforce enhance
    deepen consolidate generate integrate protect guarantee combat prevent update publish carry
    convene explore examine pursue engage
    """.split())
# The same in Spanish, as infinitives ("Encomendar a las Ministras ...", "Fortalecer políticas ...").
_IMPERATIVE_ES = frozenset("""
    encomendar instruir solicitar encargar exhortar instar invitar alentar adoptar aprobar crear implementar
    fomentar asegurar garantizar avanzar intensificar eliminar erradicar reducir preparar elaborar compilar
    mejorar aumentar ampliar construir proporcionar brindar facilitar coordinar difundir identificar
    diseñar realizar organizar priorizar incorporar incluir mantener monitorear evaluar analizar compartir
    reforzar profundizar consolidar generar integrar proteger combatir prevenir actualizar publicar
    investigar propiciar procurar articular estimular promover fortalecer continuar impulsar desarrollar establecer
    apoyar
    """.split())
# In a Spanish text any infinitive of action opens a mandate ("Perfeccionar ...", "Acelerar ..."), known by its
# ending; not the nouns and adjectives that end so ("Lugar", "Bienestar", "Mujer"), nor the infinitives by which
# a text only states or acknowledges ("Reconocer la situación ...", "Expresar nuestra satisfacción ...").
_INFINITIVE_RE = re.compile(r"[^\W\d_]{2,}(?:ar|er|ir)")
_NOT_INFINITIVES = frozenset("""
    lugar hogar bienestar mar militar familiar particular escolar popular nuclear solar pilar titular similar
    regular auxiliar preliminar poder mujer taller deber ser placer alquiler porvenir primer tercer cualquier
    ayer haber parecer quehacer amanecer atardecer
    """.split())
_STATING_ES = frozenset("""
    reconocer reafirmar expresar destacar subrayar recordar observar afirmar considerar celebrar agradecer
    felicitar saludar lamentar manifestar valorar resaltar enfatizar acoger notar señalar constatar apreciar
    advertir coincidir aplaudir conmemorar tener poner declarar
    """.split())
_NOT_ACTION = _NOT_INFINITIVES | _STATING_ES
# What "poner en ..." puts into when it acts: practice, motion, operation, force.
_PUT_INTO = frozenset("práctica practica marcha funcionamiento ejecución ejecucion vigor operación operacion".split())
# An infinitive that is the subject of a sentence ("Mejorar la calidad ... fue el tema central") is
# followed by its verb within a few words.
_COPULAS = frozenset("""
    es fue son fueron sigue siguen era será sería constituye constituyó representa resulta
    est sont était sera constitue représente reste demeure é são foi foram será constitui representa continua
    """.split())
_SUBJECT_WORDS = 12
# A verb in the preterite ("llevó", "exigieron"), and the words opening a clause it may belong to ("que se acordó").
_PRETERITE_RE = re.compile(r"[^\W\d_]{2,}(?:ó|aron|ieron)")
_CLAUSE_OPENERS = frozenset("que quien quienes cual cuales donde como cuando se".split())
# French and Portuguese infinitives of action, known by their ending as Spanish ones are ("Échanger les ...",
# "Poursuivre la ...", "Intercambiar experiências ...", "Seguir aperfeiçoando ..."); not the words of the same
# ending a sentence may open on ("Notre", "Entre", "Premier", "Quatre", "Encore", "Lugar", "Apesar"), nor the
# infinitives by which a text only states or acknowledges ("Réaffirmer ...", "Reconhecer ...").
_INFINITIVE_RE_BY_LANGUAGE = {"fr": re.compile(r"[^\W\d_]{2,}(?:er|ir|re|oir)"),
                              "pt": re.compile(r"[^\W\d_]{2,}(?:ar|er|ir)")}
_NOT_INFINITIVES_BY_LANGUAGE = {
    "fr": frozenset("""
        notre votre entre contre outre autre cadre centre membre ministre titre nombre ordre lettre livre libre
        premier première dernier hier cher fer mer chaque avenir plaisir loisir souvenir désir pouvoir devoir savoir
        espoir soir quartier métier papier janvier février septembre octobre novembre décembre particulier quatre encore
        conseiller dossier chantier sentier foyer loyer terrier pilier atelier calendrier
        reconnaître réaffirmer affirmer exprimer souligner rappeler noter prendre constater saluer accueillir
        remercier féliciter considérer déclarer observer relever être avoir
        """.split()),
    "pt": frozenset("""
        lugar mulher qualquer bem mar militar familiar particular escolar popular nuclear solar pilar titular similar
        regular auxiliar preliminar poder dever prazer colher apesar
        reconhecer reafirmar afirmar expressar destacar sublinhar ressaltar recordar lembrar observar considerar
        celebrar agradecer felicitar saudar lamentar manifestar valorizar enfatizar acolher notar assinalar
        constatar apreciar tomar ter ser estar declarar
        """.split()),
}
# Words that open an imperative as well as a noun phrase ("Review of the ...", "Study of ..."): only
# the imperative counts.
_NOUN_AFTER = frozenset({"of", "de", "del"})
_OPERATIVE_THIRD = frozenset("""
    requests instructs delegates entrusts asks urges encourages invites decides resolves approves
    adopts agrees calls establishes creates commits undertakes recommends
    """.split())
_OPERATIVE_ES = frozenset("""
    comprometemos acordamos resolvemos decidimos encomendamos instruimos solicitamos exhortamos
    instamos invitamos encargamos convenimos adoptamos aprobamos asumimos impulsaremos
    solicita encomienda instruye encarga decide resuelve aprueba acuerda insta invita exhorta delega
    """.split())
_COMMITMENT_RE = re.compile(
    r"\bwe\s+(?:hereby\s+|also\s+|further\s+|therefore\s+)?(?:agree|commit|pledge|undertake|resolve|decide|will)\b"
    r"|\bwe\s+are\s+(?:committed|determined)\b|\bwe\s+have\s+assumed\s+the\s+commitment\b"
    r"|\bnos\s+comprometemos\b|\bacordamos\b|\bestamos\s+comprometid|\bnos\s+hemos\s+comprometid"
    r"|\bhemos\s+asumido\s+el\s+compromiso\b"
    # the authors' own words opening a sentence ("Asimismo, reiteramos ..."), not a speaker's reported in a story
    # ("la Ministra afirmó que los países reiteramos ...")
    r"|(?:^|(?<=[.;:]\s))[\W\d]*(?:[^\W\d_]+,\s+)?(?:we\s+|nosotros\s+|n[óo]s\s+)?"
    r"(?:reiterate|reaffirm|reiteramos|reafirmamos)\s+(?:a\s+)?(?:our|nuestra|nossa)\s+(?:firm\s+|firme\s+)?"
    r"determina(?:tion|ci[óo]n|[çc][ãa]o)\s+(?:to|de)\b"
    r"|\bwe\s+(?:also\s+|further\s+|therefore\s+)?(?:encourage|urge|call\s+(?:up)?on|invite|request|instruct|entrust)\b"
    r"|\b(?:alentamos|instamos|exhortamos|invitamos|solicitamos|encomendamos|encargamos)\b"
    r"|^\W*(?:our|nuestro)\s+(?:\w+\s+)?(?:commitment|compromiso|support|apoyo|respaldo)\b", re.IGNORECASE)
_PRESENT_REMOS = frozenset({"queremos", "requeremos", "quisiéramos"})  # present tense, not the future
# What a paragraph of a plan says that someone will do: a modal, a future, a commitment.
_DIRECTIVE_RE = re.compile(
    r"\b(?:will|shall|must|should|undertakes?|commits?|are committed)\b"
    r"|\b(?:deber\S*|nos comprometemos|se compromete\S*)\b"
    # a future; not a Portuguese infinitive before its pronoun ("superá-los")
    r"|\b\w+(?:ará|erá|irá|arán|erán|irán|aremos|eremos|iremos)\b(?!-)", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+")
# A phrase of place, time or means set off by a comma before the infinitive of an act.
_SET_OFF_RE = re.compile(r"^\W*(?:\d{1,3}[.)]\s*)?(?:at|in|on|through|during|within|with|by|for|upon)\s[^,;.:]{3,120},"
                         r"\s+to\s+(?P<verb>[a-z]+)\b", re.IGNORECASE)
# A plan's preamble in the first person: what the Ministers recognize, not what they undertake.
_RECOGNIZING_RE = re.compile(
    r"^\W*(?:we|nosotros)\s+(?:also\s+|further\s+)?(?:recogni[sz]e|underline|underscore|note|acknowledge|recall|"
    r"reaffirm that|affirm|emphasi[sz]e|stress|highlight|welcome|consider|are convinced|"
    r"reconocemos|destacamos|subrayamos|recordamos|tomamos nota|observamos|afirmamos|consideramos|celebramos)\b",
    re.IGNORECASE)


# An action asked or undertaken further on in a paragraph ("We welcome the offer ... and instruct ...").
_ACTS_RE = re.compile(
    r"\b(?:and|y|e)\s+(?:we\s+|to\s+)?(?:" + "|".join(sorted(_OPERATIVE_VERBS | _IMPERATIVE)) + r"|"
    r"instruimos|encomendamos|solicitamos|exhortamos|instamos|invitamos|encargamos|acordamos|decidimos|resolvemos|"
    r"nos comprometemos)\b", re.IGNORECASE)


def _only_recognizes(text: str) -> bool:
    """A plan's preamble in the first person: the Ministers recognize, underline, welcome ..., and ask or
    undertake nothing in the same paragraph."""
    return bool(_RECOGNIZING_RE.match(text)) and not _DIRECTIVE_RE.search(text) and not _ACTS_RE.search(text)


def is_question(text: str) -> bool:
    """Whether the text opens with a question (a trailing bracketed note is ignored)."""
    m = _SENTENCE_END_RE.search(_TRAILING_NOTE_RE.sub("", text))
    return m is not None and m.group() == "?"


def _spanish_infinitive(words: Sequence[str]) -> bool:
    """Whether the words (in lower case) open with an infinitive of action, known by its ending, alone or
    after one that states ("Destacar y acompañar los esfuerzos ...")."""
    if words[0] in _STATING_ES and words[1:2] in (["y"], ["e"]):
        words = words[2:]
    if words[:2] == ["tomar", "nota"]:  # "Tomar nota con satisfacción del informe": it states
        return False
    if words[:2] == ["poner", "en"] and words[2:3] and words[2] in _PUT_INTO:
        # "Poner en práctica las recomendaciones ...": it acts ("Poner de relieve ..." states); not the subject of a
        # story's verb ("Poner en marcha el sistema llevó dos años"), a clause's ("... que se acordó") aside
        return not any(_PRETERITE_RE.fullmatch(w) and words[k - 1] not in _CLAUSE_OPENERS
                       for k, w in enumerate(words[3:_SUBJECT_WORDS], start=3))
    # an infinitive bears no written accent but in -ír ("Líder", "Carácter" are nouns)
    return (bool(words) and bool(_INFINITIVE_RE.fullmatch(words[0])) and words[0] not in _NOT_ACTION
            and not any(c in "áéíóú" for c in words[0][:-2]))


def _other_infinitive(words: Sequence[str], language: str | None) -> bool:
    """Whether the words (in lower case) of a French or Portuguese text open with an infinitive of action, known by
    its ending (see ``_INFINITIVE_RE_BY_LANGUAGE``)."""
    pattern = _INFINITIVE_RE_BY_LANGUAGE.get(language or "")
    if pattern is None or not words or not pattern.fullmatch(words[0]):
        return False
    if language == "pt" and any(c in "áéíóúâêô" for c in words[0][:-2]):
        return False  # a Portuguese infinitive bears no written accent ("Caráter" is a noun)
    return words[0] not in _NOT_INFINITIVES_BY_LANGUAGE[language or ""]


def is_operative(text: str, *, infinitive: bool = True, spanish: bool = False, language: str | None = None) -> bool:
    """Whether a paragraph commits its authors or asks a body to act (see the module docstring);
    ``infinitive``: an imperative or a Spanish infinitive opening it counts ("Encourage ...",
    "Fortalecer ..."), as it does in a paragraph but not in a list item, where it names a topic (a
    function, an activity) as often as it asks for action;
    ``spanish``: the text is in Spanish, where any infinitive of action counts, not only the known ones;
    ``language``: the text's language, French and Portuguese counting any infinitive of action as Spanish does."""
    words = [w.lower() for w in _WORD_RE.findall(text[:200])]
    if not words:
        return False
    first = words[0]
    if first in ("we", "nosotros") and len(words) > 1:
        rest = [w for w in words[1:4] if w not in ("hereby", "also", "further", "therefore", "the", "ministers")]
        if rest and (rest[0] in _OPERATIVE_VERBS or rest[0] in _OPERATIVE_ES or (
                rest[0].endswith("remos") and rest[0] not in _PRESENT_REMOS)):
            return True
    if first in _COMMITTING and text.lstrip()[:len(first)].isupper():
        return True  # the signatories' verb in capitals after their preamble: "PLEDGE to implement ...", "COMMIT TO:"
    if first == "to" and len(words) > 1 and words[1] in _OPERATIVE_VERBS | _IMPERATIVE:
        return True
    if (set_off := _SET_OFF_RE.match(text)) and set_off["verb"].lower() in _OPERATIVE_VERBS | _IMPERATIVE:
        return True  # "At technical meetings held by the Commission, to promote ...": where or how, then the act
    if first in _OPERATIVE_THIRD or first in _OPERATIVE_ES or (first == "nos" and words[1:2] == ["comprometemos"]):
        return True
    action = infinitive and not _COPULAS.intersection(words[1:_SUBJECT_WORDS])
    opens_infinitive = (first in _IMPERATIVE_ES or (spanish and _spanish_infinitive(words))
                        or _other_infinitive(words, language))
    imperative = (infinitive and first in _IMPERATIVE) or (action and opens_infinitive)
    if imperative and text[:1].isupper() and words[1:2] != [] and words[1] not in _NOUN_AFTER:
        return True  # "Instruct the Working Groups to ...", "Encourage ILO-CINTERFOR ..."
    if first.endswith("remos") and len(first) > 6 and first not in _PRESENT_REMOS:
        return True  # Spanish future, first person plural: "Redoblaremos nuestros esfuerzos"
    if first.endswith(("arán", "erán", "irán", "arão", "erão", "irão")) and len(first) > 6 and text[:1].isupper():
        return True  # the future, third person, its subject the plan's lead-in's: "Intercambiarán prácticas ..."
    if any(w.endswith(("aremos", "eremos", "iremos")) and w not in _PRESENT_REMOS for w in words[:25]):
        return True  # "Con ese fin, impulsaremos ...": a commitment in the future tense
    return bool(_COMMITMENT_RE.search(text))


def _completes(text: str) -> bool:
    """Whether a paragraph completes a lead-in's sentence with an act, having no subject of its own: it opens in
    a gerund or an infinitive ("Strengthening ...", "To promote ...", "Fortalecer ...", "Promover ...")."""
    words = [w.lower() for w in _WORD_RE.findall(text[:80])]
    if not words or not text.lstrip("\"“‘(•-– ")[:1].isupper():
        return False
    first = words[0]
    gerund = first.endswith("ing") and len(first) > 5 and first not in _NOT_GERUNDS
    return (gerund or first in _IMPERATIVE or first in _IMPERATIVE_ES or (first == "to" and len(words) > 1)
            or _spanish_infinitive(words))


_QUOTES = "\"“«‘"
# A passage in quotation marks, up to its closing mark or the text's end (a quotation the host cut or never closed).
_QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|«[^»]*(?:»|$)|\"[^\"]*(?:\"|$)")
_NOT_GERUNDS = frozenset("during regarding including concerning according notwithstanding following".split())


def _announces_recommendations(lead_in: str) -> bool:
    """"Working Group 1 recommends that the Ministers:", "adopted the following recommendations:"."""
    return bool(_RECOMMENDS_RE.search(lead_in) or _FOLLOWING_RECOMMENDATIONS_RE.search(lead_in))


def _names_mandates(heading: str) -> bool:
    """Whether a heading or title says that what it heads are mandates ("MANDATOS", "EDUCATION - MANDATES",
    "Mandates of the Fifth Summit"), not one that only mentions them ("Mandates and reports", "See the mandates",
    "Mandates of the Summit were reviewed")."""
    m = _MANDATES_HEADING_RE.match(heading)
    if m is None:
        return False
    if m["topic"] and len(_WORD_RE.findall(m["topic"])) > _TOPIC_WORDS:
        return False  # a sentence that ends on the word, not a topic or a page's name
    words = m["source"].split() if m["source"] else []
    if not words:
        return True
    return words[0].lower() in _SOURCE_OPENERS and all(
        w.lower().strip(",()'’") in _NAME_LINKS or w[:1].isupper() or w[:1].isdigit() for w in words[1:])


def mandates_banner(cover: Sequence[str]) -> str:
    """The line of a page's cover that names the body's parts as mandates, if any: a title that says so after the
    page's or topic's name ("Follow-up and Implementation: Mandates"), or the word alone as the cover's last line,
    just over the body ("MANDATOS"); not a site's menu entry among the cover's lines."""
    lines = [line.strip() for line in cover if line.strip()]
    for n, line in enumerate(lines):
        m = _MANDATES_HEADING_RE.match(line)
        if m and _names_mandates(line) and (m["topic"] or n == len(lines) - 1):
            return line
    return ""


def _announces_findings(lead_in: str) -> bool:
    """"Entre las conclusiones del informe se destacan las siguientes:", "reached the following conclusions:"."""
    last = re.split(r"(?<=[.!?])\s+", lead_in.strip())[-1]
    return bool(_ANNOUNCED_FINDINGS_RE.search(last))


def _is_lead_label(text: str) -> bool:
    """A short label that introduces what follows ("The Ministries of Labor:")."""
    return text.endswith(":") and len(text.split()) <= 8


def _commits_with_comma(text: str) -> bool:
    """The signatories' few words of commitment alone, a comma for their colon ("We decide,", "Acordamos,"): a
    lead-in to the paragraphs that complete it."""
    return text.rstrip().endswith(",") and len(text.split()) <= _LABEL_WORDS and is_operative(text, infinitive=False)


class Roles:
    """The kinds of a document's provisions, knowing its type (None: not known) and the language it is
    read in."""

    def __init__(self, doc_type: DocType | None, language: str | None = None, banner: str = "") -> None:
        self.doc_type = doc_type
        self.language = language
        self.spanish = language == "es"
        self.banner = banner  # the cover's title naming the body's parts, outermost of their headings
        self.quoted = 0  # parts typed mandates because a heading or title names them so: quoted, not the text's own
        self.resolved = False  # past a resolution's "RESOLVES:": its operative part
        self.committed = False  # past the signatories' "COMMIT TO:", "We pledge to:": what they commit to
        self._committing = False  # such a lead-in read: what it commits to begins with the next block
        self._resolving = False  # "RESOLVES:" read: the operative part begins with the next block
        self._preamble = False  # a resolution's subject or a clause of its preamble read

    def note(self, text: str, *, heading: bool) -> None:
        """Follow the text in reading order, each block before it is judged: after "RESOLVES:"
        ("RESUELVE:", "DECIDES:") of a resolution, every paragraph and item is operative, up to the
        next heading or the next resolution's subject or preamble."""
        self.resolved = self.resolved or self._resolving
        self._resolving = False
        self.committed = self.committed or self._committing
        self._committing = False
        if _RESOLVES_RE.match(text) or (self._preamble and _RESOLVES_ALONE_RE.match(text)):
            # its colon lost, the word alone closes a preamble read before it
            self._resolving = self.doc_type in (DocType.OUTCOME_DOCUMENT, None)
        elif heading or RESOLUTION_CUE_RE.match(text):
            self.resolved = False
        if RESOLUTION_CUE_RE.match(text):
            self.committed = False
            self._preamble = True
        elif not heading and (text.rstrip().endswith(":") or _GLUED_COMMITMENT_RE.search(text)
                              or _commits_with_comma(text)):
            # a lead-in: the signatories' commitment ("COMMIT TO:", "We pledge to:", or their verb in capitals
            # ending a preamble glued onto one line) opens a run of what they commit to, through the headings
            # that group it; another lead-in ends it
            self._committing = bool(is_operative(text, infinitive=False) or _GLUED_COMMITMENT_RE.search(text))
            self.committed = False

    @property
    def mandating(self) -> bool:
        return self.doc_type in _MANDATING

    @property
    def resolving(self) -> bool:
        return self.doc_type in _RESOLVING

    @property
    def continuous(self) -> bool:
        """Whether the document numbers its paragraphs through the whole text (never per section)."""
        return self.doc_type in (DocType.PLAN_OF_ACTION, DocType.DECLARATION)

    @staticmethod
    def context(headings: Sequence[str]) -> Kind | None:
        """The role that the nearest heading gives to numbered paragraphs under it, if any."""
        for heading in headings:
            if _RECOMMENDATIONS_RE.search(heading):
                return Kind.RECOMMENDATION
            if _FINDINGS_RE.search(heading):
                return Kind.FINDING
            if _names_mandates(heading):
                return Kind.MANDATE  # quoted as mandates: "MANDATOS" over a Summit's paragraphs
        return None

    def _operative(self, text: str, *, item: bool = False) -> bool:
        if self.mandating or self.resolved:
            return not _only_recognizes(text)
        if self.committed and _completes(text):
            return True  # "COMMIT TO:" ... "Strengthening democratic institutions ..."
        if text.lstrip()[:1] in _QUOTES:
            return False  # a speaker quoted in a story ("“Together we will examine ...”"): no text's own commitment
        # A declaration or resolution, or a text whose kind is not known: each paragraph by its words, not by
        # the words it quotes (a story's speaker: "... pidió ... “lo que hoy nos comprometemos a hacer”")
        judged = self.resolving or self.doc_type is None
        own = _QUOTED_RE.sub(" ", text)
        return judged and is_operative(own, infinitive=not item, spanish=self.spanish, language=self.language) and not (
            OPENING_RE.match(text) and text.endswith(":"))

    def _findings(self, lead_in: str) -> bool:
        """Whether the lead-in announces the findings its list holds: in a report or a page, not in a declaration
        or a plan, whose "following conclusions" are its paragraphs ("ha acordado las siguientes conclusiones:")."""
        return (self.doc_type not in (DocType.DECLARATION, DocType.PLAN_OF_ACTION, DocType.WORK_PLAN)
                and _announces_findings(lead_in))

    def paragraph(self, text: str, headings: Sequence[str], lead_in: str, *, item: bool = False,
                  over: str = "") -> Kind:
        """A numbered or lettered paragraph (``over``: the text of the paragraph it is a part of)."""
        role = self.context([*headings, self.banner] if self.banner else headings)
        if self.resolved and not is_question(text):
            return Kind.MANDATE  # a resolution's operative part: "RESOLVES: To recommend ...: a) ..."
        if (headings and _AGENDA_HEADING_RE.match(headings[0]) and not _NARRATIVE_RE.match(text)) or \
                _AGENDA_LEAD_RE.search(lead_in):
            return Kind.AGENDA_ITEM  # "B. PROGRAMA DE LA REUNIÓN" / "1. Apertura de los trabajos ..."
        if role is Kind.RECOMMENDATION or _announces_recommendations(lead_in):
            return Kind.RECOMMENDATION
        if self.doc_type is DocType.WORKING_GROUP_REPORT and _GROUP_ASKS_RE.match(text):
            return Kind.RECOMMENDATION  # a report's own recommendation, under no "Recommendations" heading
        if is_question(text):
            return Kind.QUESTION
        if not self.mandating and _AGENDA_LEAD_RE.search(over):
            return Kind.AGENDA_ITEM  # the entries of the agenda a paragraph announces
        if role is Kind.MANDATE and self.doc_type in _OWN_REMIT:
            role = None  # a report's "Mandates" section tells the group's remit, it quotes none
        if role is Kind.MANDATE:
            self.quoted += 1
        if role is not None:
            return role
        if not self.mandating and ((lead_in.rstrip().endswith(":") and _AIMS_RE.search(lead_in)) or (
                headings and _OBJECTIVES_HEADING_RE.match(headings[0]))):
            return Kind.OBJECTIVE  # "II. OBJECTIVES" / "1. Share the experiences ..."
        if self._findings(lead_in):
            return Kind.FINDING
        if self._operative(text, item=item):
            return Kind.MANDATE
        return Kind.PARAGRAPH

    def alinea(self, text: str, headings: Sequence[str] = ()) -> Kind:
        """An unnumbered paragraph: in a Plan of Action or work plan a mandate when it directs
        action (not a description, a label or a field); under a heading naming objectives, an objective."""
        if is_question(text):
            return Kind.QUESTION
        if headings and _OBJECTIVES_HEADING_RE.match(headings[0]) and not _is_lead_label(text):
            return Kind.OBJECTIVE
        field_line = _FIELD_RE.match(text)
        if field_line and _OBJECTIVE_RE.search(field_line["label"]):
            return Kind.OBJECTIVE
        if self.resolved:
            return Kind.MANDATE  # "RESUELVE: Aprobar el siguiente Estatuto:": what it resolves, however short
        if (headings and _AGENDA_HEADING_RE.match(headings[0]) and not _SENTENCE_END_RE.search(text)
                and not text.endswith(":") and not field_line and not _TELLS_RE.search(text)):
            return Kind.AGENDA_ITEM  # an entry of the agenda under its name, its number lost: no sentence
        if _is_lead_label(text) or _RESOLVES_ALONE_RE.match(text) or _commits_with_comma(text):
            # "Governments will:": a plan's lead-in saying who is to act directs as its items do
            return Kind.MANDATE if self.mandating and _MODAL_LEAD_RE.search(text) else Kind.PARAGRAPH
        if self.doc_type is DocType.PLAN_OF_ACTION and OPENING_RE.match(text) and not _only_recognizes(text):
            return Kind.MANDATE  # "We, the Ministers ... commit to carry out the following Plan of Action"
        if self.mandating:
            directs = (is_operative(text, spanish=self.spanish, language=self.language) or _DIRECTIVE_RE.search(text)
                       or _MODAL_LEAD_RE.search(text))
            return Kind.MANDATE if directs else Kind.PARAGRAPH
        return Kind.MANDATE if self._operative(text) else Kind.PARAGRAPH

    def item(self, text: str, headings: Sequence[str], lead_in: str) -> Kind:
        """A bullet (or a lettered item, which has the role of a numbered paragraph when its
        context gives one)."""
        if is_question(text):
            return Kind.QUESTION
        if self.mandating:
            return Kind.MANDATE
        if _AGENDA_LEAD_RE.search(lead_in) or (headings and _AGENDA_HEADING_RE.match(headings[0])
                                                and not _TELLS_RE.search(text)):
            # the entries of an agenda, under its name or a lead-in announcing it; under its name, not a sentence
            # telling how the meeting will run ("Interpretation will be provided ...")
            return Kind.AGENDA_ITEM
        if lead_in and (lead_in in headings or len(lead_in.split()) <= _LABEL_WORDS) and (
                role := self.context([lead_in])) not in (None, Kind.MANDATE):
            return role  # the list's own heading or a label names it: "Conclusiones" over its bullets, "Main findings:"
        if _OBJECTIVE_RE.search(lead_in) or _AIMS_RE.search(lead_in) or (
                headings and _OBJECTIVES_HEADING_RE.match(headings[0])):
            return Kind.OBJECTIVE
        if _announces_recommendations(lead_in):
            return Kind.RECOMMENDATION
        if self._findings(lead_in):
            return Kind.FINDING
        if self._operative(text, item=True) or (lead_in and is_operative(lead_in, spanish=self.spanish,
                                                                         language=self.language)):
            return Kind.MANDATE  # or what a committing lead-in lists: "We commit to:" / "- Strengthen ..."
        return Kind.ITEM

    def lettered(self, text: str, headings: Sequence[str], lead_in: str) -> Kind:
        """A lettered item: a recommendation, finding or mandate by its context, else an item."""
        kind = self.paragraph(text, headings, lead_in, item=True)
        return Kind.ITEM if kind is Kind.PARAGRAPH else kind
