"""The words of the web pages, in English and Spanish: the one catalogue the templates read.

It owns every word a page shows of its own (headings, field names, buttons, the status words,
error titles, the search form; the curator's review page's too, and what it says a decision did):
:data:`WORDS`, each entry an ``en`` and an ``es`` text,
and :class:`Words`, what a template calls to get one (``t("home.heading")``, with ``{name}``
values filled in and escaped). What the knowledge base says (labels, titles, quoted text, the
ontology's labels of its terms) comes from the graph, in the page's language where it has it;
this module holds no SPARQL and no RDF vocabulary. Status values (``no-evidence``...) stay as
they are in IRIs and the API: only their display is translated, by the names the library gives them
(``kb.STATUS_NAMES``, which its explanations of a status use too). A text may hold markup of
our own (a link); what fills it in is escaped. How a page's language is chosen: :mod:`api.pages`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import kb

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
# each language named in itself, for the switch to it
LANGUAGE_NAMES = {"en": "English", "es": "Español"}

WORDS: dict[str, dict[str, str]] = {
    # --- every page: header, navigation, footer ---------------------------------------------------
    "site.title": {"en": "IACML knowledge base", "es": "Base de conocimiento de la CIMT"},
    "site.name": {"en": "IACML mandate traceability", "es": "Trazabilidad de los mandatos de la CIMT"},
    "site.skip": {"en": "Skip to main content", "es": "Ir al contenido principal"},
    "nav.label": {"en": "Main", "es": "Principal"},
    "nav.dashboard": {"en": "Dashboard", "es": "Panel"},
    "nav.search": {"en": "Search", "es": "Buscar"},
    "nav.sparql": {"en": "SPARQL", "es": "SPARQL"},
    "nav.ontology": {"en": "Ontology", "es": "Ontología"},
    "nav.api": {"en": "API", "es": "API"},
    "nav.breadcrumb": {"en": "Breadcrumb", "es": "Ruta de navegación"},
    "search.placeholder": {"en": "provisions, activities, bodies, topics",
                           "es": "disposiciones, actividades, órganos, temas"},
    "search.button": {"en": "Search", "es": "Buscar"},
    "footer.about": {"en": "IACML mandate traceability knowledge base: read-only, every link backed by a verbatim "
                           "quote.",
                     "es": "Base de conocimiento de la trazabilidad de los mandatos de la CIMT: de solo lectura, "
                           "cada vínculo respaldado por una cita textual."},
    "footer.version": {"en": "Dataset version <code>{version}</code>.", "es": "Versión del conjunto de datos "
                                                                             "<code>{version}</code>."},
    "footer.triples": {"en": "{triples} triples.", "es": "{triples} tripletas."},
    "footer.endpoint": {"en": "SPARQL endpoint", "es": "Punto de acceso SPARQL"},
    # --- error pages -------------------------------------------------------------------------------
    "error.parameter": {"en": "The part of the request at fault: <code>{parameter}</code>.",
                        "es": "La parte de la solicitud que falla: <code>{parameter}</code>."},
    "error.find": {"en": "Search for it on the <a href=\"/search\">search page</a>, or start from the "
                         "<a href=\"/\">dashboard</a>.",
                   "es": "Búsquelo en la <a href=\"/search\">página de búsqueda</a>, o empiece por el "
                         "<a href=\"/\">panel</a>."},
    "error.again": {"en": "Start again from the <a href=\"/\">dashboard</a>; what this service answers, and how, "
                          "is described at <a href=\"/docs\">/docs</a>.",
                    "es": "Vuelva a empezar por el <a href=\"/\">panel</a>; lo que este servicio responde, y "
                          "cómo, se describe en <a href=\"/docs\">/docs</a>."},
    "error.400": {"en": "Bad Request", "es": "Solicitud incorrecta"},
    "error.403": {"en": "Forbidden", "es": "Prohibido"},
    "error.404": {"en": "Not Found", "es": "No encontrado"},
    "error.405": {"en": "Method Not Allowed", "es": "Método no permitido"},
    "error.406": {"en": "Not Acceptable", "es": "Formato no aceptable"},
    "error.408": {"en": "Request Timeout", "es": "Tiempo de solicitud agotado"},
    "error.410": {"en": "Gone", "es": "Retirado"},
    "error.413": {"en": "Content Too Large", "es": "Contenido demasiado grande"},
    "error.500": {"en": "Internal Server Error", "es": "Error interno del servidor"},
    "error.503": {"en": "Service Unavailable", "es": "Servicio no disponible"},
    # --- status words (DESIGN.md section 4; the values themselves never change) --------------------
    # (the values' names are the library's, said in its explanations too: kb.STATUS_NAMES)
    **{f"status.{value}": dict(names) for value, names in kb.STATUS_NAMES.items()},
    "status.open": {"en": "open", "es": "abierto"},
    "column.no-evidence": {"en": "Open", "es": "Abiertos"},
    "column.partly-addressed": {"en": "Partly addressed", "es": "Atendidos en parte"},
    "column.addressed": {"en": "Addressed", "es": "Atendidos"},
    "column.fulfilled": {"en": "Fulfilled", "es": "Cumplidos"},
    "column.carried-forward": {"en": "Carried forward", "es": "Retomados"},
    "column.superseded": {"en": "Superseded", "es": "Sustituidos"},
    "dimension.response": {"en": "response", "es": "respuesta"},
    "dimension.lifecycle": {"en": "lifecycle", "es": "ciclo de vida"},
    "dimension.adoption": {"en": "adoption", "es": "adopción"},
    "col.response": {"en": "Response", "es": "Respuesta"},
    "col.lifecycle": {"en": "Lifecycle", "es": "Ciclo de vida"},
    # --- fields and columns shared by several pages -------------------------------------------------
    "field.asof": {"en": "As of", "es": "A la fecha"},
    "field.kind": {"en": "Kind", "es": "Tipo"},
    "field.status": {"en": "Status", "es": "Estado"},
    "field.document": {"en": "Document", "es": "Documento"},
    "field.topic": {"en": "Topic", "es": "Tema"},
    "field.body": {"en": "Body", "es": "Órgano"},
    "kinds.Mandate": {"en": "Mandates", "es": "Mandatos"},
    "kinds.Recommendation": {"en": "Recommendations", "es": "Recomendaciones"},
    "kinds.both": {"en": "Mandates and recommendations", "es": "Mandatos y recomendaciones"},
    "kinds_lower.Mandate": {"en": "mandates", "es": "mandatos"},
    "kinds_lower.Recommendation": {"en": "recommendations", "es": "recomendaciones"},
    "kinds_lower.both": {"en": "mandates and recommendations", "es": "mandatos y recomendaciones"},
    "col.provision": {"en": "Provision", "es": "Disposición"},
    "col.text": {"en": "Text", "es": "Texto"},
    "col.why": {"en": "Why", "es": "Por qué"},
    "col.total": {"en": "Total", "es": "Total"},
    "col.dimension": {"en": "Dimension", "es": "Dimensión"},
    "col.explanation": {"en": "Explanation", "es": "Explicación"},
    "col.property": {"en": "Property", "es": "Propiedad"},
    "col.value": {"en": "Value", "es": "Valor"},
    # --- the dashboard -----------------------------------------------------------------------------
    "home.heading": {"en": "IACML knowledge base: mandates dashboard",
                     "es": "Base de conocimiento de la CIMT: panel de mandatos"},
    "home.lead": {"en": "Which mandates of the IACML are still open, and what answered the others, as of "
                        "<strong id=\"asof-date\">{asof}</strong>",
                  "es": "Qué mandatos de la CIMT siguen abiertos, y qué respondió a los demás, a la fecha del "
                        "<strong id=\"asof-date\">{asof}</strong>"},
    "home.build_date": {"en": "(the build's date is {date})", "es": "(la fecha de la compilación es {date})"},
    "home.open_means": {"en": "Open means that no activity or output answering the mandate is recorded by that date.",
                        "es": "Abierto significa que a esa fecha no consta ninguna actividad ni producto que responda "
                              "al mandato."},
    "home.filters_unused": {"en": "Some filters were not used:", "es": "Algunos filtros no se aplicaron:"},
    "home.filters": {"en": "Filters", "es": "Filtros"},
    "home.any_status": {"en": "any status", "es": "cualquier estado"},
    "home.every_document": {"en": "every document", "es": "todos los documentos"},
    "home.every_topic": {"en": "every topic", "es": "todos los temas"},
    "home.every_body": {"en": "every body", "es": "todos los órganos"},
    "home.apply": {"en": "Apply filters", "es": "Aplicar filtros"},
    "home.reset": {"en": "Reset", "es": "Restablecer"},
    "home.with_status": {"en": "with status {status}", "es": "con estado {status}"},
    "home.count": {"en": "<span id=\"row-count\">{shown}</span> of {all} {kind} as of {asof}",
                   "es": "<span id=\"row-count\">{shown}</span> de {all} {kind} a la fecha del {asof}"},
    "home.first_shown": {"en": "(the first {n} shown; the CSV has them all)",
                         "es": "(se muestran los {n} primeros; el CSV los tiene todos)"},
    "home.csv": {"en": "Download this view as CSV", "es": "Descargar esta vista en CSV"},
    "home.caption": {"en": "{kind} as of {asof}, filtered", "es": "{kind} a la fecha del {asof}, filtrados"},
    "home.nothing": {"en": "Nothing matches these filters.", "es": "Nada coincide con estos filtros."},
    "home.counts": {"en": "Counts by status", "es": "Recuento por estado"},
    "home.counts_note": {"en": "Each count is of {kind} existing as of {asof}; a mandate can be addressed and "
                               "carried forward at once. Select a count to list those mandates.",
                         "es": "Cada recuento es de {kind} existentes a la fecha del {asof}; un mandato puede estar "
                               "atendido y retomado a la vez. Seleccione un recuento para listar esos mandatos."},
    "home.by_document": {"en": "By Plan of Action and other mandating document",
                         "es": "Por Plan de Acción y otro documento que establece mandatos"},
    "home.by_topic": {"en": "By topic", "es": "Por tema"},
    "home.by_body": {"en": "By body (addressee or issuer)", "es": "Por órgano (destinatario o emisor)"},
    "home.documents": {"en": "Documents", "es": "Documentos"},
    "home.read_text": {"en": "read the text", "es": "leer el texto"},
    "home.known_through_quotation": {"en": "known through quotation", "es": "conocido por cita"},
    "home.downloads": {"en": "Downloads:", "es": "Descargas:"},
    # --- quotes -------------------------------------------------------------------------------------
    "quote.characters": {"en": "characters {start}\u2013{end}", "es": "caracteres {start}\u2013{end}"},
    "quote.in_context": {"en": "read in context", "es": "leer en contexto"},
    "quote.evidence": {"en": "evidence", "es": "evidencia"},
    "count.quote.one": {"en": "{n} quote", "es": "{n} cita"},
    "count.quote.other": {"en": "{n} quotes", "es": "{n} citas"},
    # --- item pages ---------------------------------------------------------------------------------
    "item.version_document": {"en": "Held in {language} too: <a href=\"{href}\">{label}</a>.",
                              "es": "También se tiene en {language}: <a href=\"{href}\">{label}</a>."},
    "item.version_aligned": {"en": "Shown as its {language} version says it, <a href=\"{href}\">{label}</a>; the "
                                   "original is below.",
                             "es": "Se muestra como lo dice su versión en {language}, <a href=\"{href}\">{label}</a>; "
                                   "el original figura debajo."},
    "item.version_counterpart": {"en": "Its counterpart in its {language} version: <a href=\"{href}\">{label}</a>.",
                                 "es": "Su equivalente en la versión en {language}: <a href=\"{href}\">{label}</a>."},
    "item.version_lacks": {"en": "Its {language} version, <a href=\"{href}\">{label}</a>, has no counterpart of it: "
                                 "the original is shown.",
                           "es": "Su versión en {language}, <a href=\"{href}\">{label}</a>, no tiene su equivalente: "
                                 "se muestra el original."},
    "item.original_text": {"en": "The original ({language})", "es": "El original ({language})"},
    "language.en": {"en": "English", "es": "inglés"},
    "language.es": {"en": "Spanish", "es": "español"},
    "item.read_source": {"en": "Read it in the source text", "es": "Leerlo en el texto fuente"},
    "item.cite": {"en": "Cite", "es": "Citar"},
    "item.also_as": {"en": "Also as", "es": "También en"},
    "item.quoted": {"en": "{n} passages of this text are quoted as evidence: <a href=\"{href}\">read them marked in "
                          "the source text</a>.",
                    "es": "{n} pasajes de este texto se citan como evidencia: <a href=\"{href}\">leerlos marcados "
                          "en el texto fuente</a>."},
    "item.show_asof": {"en": "Show status as of this date", "es": "Mostrar el estado a esta fecha"},
    "item.asof_reason": {"en": "As of {asof}:", "es": "A la fecha del {asof}:"},
    "item.this": {"en": "this", "es": "este elemento"},
    "item.known_by": {"en": "known by {date}", "es": "conocido al {date}"},
    "item.status_error": {"en": "The status could not be computed:", "es": "No se pudo calcular el estado:"},
    "item.trace": {"en": "Trace", "es": "Trazabilidad"},
    "item.trace_note": {"en": "Where it came from and what answered or carried it forward, placed by date. Arrows "
                              "point from the later item to the one it derives from, reiterates, answers or fulfils.",
                        "es": "De dónde viene y qué le respondió o lo retomó, situado por fecha. Las flechas van del "
                              "elemento posterior al que deriva, reitera, responde o cumple."},
    "direction.item": {"en": "this item", "es": "este elemento"},
    "direction.upstream": {"en": "upstream", "es": "origen"},
    "direction.downstream": {"en": "downstream", "es": "seguimiento"},
    "timeline.title": {"en": "Trace of {label} on a time line", "es": "Trazabilidad de {label} en una línea de tiempo"},
    "timeline.desc": {"en": "{n} items placed by date from {low} to {high}, joined by {links}; the same "
                            "links are listed below as text.",
                      "es": "{n} elementos situados por fecha de {low} a {high}, unidos por {links}; los mismos "
                            "vínculos se enumeran abajo como texto."},
    "count.typed_link.one": {"en": "{n} typed link", "es": "{n} vínculo tipado"},
    "count.typed_link.other": {"en": "{n} typed links", "es": "{n} vínculos tipados"},
    "timeline.item": {"en": "item", "es": "elemento"},
    # a boolean value in an item's facts (kb:held): the graph's true and false as the page says them
    "value.true": {"en": "true", "es": "sí"},
    "value.false": {"en": "false", "es": "no"},
    "timeline.undated": {"en": "undated", "es": "sin fecha"},
    "item.links": {"en": "Links and their evidence", "es": "Vínculos y su evidencia"},
    "item.this_link": {"en": "This {words}", "es": "Este elemento {words}"},
    "item.role": {"en": "role {role}", "es": "función: {role}"},
    "item.as_role": {"en": "as {role}", "es": "como {role}"},
    "item.answers_part": {"en": "answers in part:", "es": "responde en parte:"},
    "item.asserted_by": {"en": "asserted by {who}", "es": "afirmado por {who}"},
    "item.confidence": {"en": "confidence {value}", "es": "confianza {value}"},
    "item.link_iri": {"en": "link {id}", "es": "vínculo {id}"},
    "item.link": {"en": "link", "es": "vínculo"},
    "item.quoted_before_held": {"en": "Quoted before it was held", "es": "Citado antes de tener su texto"},
    "item.known_through_quotation": {"en": "Known through quotation", "es": "Conocido por cita"},
    "item.evidence": {"en": "Evidence", "es": "Evidencia"},
    "item.quotes": {"en": "Quotes", "es": "Citas"},
    "item.quotes_for": {"en": "for {label}", "es": "de {label}"},
    "item.contents": {"en": "Contents", "es": "Contenido"},
    "item.related": {"en": "Related", "es": "Relacionado"},
    "item.facts": {"en": "Facts", "es": "Datos"},
    "item.cite_note": {"en": "The citation names the permanent IRI and the dataset version it was taken from.",
                       "es": "La cita indica el IRI permanente y la versión del conjunto de datos de la que se tomó."},
    "cite.text": {"en": "Text", "es": "Texto (en inglés)"},
    "cite.markdown": {"en": "Markdown", "es": "Markdown"},
    "cite.bibtex": {"en": "BibTeX", "es": "BibTeX"},
    "cite.csl-json": {"en": "CSL-JSON", "es": "CSL-JSON"},
    "cite.text-es": {"en": "Text, in Spanish", "es": "Texto, en español"},
    "cite.name.text": {"en": "text", "es": "en texto"},
    "cite.name.markdown": {"en": "markdown", "es": "en Markdown"},
    "cite.name.bibtex": {"en": "bibtex", "es": "en BibTeX"},
    "cite.name.csl-json": {"en": "csl-json", "es": "en CSL-JSON"},
    "cite.name.text-es": {"en": "text-es", "es": "en texto, en español"},
    "cite.copy": {"en": "Copy {name} citation", "es": "Copiar la cita {name}"},
    "cite.copied": {"en": "Copied the {name} citation to the clipboard.",
                    "es": "Cita {name} copiada al portapapeles."},
    "cite.refused": {"en": "The browser refused to copy: the {name} citation is selected, press Ctrl+C.",
                     "es": "El navegador no permitió copiar: la cita {name} está seleccionada, pulse Ctrl+C."},
    # --- the reader ---------------------------------------------------------------------------------
    "reader.title": {"en": "Reader: {title}", "es": "Lector: {title}"},
    "reader.source_text": {"en": "Source text", "es": "Texto fuente"},
    "reader.heading": {"en": "{title}: source text", "es": "{title}: texto fuente"},
    "reader.lead": {"en": "The text as the knowledge base was built from it ({characters} characters). Each of its "
                          "{provisions} provisions is anchored by its eId (<code>#eId</code> after this page's "
                          "address); the {quotes} passages quoted as evidence are <mark>marked</mark>, and the items "
                          "linked to a provision are listed beside it.",
                    "es": "El texto a partir del cual se construyó la base de conocimiento ({characters} caracteres). "
                          "Cada una de sus {provisions} disposiciones tiene un ancla con su eId (<code>#eId</code> "
                          "tras la dirección de esta página); los {quotes} pasajes citados como evidencia están "
                          "<mark>marcados</mark>, y junto a cada disposición se enumeran los elementos vinculados."},
    "reader.toc": {"en": "Sections, mandates and recommendations", "es": "Secciones, mandatos y recomendaciones"},
    "reader.quoted": {"en": "quoted as evidence", "es": "citado como evidencia"},
    # --- search -------------------------------------------------------------------------------------
    "search.form": {"en": "Search the knowledge base", "es": "Buscar en la base de conocimiento"},
    "search.words": {"en": "Words (all must occur; case and accents ignored)",
                     "es": "Palabras (deben aparecer todas; sin distinguir mayúsculas ni acentos)"},
    "search.in": {"en": "In", "es": "En"},
    "search.all_types": {"en": "provisions, activities, bodies and topics",
                         "es": "disposiciones, actividades, órganos y temas"},
    "search.type.provision": {"en": "provisions", "es": "disposiciones"},
    "search.type.activity": {"en": "activities", "es": "actividades"},
    "search.type.body": {"en": "bodies", "es": "órganos"},
    "search.type.topic": {"en": "topics", "es": "temas"},
    "search.summary.one": {"en": "{n} result for “{q}”.", "es": "{n} resultado para «{q}»."},
    "search.summary.other": {"en": "{n} results for “{q}”.", "es": "{n} resultados para «{q}»."},
    "search.heading.provision": {"en": "Provisions", "es": "Disposiciones"},
    "search.heading.activity": {"en": "Activities", "es": "Actividades"},
    "search.heading.body": {"en": "Bodies", "es": "Órganos"},
    "search.heading.topic": {"en": "Topics", "es": "Temas"},
    "search.more": {"en": "Only the first {n} are shown: add words to narrow the search.",
                    "es": "Solo se muestran los {n} primeros: añada palabras para acotar la búsqueda."},
    # "none" agrees with the group's noun in Spanish: disposiciones, actividades (f.), órganos (m.)
    "search.none.provision": {"en": "None.", "es": "Ninguna."},
    "search.none.activity": {"en": "None.", "es": "Ninguna."},
    "search.none.body": {"en": "None.", "es": "Ninguno."},
    "search.none.topic": {"en": "None.", "es": "Ninguno."},
    "search.intro": {"en": "Type words to find provisions (mandates, recommendations, findings…), activities, "
                           "bodies and topics.",
                     "es": "Escriba palabras para encontrar disposiciones (mandatos, recomendaciones, "
                           "conclusiones…), actividades, órganos y temas."},
    # --- the ontology page --------------------------------------------------------------------------
    "ontology.lead": {"en": "The {count} terms of the <code>kb:</code> vocabulary "
                            "(<code>https://w3id.org/iacml-kb/ontology#</code>), with their definitions and examples "
                            "taken from the knowledge base. Standard vocabularies (ELI, PROV-O, ORG, SKOS, Web "
                            "Annotation, DCTERMS, CiTO) are aligned to it.",
                      "es": "Los {count} términos del vocabulario <code>kb:</code> "
                            "(<code>https://w3id.org/iacml-kb/ontology#</code>), con sus definiciones (en inglés) y "
                            "ejemplos tomados de la base de conocimiento. Los vocabularios estándar (ELI, PROV-O, ORG, "
                            "SKOS, Web Annotation, DCTERMS, CiTO) están alineados con él."},
    "ontology.sections": {"en": "Ontology sections", "es": "Secciones de la ontología"},
    "ontology.kind.Class": {"en": "Classes", "es": "Clases"},
    "ontology.kind.ObjectProperty": {"en": "Object properties", "es": "Propiedades de objeto"},
    "ontology.kind.DatatypeProperty": {"en": "Datatype properties", "es": "Propiedades de datos"},
    "ontology.kind.AnnotationProperty": {"en": "Annotation properties", "es": "Propiedades de anotación"},
    "ontology.kind.NamedIndividual": {"en": "Individuals", "es": "Individuos"},
    "ontology.term": {"en": "Term", "es": "Término"},
    "ontology.definition": {"en": "Definition", "es": "Definición"},
    "ontology.instances": {"en": "Instances", "es": "Instancias"},
    "ontology.uses": {"en": "Uses", "es": "Usos"},
    "ontology.examples": {"en": "Examples from the knowledge base", "es": "Ejemplos de la base de conocimiento"},
    "ontology.subclass_of": {"en": "subclass of", "es": "subclase de"},
    "ontology.subproperty_of": {"en": "subproperty of", "es": "subpropiedad de"},
    "ontology.domain": {"en": "domain", "es": "dominio"},
    "ontology.range": {"en": "range", "es": "rango"},
    # --- the SPARQL query editor (/query) and the endpoint's page (/sparql) -------------------------
    "query.title": {"en": "SPARQL query editor", "es": "Editor de consultas SPARQL"},
    "query.lead": {"en": "Ask the knowledge base anything in SPARQL 1.1 over its <a href=\"/ontology\">documented "
                         "ontology</a>. Queries run read-only at the <a href=\"/sparql\">SPARQL endpoint</a> "
                         "(<code>/sparql</code>), each under a time limit of {time_limit} s and a cap of {row_cap} "
                         "result rows, and are at most {max_chars} characters long.",
                   "es": "Pregunte lo que quiera a la base de conocimiento en SPARQL 1.1 sobre su <a "
                         "href=\"/ontology\">ontología documentada</a>. Las consultas se ejecutan en modo de solo "
                         "lectura en el <a href=\"/sparql\">punto de acceso SPARQL</a> (<code>/sparql</code>), cada "
                         "una con un límite de tiempo de {time_limit} s y un máximo de {row_cap} filas de resultado, "
                         "y tienen como mucho {max_chars} caracteres."},
    "query.plain_form": {"en": "This is the plain form: the SPARQL editor (YASGUI's YASQE, with syntax highlighting "
                               "and completion) is not installed. Install it with <code>{hint}</code> in the project "
                               "folder and reload this page.",
                         "es": "Este es el formulario simple: el editor SPARQL (YASQE de YASGUI, con resaltado de "
                               "sintaxis y autocompletado) no está instalado. Instálelo con <code>{hint}</code> en la "
                               "carpeta del proyecto y vuelva a cargar esta página."},
    "query.examples": {"en": "Example queries", "es": "Consultas de ejemplo"},
    "query.example": {"en": "Example query", "es": "Consulta de ejemplo"},
    "query.choose": {"en": "Choose an example…", "es": "Elija un ejemplo…"},
    "query.load": {"en": "Load example", "es": "Cargar el ejemplo"},
    "query.parameters": {"en": "Parameters of this example", "es": "Parámetros de este ejemplo"},
    "query.parameters_hint": {"en": "Each value you give is bound by a <code>VALUES</code> line at the top of the "
                                    "query's <code>WHERE</code> group; changing one rewrites the example in the "
                                    "editor. Leave an optional one empty to leave it unbound.",
                              "es": "Cada valor que indique se vincula con una línea <code>VALUES</code> al principio "
                                    "del grupo <code>WHERE</code> de la consulta; al cambiar uno se reescribe el "
                                    "ejemplo en el editor. Deje vacío uno opcional para dejarlo sin vincular."},
    "query.all_examples": {"en": "All example queries, with their descriptions",
                           "es": "Todas las consultas de ejemplo, con sus descripciones (en inglés)"},
    "query.parameters_list": {"en": "Parameters:", "es": "Parámetros:"},
    "query.query": {"en": "Query", "es": "Consulta"},
    "query.sparql_query": {"en": "SPARQL query", "es": "Consulta SPARQL"},
    "query.format": {"en": "Result format", "es": "Formato del resultado"},
    "query.run": {"en": "Run query", "es": "Ejecutar la consulta"},
    "query.run_hint": {"en": "Ctrl+Enter in the editor runs the query, Ctrl+Space completes prefixes, classes and "
                             "properties, Tab leaves the editor.",
                       "es": "Ctrl+Intro en el editor ejecuta la consulta, Ctrl+Espacio completa prefijos, clases y "
                             "propiedades, Tab sale del editor."},
    "query.prefixes": {"en": "Prefixes of the knowledge base", "es": "Prefijos de la base de conocimiento"},
    "query.prefix": {"en": "Prefix", "es": "Prefijo"},
    "query.namespace": {"en": "Namespace", "es": "Espacio de nombres"},
    "query.results": {"en": "Results", "es": "Resultados"},
    "query.downloads": {"en": "Download the results", "es": "Descargar los resultados"},
    "query.download": {"en": "Download:", "es": "Descargar:"},
    "query.permalink": {"en": "Permalink to this query", "es": "Enlace permanente a esta consulta"},
    "query.permalink_note": {"en": "(opens the editor with this query and runs it)",
                             "es": "(abre el editor con esta consulta y la ejecuta)"},
    # the script's words (static/sparql-page.js reads them from the page; plain text, not markup)
    "query.js.editor_failed": {"en": "The editor did not load; this is the plain text box.",
                               "es": "El editor no se cargó; este es el cuadro de texto simple."},
    "query.js.need_iri": {"en": "an absolute IRI, without spaces or any of <>\"{}|^`\\",
                          "es": "un IRI absoluto, sin espacios ni ninguno de <>\"{}|^`\\"},
    "query.js.need_date": {"en": "a date written YYYY-MM-DD", "es": "una fecha escrita AAAA-MM-DD"},
    "query.js.need_integer": {"en": "a whole number", "es": "un número entero"},
    "query.js.not_bound": {"en": "Not bound: ?{name} needs {need}.", "es": "Sin vincular: ?{name} necesita {need}."},
    "query.js.optional": {"en": ", optional", "es": ", opcional"},
    "query.js.example": {"en": "e.g. {value}", "es": "p. ej. {value}"},
    "query.js.running": {"en": "Running the query…", "es": "Ejecutando la consulta…"},
    "query.js.failed": {"en": "The query failed (HTTP {status}).", "es": "La consulta falló (HTTP {status})."},
    "query.js.truncated": {"en": "The answer was cut at {cap} rows: download it or narrow the query.",
                           "es": "La respuesta se cortó en {cap} filas: descárguela o acote la consulta."},
    "query.js.triples_one": {"en": "{n} triple in {seconds} s.", "es": "{n} tripleta en {seconds} s."},
    "query.js.triples_other": {"en": "{n} triples in {seconds} s.", "es": "{n} tripletas en {seconds} s."},
    "query.js.boolean": {"en": "The answer is {value} ({seconds} s).", "es": "La respuesta es {value} ({seconds} s)."},
    "query.js.rows_one": {"en": "{n} row in {seconds} s.", "es": "{n} fila en {seconds} s."},
    "query.js.rows_other": {"en": "{n} rows in {seconds} s.", "es": "{n} filas en {seconds} s."},
    "query.js.not_sent": {"en": "The query could not be sent.", "es": "No se pudo enviar la consulta."},
    "query.js.run_hint_plain": {"en": "Ctrl+Enter in the query runs it.",
                                "es": "Ctrl+Intro en la consulta la ejecuta."},
    "query.unknown_example": {"en": "There is no example query named {name}; pick one from the list.",
                              "es": "No hay ninguna consulta de ejemplo llamada {name}; elija una de la lista."},
    "query.too_long": {"en": "The query is {length} characters long; this service takes at most {limit}.",
                       "es": "La consulta tiene {length} caracteres; este servicio acepta como mucho {limit}."},
    "sparql.editor": {"en": "<a href=\"/query\">Open the SPARQL query editor</a>: example queries with their "
                            "descriptions, completion, results as a table, downloads in every format and a permalink.",
                      "es": "<a href=\"/query\">Abrir el editor de consultas SPARQL</a>: consultas de ejemplo con sus "
                            "descripciones, autocompletado, resultados en una tabla, descargas en todos los formatos "
                            "y un enlace permanente."},
    "sparql.limits": {"en": "Read-only SPARQL 1.1 Query. Each query runs under a time limit of {time_limit} s and a "
                            "cap of {row_cap} result rows; queries are at most {max_chars} characters.",
                      "es": "SPARQL 1.1 Query de solo lectura. Cada consulta se ejecuta con un límite de tiempo de "
                            "{time_limit} s y un máximo de {row_cap} filas de resultado; las consultas tienen como "
                            "mucho {max_chars} caracteres."},
    "sparql.format": {"en": "Format", "es": "Formato"},
    "sparql.run": {"en": "Run", "es": "Ejecutar"},
    "sparql.description": {"en": "Service description", "es": "Descripción del servicio"},
    # --- the curator's review page (/review, curator mode only; api.review) -------------------------
    "review.title": {"en": "Review suggested links", "es": "Revisar los vínculos sugeridos"},
    "review.lead": {"en": "Links <code>kb suggest</code> proposed for <code>{corpus}</code>, best first. Every quote "
                          "is verbatim from a held source. An accepted link becomes curated "
                          "(<code>annotations/reviewed-links.yaml</code>) and is published by the next <code>kb "
                          "build</code>; a rejected one is not proposed again. This page is served in curator mode "
                          "only, on this machine.",
                    "es": "Vínculos que <code>kb suggest</code> propuso para <code>{corpus}</code>, los mejores "
                          "primero. Cada cita es textual de una fuente conservada. Un vínculo aceptado pasa a ser "
                          "curado (<code>annotations/reviewed-links.yaml</code>) y lo publica la próxima <code>kb "
                          "build</code>; uno rechazado no se vuelve a proponer. Esta página solo se sirve en modo "
                          "curador, en esta máquina."},
    "review.not_done": {"en": "Not done: {message}.", "es": "No se hizo: {message}."},
    "review.nothing_written": {"en": "Nothing was written.", "es": "No se escribió nada."},
    "review.nothing_written_edits": {"en": "Nothing was written; your edits are below (<a href=\"#s-{ident}\">the "
                                           "suggestion</a>)",
                                     "es": "No se escribió nada; sus cambios están abajo (<a href=\"#s-{ident}\">la "
                                           "sugerencia</a>)"},
    "review.edits": {"en": "Your edits are below (<a href=\"#s-{ident}\">the suggestion</a>)",
                     "es": "Sus cambios están abajo (<a href=\"#s-{ident}\">la sugerencia</a>)"},
    "review.mended": {"en": ", the quote as the source reads it: accept to take it",
                      "es": ", con la cita tal como se lee en la fuente: acepte para tomarla"},
    "review.filters": {"en": "Which suggestions", "es": "Qué sugerencias"},
    "review.type": {"en": "Type", "es": "Tipo"},
    "review.any": {"en": "any", "es": "cualquiera"},
    "review.show": {"en": "Show", "es": "Mostrar"},
    "review.waiting": {"en": "{n} suggestion(s) waiting", "es": "{n} sugerencia(s) en espera"},
    "review.shown": {"en": ", {n} of them shown here", "es": ", {n} de ellas mostradas aquí"},
    "review.page": {"en": "; page {page} of {pages}", "es": "; página {page} de {pages}"},
    "review.pages": {"en": "Pages of suggestions", "es": "Páginas de sugerencias"},
    "review.previous": {"en": "Previous", "es": "Anterior"},
    "review.next": {"en": "Next", "es": "Siguiente"},
    "review.quote_from": {"en": "Quote from <code>{document}</code>", "es": "Cita de <code>{document}</code>"},
    "review.quote_drop": {"en": "(- takes it out)", "es": "(- la quita)"},
    "review.reason": {"en": "Reason (if rejected)", "es": "Motivo (si se rechaza)"},
    "review.accept": {"en": "Accept", "es": "Aceptar"},
    "review.declare": {"en": "Declare", "es": "Declarar"},
    "review.reject": {"en": "Reject", "es": "Rechazar"},
    "review.activities": {"en": "Activities the documents report, not declared yet",
                          "es": "Actividades que informan los documentos, aún no declaradas"},
    "count.proposed_activity.one": {"en": "{n} proposed activity.", "es": "{n} actividad propuesta."},
    "count.proposed_activity.other": {"en": "{n} proposed activities.", "es": "{n} actividades propuestas."},
    "review.declared_goes": {"en": "A declared activity goes to <code>annotations/reviewed-activities.yaml</code>; "
                                   "after <code>kb build</code>, <code>kb suggest --document</code> proposes what it "
                                   "answered.",
                             "es": "Una actividad declarada se escribe en <code>annotations/reviewed-activities.yaml"
                                   "</code>; tras <code>kb build</code>, <code>kb suggest --document</code> propone lo "
                                   "que respondió."},
    "review.reported_in": {"en": "{label} <em>{type}</em>, reported in <code>{document}</code>",
                           "es": "{label} <em>{type}</em>, informada en <code>{document}</code>"},
    "review.confidence": {"en": "Confidence {confidence} · {why}", "es": "Confianza {confidence} · {why}"},
    "review.slug": {"en": "Slug", "es": "Identificador (slug)"},
    "review.label": {"en": "Label", "es": "Etiqueta"},
    "review.start": {"en": "Start", "es": "Inicio"},
    "review.end_date": {"en": "End", "es": "Fin"},
    "review.place": {"en": "Place", "es": "Lugar"},
    "review.date_format": {"en": "YYYY-MM-DD", "es": "AAAA-MM-DD"},
    "review.links": {"en": "Suggested links", "es": "Vínculos sugeridos"},
    "review.target": {"en": "Target", "es": "Destino"},
    "review.role": {"en": "Role", "es": "Papel"},
    # what a decision did, as the page says it after the post (the library's own words stay as it wrote them)
    "review.done.accepted": {"en": "accepted {link}: run kb build to publish it",
                             "es": "aceptado {link}: ejecute kb build para publicarlo"},
    "review.done.rejected": {"en": "rejected {ident}: it will not be suggested again",
                             "es": "rechazada {ident}: no se volverá a sugerir"},
    "review.done.rejected_activity": {"en": "rejected {ident}: it will not be proposed again",
                                      "es": "rechazada {ident}: no se volverá a proponer"},
    "review.done.declared": {"en": "declared activity {slug} ({type}): run kb build, then kb suggest --document "
                                   "{document} proposes what it answered",
                             "es": "actividad {slug} ({type}) declarada: ejecute kb build, y luego kb suggest "
                                   "--document {document} propone lo que respondió"},
    # --- what an RDF description shows (/dataset, /.well-known/void, /ontology/alignments) ----------
    "triples.properties": {"en": "Properties", "es": "Propiedades"},
    "triples.referred_by": {"en": "Referred to by", "es": "Referido por"},
    "triples.terms": {"en": "Terms", "es": "Términos"},
    # --- links between items: how a page says them, by link type and direction ----------------------
    "link_words.derivedFrom.out": {"en": "derived from", "es": "deriva de"},
    "link_words.derivedFrom.in": {"en": "derived from it", "es": "deriva de este elemento"},
    "link_words.respondsTo.out": {"en": "responds to", "es": "responde a"},
    "link_words.respondsTo.in": {"en": "responds to it", "es": "responde a este elemento"},
    "link_words.reiterates.out": {"en": "reiterates", "es": "reitera"},
    "link_words.reiterates.in": {"en": "reiterates it", "es": "lo reitera"},
    "link_words.fulfils.out": {"en": "fulfils", "es": "cumple"},
    "link_words.fulfils.in": {"en": "fulfils it", "es": "lo cumple"},
    "link_words.addressee.out": {"en": "is addressed to", "es": "se dirige a"},
    "link_words.addressee.in": {"en": "addresses it", "es": "se le dirige"},
    "link_words.hasTopic.out": {"en": "is on the topic", "es": "trata del tema"},
    "link_words.hasTopic.in": {"en": "is its topic", "es": "es su tema"},
    "link_words.chair.out": {"en": "chaired by", "es": "presidido por"},
    "link_words.chair.in": {"en": "chairs it", "es": "lo preside"},
    "link_words.viceChair.out": {"en": "vice-chaired by", "es": "con vicepresidencia de"},
    "link_words.viceChair.in": {"en": "vice-chairs it", "es": "ocupa su vicepresidencia"},
    "link_words.followsUp.out": {"en": "follows up", "es": "da seguimiento a"},
    "link_words.followsUp.in": {"en": "follows it up", "es": "le da seguimiento"},
    "link_words.partOfActivity.out": {"en": "is part of", "es": "forma parte de"},
    "link_words.partOfActivity.in": {"en": "is one of its parts", "es": "es una de sus partes"},
    "link_words.plannedIn.out": {"en": "is planned in", "es": "está previsto en"},
    "link_words.plannedIn.in": {"en": "plans it", "es": "lo prevé"},
    "role_group.addressee.in": {"en": "Mandates and recommendations addressed to it",
                                "es": "Mandatos y recomendaciones que se le dirigen"},
    "role_group.addressee.out": {"en": "Addressed to", "es": "Dirigido a"},
    "role_group.hasTopic.in": {"en": "Provisions on this topic", "es": "Disposiciones sobre este tema"},
    "role_group.hasTopic.out": {"en": "Topics", "es": "Temas"},
    "role_group.chair.in": {"en": "Chair of", "es": "Preside"},
    "role_group.chair.out": {"en": "Chaired by", "es": "Presidido por"},
    "role_group.viceChair.in": {"en": "Vice-chair of", "es": "Ocupa la vicepresidencia de"},
    "role_group.viceChair.out": {"en": "Vice-chaired by", "es": "Con vicepresidencia de"},
    # items that point at an item, grouped by how (the term's local name)
    "incoming.addressee": {"en": "Mandates addressed to it", "es": "Mandatos que se le dirigen"},
    "incoming.organisedBy": {"en": "Activities it organised", "es": "Actividades que organizó"},
    "incoming.participant": {"en": "Activities it took part in", "es": "Actividades en que participó"},
    "incoming.issuedBy": {"en": "Documents it issued", "es": "Documentos que emitió"},
    "incoming.hasTopic": {"en": "Provisions on this topic", "es": "Disposiciones sobre este tema"},
    "incoming.broader": {"en": "Narrower topics", "es": "Temas más específicos"},
    "incoming.subOrganizationOf": {"en": "Parts of it", "es": "Sus partes"},
    "incoming.reportedIn": {"en": "Activities reported in it", "es": "Actividades que informa"},
    "incoming.meeting": {"en": "Documents of this meeting", "es": "Documentos de esta reunión"},
    "incoming.derivedFrom": {"en": "Derived from it", "es": "Derivados de esto"},
    "incoming.respondsTo": {"en": "Responses to it", "es": "Respuestas"},
    "incoming.reiterates": {"en": "Reiterated by", "es": "Reiterado por"},
    "incoming.fulfils": {"en": "Fulfilled by", "es": "Cumplido por"},
    "incoming.chair": {"en": "Chaired", "es": "Presidió"},
    "incoming.viceChair": {"en": "Vice-chaired", "es": "Ocupó la vicepresidencia de"},
    "incoming.followsUp": {"en": "Followed up by", "es": "Seguimiento por"},
    "incoming.partOfActivity": {"en": "Its parts", "es": "Sus partes"},
    "incoming.plannedIn": {"en": "Activities it plans", "es": "Actividades que prevé"},
    "incoming.versionOf": {"en": "Language versions", "es": "Versiones lingüísticas"},
    "incoming.other": {"en": "{name} of", "es": "{name} de"},
}


class Words:
    """The catalogue in one language, as the templates call it: ``t(key, **values)``, ``t.status(value)``."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"no words in {language!r}")
        self.language = language

    def __call__(self, key: str, **values: Any) -> Markup:
        """The text of ``key`` with its ``{name}`` values escaped into it (a KeyError for a key not here:
        a word missing from the catalogue is a mistake, not a blank)."""
        return Markup(WORDS[key][self.language]).format(**values)

    def plain(self, key: str, **values: Any) -> str:
        """The text of ``key`` as plain text, its values as given (a message sent on in an address, escaped
        where it is shown)."""
        return WORDS[key][self.language].format(**values)

    def status(self, value: str) -> Markup:
        """A status value as this language says it (the value itself is what IRIs and the API use)."""
        return self(f"status.{value}") if f"status.{value}" in WORDS else Markup.escape(value)

    def decimal(self, value: float | str) -> str:
        """A fraction as this language writes it: ``0.85`` in English, ``0,85`` in Spanish (the comma most
        Spanish-speaking readers of the region write). A number is given two places; a literal's text keeps
        its own."""
        written = value if isinstance(value, str) else f"{value:.2f}"
        return written.replace(".", ",") if self.language == "es" else written

    def count(self, noun: str, n: int) -> Markup:
        return self(f"count.{noun}.{'one' if n == 1 else 'other'}", n=n)

    def link_words(self, link_type: str, direction: str) -> Markup:
        """How a link of ``link_type`` reads from its source (``out``) or its target (``in``)."""
        key = f"link_words.{link_type}.{direction}"
        return self(key) if key in WORDS else Markup.escape(link_type)

    def group(self, prefix: str, key: str, name: str = "") -> Markup:
        """The heading of a group of items (``incoming``: by what points at the item), else ``{name} of``."""
        return self(f"{prefix}.{key}") if f"{prefix}.{key}" in WORDS else self(f"{prefix}.other", name=name)

    def has(self, key: str) -> bool:
        return key in WORDS

    def prefixed(self, prefix: str) -> dict[str, str]:
        """Every text whose key starts with ``prefix``, by the rest of its key, as plain text (for a script)."""
        return {key[len(prefix):]: entry[self.language] for key, entry in WORDS.items() if key.startswith(prefix)}
