"""The ``kb`` command line: a thin shell over the library's public API.

It owns argument parsing, output formatting and exit codes. Exit codes (README.md): 0 success,
1 validation failed (the corpus builds but does not conform), 2 usage or input error (bad
arguments, malformed corpus file, unknown id, malformed query), 3 `kb add` held a text but did not
build it (the curator's step it names comes first), 75 another build is running, 130 a
prompt cut short or a build interrupted (143 by SIGTERM). Every error is one line on stderr naming
the file and line or the id, and what to do.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import secrets
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

import kb
from kb.errors import EXIT_ABORTED, EXIT_NOT_BUILT, EXIT_USAGE, KbError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Mandate and recommendation traceability knowledge base (IACML).")

CorpusOpt = Annotated[Path | None, typer.Option("--corpus", help="Corpus directory (default: the repo's corpus/).")]
BuildOpt = Annotated[Path | None, typer.Option("--build-dir", help="Build directory (default: $KB_BUILD_DIR, else "
                                               "build/ beside the corpus: the repo's, from any folder).")]
StoreOpt = Annotated[str | None, typer.Option("--store", help="A SPARQL endpoint URL or a store folder "
                                              "(default: the current build's embedded store).")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


def _progress(message: str) -> None:
    typer.echo(f"  {message}", err=True)


class _Stages:
    """A build's progress callback: says each stage unless quiet, and keeps the one running, for the message
    when the build is interrupted (the pipeline says ``NAME...`` as each stage starts)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.stage = "start"  # taking the lock, before the first stage

    def __call__(self, message: str) -> None:
        self.stage = message.removesuffix("...")
        if not self.quiet:
            _progress(message)


def _published(build_dir: Path | None) -> kb.Release | None:
    try:
        return kb.current_release(build_dir)
    except kb.StoreError:
        return None


@contextlib.contextmanager
def _interruptible(command: str, build_dir: Path | None, stages: _Stages) -> Iterator[None]:
    """Ctrl-C (SIGINT) or SIGTERM (a service manager's stop) during a build: the pipeline's ``finally``s
    remove its work and staging folders and release the lock, then one line says where it stopped and
    what is published, with the shell's exit code for the signal. Typer would turn the KeyboardInterrupt
    into a bare exit code, and SIGTERM would kill the process with its folders left behind."""
    before = _published(build_dir)
    received: list[int] = []

    def terminate(signum: int, _frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt  # unwinds like Ctrl-C, through every finally

    previous = None
    if threading.current_thread() is threading.main_thread():  # only there can a handler be set
        previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt:
        signum = received[0] if received else signal.SIGINT
        after = _published(build_dir)
        where = (build_dir or kb.default_build_dir()).absolute()
        hint = f"run `kb {command}` again"
        if after is not None and (before is None or after.path != before.path):
            # the swap was done (the interrupt came while old releases were pruned): say it is current
            said, hint = f"{after.version} was published in {where} and is the current release", ""
        elif before is not None:
            said = f"nothing was published; the published release {before.version} in {where} is unchanged"
        else:
            said = f"nothing was published; {where} has no published release"
        raise kb.BuildInterruptedError(
            f"{command} interrupted by {signal.Signals(signum).name} at stage {stages.stage}: {said}",
            stage=stages.stage, signal=signum, hint=hint) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _item(store: kb.Store, reference: str) -> URIRef:
    """The IRI a reference names now: one published before its document was held, or before its
    text was read otherwise, is followed to the provision that replaced it (and the user told)."""
    target = kb.resolve_reference(reference)
    now = kb.replaced_by(store, target)
    if now is None:
        return target
    typer.echo(f"note: {target} is now {now}", err=True)
    return URIRef(now)


def _formats(fmt: str, *allowed: str) -> None:
    """Refuse a --format the command does not write (never a silent fallback to another)."""
    if fmt not in allowed:
        raise kb.InputError(f"--format {fmt!r} is not {', '.join(allowed[:-1])} or {allowed[-1]}",
                            parameter="format", hint=f"use one of {', '.join(allowed)}")


def _open(store: str | None, build_dir: Path | None) -> kb.Store:
    if store:
        return kb.open_store(store)
    return kb.open_store(kb.current_release(build_dir).store_path)


@app.command()
def build(corpus: CorpusOpt = None, build_dir: BuildOpt = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Build the knowledge base from the corpus, validate it and publish it atomically."""
    build_dir = build_dir or kb.default_build_dir(corpus)
    stages = _Stages(quiet)
    with _interruptible("build", build_dir, stages):
        release, report = kb.build(corpus, build_dir, progress=stages)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in report["timings_seconds"].items())
    typer.echo(f"built {report['version']}: {report['triples']} triples, {len(report['documents'])} documents, "
               f"{report['links']} links ({timings})")
    typer.echo(f"published to {release.path}")
    for warning in report["warnings"]:
        typer.echo(f"warning: {warning}", err=True)


def _parse_json(doc: kb.ParsedDocument) -> dict[str, object]:
    return {
        "metadata": doc.metadata.as_json(),
        "provisions": [{"eid": p.eid, "kind": p.kind.value, "number": p.number,
                        **({"number_reconstructed": True} if p.number_reconstructed else {}),
                        "text": p.text, "start": p.start, "end": p.end, "line": p.line, "parent": p.parent,
                        "heading": p.heading} for p in doc.provisions],
        "warnings": [w.as_json() for w in doc.warnings],
        "set_aside": {"front_matter_lines": [1, doc.body_line - 1] if doc.body_line > 1 else [],
                      "tables_of_contents_lines": [list(span) for span in doc.contents_lines]},
    }


def _parse_preview(doc: kb.ParsedDocument, *, limit: int | None = None) -> None:
    meta = doc.metadata.as_json()
    typer.echo("cover: " + "; ".join(f"{k}: {v}" for k, v in meta.items() if v not in (None, [], "")))
    if doc.body_line > 1:
        typer.echo(f"set aside: lines 1-{doc.body_line - 1} (cover, banners"
                   + (", a table of contents" if any(b < doc.body_line for _, b in doc.contents_lines) else "") + ")"
                   + "".join(f", lines {a}-{b} (table of contents)" for a, b in doc.contents_lines
                             if b >= doc.body_line))
    kinds: dict[str, int] = {}
    for p in doc.provisions:
        kinds[p.kind.value] = kinds.get(p.kind.value, 0) + 1
    typer.echo(f"{len(doc.provisions)} provisions: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    shown = doc.provisions if limit is None else doc.provisions[:limit]
    rows = [[Literal(str(p.line)), Literal(p.eid), Literal(p.kind.value),
             Literal((p.number or "") + ("*" if p.number_reconstructed else "")), Literal(p.text)] for p in shown]
    typer.echo(_table(["line", "eId", "kind", "number", "text"], rows, width=70))
    if limit is not None and len(doc.provisions) > limit:
        typer.echo(f"... {len(doc.provisions) - limit} more (kb parse FILE shows them all; --lines, line by line)")
    if any(p.number_reconstructed for p in doc.provisions):
        typer.echo("* number reconstructed in reading order (the printed one was lost)")
    for w in doc.warnings:
        typer.echo(f"warning: {w}", err=True)


_LANGUAGE_HELP = "en, es, fr or pt (default: detected)."


@app.command("parse")
def parse_cmd(file: Annotated[Path, typer.Argument(help="A text, PDF or DOCX file.")],
              doc_type: Annotated[str | None, typer.Option("--type", help="Document type (default: the cover's): "
                                  "PlanOfAction, Declaration, WorkingGroupReport, ...")] = None,
              language: Annotated[str | None, typer.Option("--language", help=_LANGUAGE_HELP)] = None,
              fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
              corrections: Annotated[Path | None, typer.Option("--corrections", help="A metadata file whose "
                                     "`corrections:` to apply (documents/{slug}.yaml).")] = None,
              lines: Annotated[bool, typer.Option("--lines", help="Every line of the text and what it was read "
                                                  "as (cover, contents, set aside, a provision's text, none): the "
                                                  "view to write corrections from.")] = False) -> None:
    """What the parser makes of any file, without touching the corpus: cover metadata, provisions, warnings."""
    _formats(fmt, "table", "json")
    if doc_type is not None:
        named = kb.DocType.named(doc_type)
        if named is None:
            raise kb.InputError(f"--type {doc_type!r} is not a document type", parameter="type",
                                hint=f"use one of {', '.join(kb.DOCUMENT_TYPES)}")
        doc_type = named.value
    received = kb.extract(file)
    fixes = kb.read_corrections(corrections) if corrections is not None else ()
    try:
        doc = kb.parse_document(received.text, source=str(file), doc_type=doc_type, language=language,
                                corrections=fixes, corrections_file=str(corrections or ""))
    except kb.CorpusErrors as exc:  # a preview publishes nothing in any case: say what it did not do
        raise kb.CorpusErrors(exc.errors, outcome="the corrections were not applied",
                              again=f"run `kb parse {file} --corrections {corrections}` again") from None
    if lines:
        read = doc.read_lines(received.text)
        if fmt == "json":
            typer.echo(json.dumps([r.as_json() for r in read], indent=2, ensure_ascii=False))
            return
        rows = [[Literal(str(r.line)), Literal(r.role if r.role != "text" else ""),
                 Literal(", ".join(r.eids) if r.first else ("  ⋮" if r.eids else "")),
                 Literal(", ".join(r.kinds) if r.first else ""), Literal(r.text)] for r in read]
        typer.echo(_table(["line", "read as", "eId", "kind", "text"], rows, width=90))
        lost = [r.line for r in read if r.role == "none"]
        if lost:
            typer.echo(f"lines {', '.join(map(str, lost[:10]))}{' ...' if len(lost) > 10 else ''}: in no provision "
                       "(correct them: `read_as: starts`, `continues` or `skip`)", err=True)
        return
    if fmt == "json":
        typer.echo(json.dumps(_parse_json(doc), indent=2, ensure_ascii=False))
        return
    _parse_preview(doc)


@app.command("add")
def add_cmd(file: Annotated[Path, typer.Argument(help="The new document: a text, PDF or DOCX file.")],
            slug: Annotated[str | None, typer.Option(help="Slug (default: proposed from the cover).")] = None,
            doc_type: Annotated[str | None, typer.Option("--type", help="Document type (default: the cover's).")]
            = None,
            language: Annotated[str | None, typer.Option("--language", help=_LANGUAGE_HELP)] = None,
            date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (default: the cover's).")] = None,
            replace: Annotated[bool, typer.Option("--replace", help="Hold this text instead of the one held "
                                                  "under the slug.")] = False,
            version_of: Annotated[str | None, typer.Option("--version-of", help="The held document this text is "
                                                           "another language version of (default: the held one "
                                                           "in another language with its symbols).")] = None,
            confirm_version: Annotated[bool, typer.Option("--confirm-version", help="With --version-of: the text is "
                                                          "that document's though it reads unlike it (you have "
                                                          "checked both files).")] = False,
            no_build: Annotated[bool, typer.Option("--no-build", help="Write the files, do not build (a reading "
                                                    "with warnings is never built by kb add).")] = False,
            corpus: CorpusOpt = None, build_dir: BuildOpt = None) -> None:
    """Take a new document into the corpus: hold its text, write its proposed metadata, preview the parse, and
    build when the reading has no warning (once published, its IRIs keep naming what they named, so correct
    a misread first: corpus/README.md). A document known until now only through quotation (--slug of it, or
    proposed from the cover) becomes held: its quoted provisions are matched to the parsed ones and their IRIs
    redirect; `held_as: EID` in annotations/documents.yaml settles one the build cannot match."""
    build_dir = build_dir or kb.default_build_dir(corpus)
    added = kb.add_document(file, corpus_dir=corpus, slug=slug, doc_type=doc_type, language=language, date=date,
                            replace=replace, version_of=version_of, confirm_version=confirm_version)
    if added.replaced:
        typer.echo(f"{added.slug}: the text held ({added.source_path}) is now {file.name}'s; kept {added.meta_path} "
                   "as edited")
    elif added.kept_metadata:
        typer.echo(f"{added.slug}: already held from this text; kept {added.meta_path} as edited")
    else:
        typer.echo(f"held {added.source_path} and wrote {added.meta_path}")
    if added.promoted:
        typer.echo(f"{added.slug} was known only through quotation: it is now held; the build matches its quoted "
                   "provisions to the parsed ones, keeping their IRIs, and names any it cannot match (with the "
                   "held_as: to add)")
    for note in added.notes:
        typer.echo(f"check: {note}", err=True)
    _parse_preview(added.parsed, limit=40)
    written = _written(added)  # what the build will read, options given included
    typer.echo(f"metadata ({added.meta_path.name}): " + "; ".join(
        f"{k}: {written[k]}" for k in ("title", "type", "date", "language", "issuing_body", "meeting")
        if written.get(k) not in (None, "")))
    if no_build:
        typer.echo(f"not built: edit {added.meta_path} if needed, then run `kb build`")
        return
    if not added.parsed.provisions:
        # No build holds a text with no provision: the next step is not `kb build`.
        typer.echo(f"not built: no provision found in {added.source_path}: "
                   + kb.no_provision_hint(added.meta_path, added.source_path))
        raise typer.Exit(EXIT_NOT_BUILT)
    if added.alike or added.twin:
        # A second text of a held document: the build refuses it too until the curator says which it is.
        other = added.alike or added.twin
        said = f"its provisions say what {other}'s say" if added.alike else f"its symbols are {other}'s"
        typer.echo(f"not built: {said} (above); say which it is (if it is another document, `distinct_from: "
                   f"[{other}]` in {added.meta_path}), then run `kb build`")
        raise typer.Exit(EXIT_NOT_BUILT)
    if added.version_doubt:
        typer.echo(f"not built: it reads unlike {written.get('version_of')}, whose version its symbols make it "
                   f"({added.version_doubt}); check both files, then write version_confirmed: true in "
                   f"{added.meta_path} or remove version_of, and run `kb build`")
        raise typer.Exit(EXIT_NOT_BUILT)
    if added.slug_doubt and added.slug not in _published_documents(build_dir):
        typer.echo(f"not built: the slug {added.slug} was {added.slug_doubt}. A published slug is permanent (its "
                   f"IRIs are cited): if it is right, run `kb build`; if not, remove {added.meta_path} and "
                   f"{added.source_path}, then `kb add {file} {added.retry or '--slug NEW'}`")
        raise typer.Exit(EXIT_NOT_BUILT)
    if added.parsed.warnings:
        # A published IRI keeps naming what it named: a reading to doubt is corrected before it is published.
        typer.echo(f"not built: {len(added.parsed.warnings)} warning(s) on the reading. Check it with `kb parse "
                   f"{added.source_path} --lines --corrections {added.meta_path}`, correct it in that file "
                   "(corpus/README.md, 'Correcting the parse'), then run `kb build`")
        raise typer.Exit(EXIT_NOT_BUILT)
    before = _adoption(build_dir)
    try:
        build(corpus=corpus, build_dir=build_dir, quiet=True)
    except (kb.CorpusError, kb.CorpusErrors, kb.ValidationError) as exc:
        # Whatever failed, the files kb add wrote are in the corpus, and every build reads them: say how to
        # take them back as well as how to fix them.
        exc.hint = f"{exc.hint}; or {_undo(added, build_dir)}" if exc.hint else _undo(added, build_dir)
        raise
    newly = sorted(item for item, value in _adoption(build_dir).items()
                   if value == "not-adopted" and before.get(item) == "pending") \
        if written.get("type") == "PlanOfAction" else []  # only the next Plan of Action settles adoption
    if newly:
        shown = ", ".join(_short_ref(item) for item in newly[:3]) + (f" and {len(newly) - 3} more" if len(newly) > 3
                                                                      else "")
        typer.echo(f"{len(newly)} recommendation(s) pending before now read not-adopted ({shown}): the next Plan of "
                   f"Action is held and no mandate is linked to them yet; `kb suggest --document {added.slug}` "
                   "proposes the mandates derived from them", err=True)
    original = str(written.get("version_of") or "")
    typer.echo(f"next: kb status --document {original or added.slug}; kb coverage" + (
        f" (this text is a language version: the mandates are {original}'s)" if original else ""))


def _published_documents(build_dir: Path) -> set[str]:
    """The slugs of the documents the current release publishes (none before a first build)."""
    published: object = {}
    with contextlib.suppress(kb.KbError, OSError):
        published = kb.current_release(build_dir).report().get("documents") or {}
    return set(published) if isinstance(published, dict) else set()


def _undo(added: kb.Added, build_dir: Path) -> str:
    """How to take back what ``kb add`` wrote, when the build after it fails."""
    files = f"{added.source_path} and {added.meta_path}"
    if added.replaced:
        return (f"to go back to the text held before, restore {files} (`git checkout -- {files.replace(' and ', ' ')}` "
                "if they were committed), then run `kb build`")
    if added.slug in _published_documents(build_dir):
        return f"if {added.slug}'s metadata was edited since its last build, undo that edit, then run `kb build`"
    return f"to take the addition back, remove {files} (nothing of {added.slug} was published), then run `kb build`"


def _written(added: kb.Added) -> dict[str, Any]:
    """The metadata file of the document added, as the curator may have edited it ({} if unreadable)."""
    with contextlib.suppress(yaml.YAMLError, OSError):
        data = yaml.safe_load(added.meta_path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    return {}


def _adoption(build_dir: Path | None) -> dict[str, str]:
    """Each recommendation's adoption in the current release (none before a first one)."""
    try:
        store = _open(None, build_dir)
    except kb.KbError:
        return {}
    with store:
        return {row.item: row.assessments["adoption"].value for row in kb.status(store, kind="Recommendation")
                if "adoption" in row.assessments}


def _short_ref(item: str) -> str:
    """"slug eId" for a provision IRI, as annotation files and `kb show` write it."""
    return item.removeprefix(kb.BASE + "doc/").replace("/", " ", 1)


@app.command()
def validate(corpus: CorpusOpt = None, build_dir: BuildOpt = None) -> None:
    """Run every stage up to validation and report, without publishing: also whether the build would
    keep every IRI the current release published."""
    build_dir = build_dir or kb.default_build_dir(corpus)
    stages = _Stages(quiet=False)
    with _interruptible("validate", build_dir, stages):
        built = kb.assemble_against(build_dir, corpus, progress=stages)
    first = kb.first_reading_warnings(built, build_dir)
    warnings = [*first, *built.annotations.warnings, *built.validation.warnings]
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    built.validation.raise_for_violations()
    typer.echo(f"valid: {built.triples} triples, {len(built.validation.checks_run)} checks, {len(warnings)} warnings")


def _cell(node: Node | None) -> str:
    if node is None:
        return ""
    return str(node)


def _table_cell(node: Node | None) -> str:
    """A cell as a person reads it in a table: a vocabulary's terms with their prefix (``kb:Mandate``); the
    knowledge base's own IRIs whole, to be pasted into other commands; CSV and JSON keep every IRI whole."""
    text = _cell(node)
    if isinstance(node, URIRef) and not text.startswith(_ITEMS):
        return _short(text)
    return text


_ITEMS = tuple(f"{kb.BASE}{kind}/" for kind in ("doc", "activity", "body", "topic", "link", "evidence", "status"))


def _table(variables: Sequence[str], rows: Sequence[Sequence[Node | None]], width: int = 60,
           footer: str | None = None) -> str:
    cells = [[_table_cell(v).replace("\n", " ") for v in row] for row in rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.append(footer if footer is not None else f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _parse_params(params: list[str]) -> dict[str, str]:
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise kb.QueryError(f"parameter {item!r} is not NAME=VALUE", hint="write -p asof=2022-12-31")
        values[name] = value
    return values


@app.command()
def query(name: Annotated[str, typer.Argument(help="A query name from queries/ (see `kb queries`) or a .rq file.")],
          param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")] = None,
          fmt: FormatOpt = "table", store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """Run a named query or a .rq file; parameters are bound, never spliced into the text."""
    _formats(fmt, "table", "csv", "json")
    named = kb.get_query(name)
    bindings = named.bind(_parse_params(param or []))
    with _open(store, build_dir) as st:
        if fmt == "json":
            sys.stdout.write(st.select_json(named.text, bindings).decode("utf-8") + "\n")
            return
        result = st.select(named.text, bindings)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
        sys.stdout.write(out.getvalue())
    else:
        typer.echo(_table(result.variables, result.rows))


LISTS = {"documents": "documents", "bodies": "bodies", "activities": "activities", "topics": "topics"}


@app.command("list")
def list_cmd(what: Annotated[str, typer.Argument(help="documents, bodies, activities or topics.")],
             fmt: FormatOpt = "table", store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """List the documents, bodies, activities or topics of the knowledge base, with their slugs."""
    if what not in LISTS:
        raise kb.InputError(f"cannot list {what!r}", hint=f"list one of {', '.join(LISTS)}")
    query(LISTS[what], param=None, fmt=fmt, store=store, build_dir=build_dir)


@app.command("quote")
def quote_cmd(reference: Annotated[str, typer.Argument(help='"slug eId" of a provision (of a document known only '
                                                       'through quotation: its quotation), or "slug" with --span.')],
              span: Annotated[str | None, typer.Option(help="START:END character offsets in the source.")] = None,
              fmt: Annotated[str, typer.Option("--format", "-f", help="yaml, text or json.")] = "yaml",
              corpus: CorpusOpt = None) -> None:
    """A provision's exact printed text (or a span of a source), ready to paste as evidence."""
    _formats(fmt, "yaml", "text", "json")
    offsets: tuple[int, int] | None = None
    if span is not None:
        start, sep, end = span.partition(":")
        if not sep or not start.isdigit() or not end.isdigit():
            raise kb.InputError(f"--span {span!r} is not START:END", hint="write e.g. --span 1200:1350")
        offsets = (int(start), int(end))
    quote = kb.quote_of(reference, corpus_dir=corpus, span=offsets)
    slug = reference.strip().split(" ")[0]
    if quote.doc != slug:  # a provision known only through quotation: said on stderr, the output stays pasteable
        others = [d for d in dict.fromkeys(kb.quoted_in(reference, corpus_dir=corpus)) if d != quote.doc]
        typer.echo(f"{slug} is known only through quotation: this is its quotation in {quote.doc}"
                   + (f" (also quoted in {', '.join(others)})" if others else ""), err=True)
    if fmt == "text":
        typer.echo(quote.text)
    elif fmt == "json":
        typer.echo(json.dumps({"doc": quote.doc, "quote": quote.text, "start": quote.start, "end": quote.end,
                               **({"after": quote.after} if quote.after else {})}, ensure_ascii=False, indent=2))
    else:
        typer.echo(quote.as_yaml(), nl=False)


@app.command("suggest")
def suggest_cmd(document: Annotated[str | None, typer.Option(help="Suggest for this document's provisions and "
                                                             "activities (default: all).")] = None,
                top: Annotated[int, typer.Option(help="At most this many targets per source and type.")] = 5,
                min_confidence: Annotated[float, typer.Option(
                    "--min-confidence", help="Leave out proposals below this confidence (0 to 1: about how often "
                    "a curator linked such proposals, bench/README.md).")] = 0.0,
                fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
                no_write: Annotated[bool, typer.Option("--no-write", help="Print only; do not write "
                                                       "corpus/review/suggestions.yaml.")] = False,
                activities: Annotated[bool, typer.Option(
                    "--activities", help="Propose the activities the document reports that are not declared "
                    "(workshops, dialogues, meetings, studies, ...) instead of links: declared in `kb review`, "
                    "the next `kb suggest` links them.")] = False,
                corpus: CorpusOpt = None) -> None:
    """Candidate trace links not yet curated, with located quotes, a confidence and why; kept for `kb review`.
    With --activities, the activities a document reports that the corpus does not declare yet."""
    _formats(fmt, "table", "json")
    if top < 1:
        raise kb.InputError(f"--top {top} must be at least 1")
    if not 0.0 <= min_confidence <= 1.0:
        raise kb.InputError(f"--min-confidence {min_confidence} is not between 0 and 1")
    prepared = kb.prepare(corpus)
    if document is not None and document not in {d.meta.slug for d in prepared.documents}:
        held = ", ".join(sorted(d.meta.slug for d in prepared.documents))
        raise kb.InputError(f"--document {document!r} is not a held document", hint=f"held: {held}")
    original = next((d.meta.version_of for d in prepared.documents if d.meta.slug == document), "")
    if original:
        typer.echo(f"{document} is a language version of {original}: " + (
            f"the activities are proposed from {original}'s text" if activities else
            f"suggesting for {original}'s provisions, read in either text"), err=True)
        document = original
    review = kb.Review(corpus or kb.default_corpus_dir())
    if activities:
        _suggest_activities(prepared, review, document, fmt=fmt, min_confidence=min_confidence, no_write=no_write)
        return
    if document is not None and not any(document in a.reported_in for a in prepared.annotations.activities):
        reported = kb.reported_activities(next(d for d in prepared.documents if d.meta.slug == document),
                                          prepared.provisions[document], prepared.annotations.activities,
                                          rejected=review.rejected_activities())
        count = f"{len(reported)} activit{'y' if len(reported) == 1 else 'ies'}"
        typer.echo(f"note: no activity is declared as reported in {document}, so nothing of it is proposed as "
                   "answering a mandate" + (f"; it reports {count} not declared: `kb suggest --activities --document "
                                            f"{document}` proposes them, `kb review` declares them, and the next "
                                            "`kb suggest` links them" if reported else ": declare the workshops, "
                                            "dialogues and studies it reports (annotations/, with reported_in; "
                                            "corpus/README.md)"), err=True)
    found = kb.suggest(prepared.documents, prepared.provisions, prepared.annotations, document=document, top=top,
                       rejected=review.rejected(), min_confidence=min_confidence, incoming=document is not None)
    recorded = review.record(found, document, {d.meta.slug: d.text for d in prepared.documents}) \
        if not no_write else []
    if fmt == "json":
        typer.echo(json.dumps([s.as_json() for s in found], indent=2, ensure_ascii=False))
        return
    rows = [[Literal(f"{s.confidence:.2f}"), Literal(s.source.ref), Literal(s.link_type), Literal(s.target_ref),
             Literal(s.why)] for s in found]
    typer.echo(_table(["conf", "from", "type", "to", "why"], rows, width=60))
    if recorded:
        typer.echo(f"{len(recorded)} written to {review.suggestions_path}: review them with `kb review`", err=True)
    elif not no_write:  # "review them" of none sends the curator to an empty prompt
        typer.echo(f"no link proposed{f' for {document}' if document else ''}"
                   f"{f' at confidence {min_confidence} or more' if min_confidence else ''}: nothing waits for "
                   "`kb review` from it" + ("; `kb coverage --document " + document + "` says what of it is linked"
                                           if document else ""), err=True)


def _suggest_activities(prepared: kb.Corpus, review: kb.Review, document: str | None, *, fmt: str,
                        min_confidence: float, no_write: bool) -> None:
    """``kb suggest --activities``: the activities the documents report, not declared yet, for review."""
    rejected = review.rejected_activities()
    found = [a for doc in prepared.documents if document in (None, doc.meta.slug) and not doc.meta.version_of
             for a in kb.reported_activities(doc, prepared.provisions[doc.meta.slug],
                                             prepared.annotations.activities, rejected=rejected)
             if a.confidence >= min_confidence]
    if not no_write:
        review.record_activities(found, document, {d.meta.slug: d.text for d in prepared.documents})
    if fmt == "json":
        typer.echo(json.dumps([a.as_json() for a in found], indent=2, ensure_ascii=False))
        return
    rows = [[Literal(f"{a.confidence:.2f}"), Literal(a.document), Literal(a.activity_type), Literal(a.label),
             Literal(" to ".join(filter(None, (a.start, a.end)))), Literal(a.place), Literal(a.slug)] for a in found]
    typer.echo(_table(["conf", "reported in", "type", "label", "dates", "place", "slug (proposed)"], rows, width=50))
    if not no_write and found:
        typer.echo(f"written to {review.suggestions_path}: declare or reject them with `kb review`, then "
                   "`kb suggest` proposes what each answered", err=True)
    elif not found:
        typer.echo("no activity proposed: none it reads as held is undeclared. One it missed is declared by hand "
                   "under activities: in corpus/annotations/ (corpus/README.md)", err=True)


def _show_quotes(evidence: list[dict[str, str]]) -> None:
    for e in evidence:  # a long quote cut at a word, and said so
        quote = e["quote"] if len(e["quote"]) <= 200 else e["quote"][:200].rsplit(" ", 1)[0] + " …"
        typer.echo(f"    {e['doc']}: “{quote}”")


def _show_activity(a: kb.PendingActivity) -> None:
    dates = " to ".join(filter(None, (a.start, a.end))) or "no date given"
    typer.echo(f"[{a.id}] activity {a.slug} ({a.activity_type}) reported in {a.document}   confidence "
               f"{a.confidence:.2f}")
    typer.echo(f"    label: {a.label}\n    dates: {dates}" + (f"\n    place: {a.place}" if a.place else ""))
    typer.echo(f"    why: {a.why}")
    _show_quotes(a.evidence)


def _show_pending(p: kb.Pending) -> None:
    role = f" (role: {p.role or 'actor'})" if p.link_type == "addressee" else ""
    typer.echo(f"[{p.id}] {p.source} {p.link_type} {p.target}{role}   confidence {p.confidence:.2f}")
    typer.echo(f"    why: {p.why}")
    _show_quotes(p.evidence)


@app.command("review")
def review_cmd(accept: Annotated[list[str] | None, typer.Option("--accept", help="Accept this suggestion id.")] = None,
               reject: Annotated[list[str] | None, typer.Option("--reject", help="Reject this suggestion id.")] = None,
               link_type: Annotated[str | None, typer.Option("--type", help="With --accept: the type instead.")] = None,
               target: Annotated[str | None, typer.Option("--to", help="With --accept: the target instead.")] = None,
               role: Annotated[str | None, typer.Option("--role", help="With --accept of an addressee: actor, "
                                                        "channel, partner or supporter instead.")] = None,
               quote: Annotated[list[str] | None, typer.Option(
                   "--quote", help="With --accept: the quotes instead, in the order --list shows them ('' keeps "
                   "one).")] = None,
               list_only: Annotated[bool, typer.Option("--list", help="List the waiting suggestions.")] = False,
               reason: Annotated[str, typer.Option("--reason", help="With --reject: why (kept with the "
                                                   "decision).")] = "",
               document: Annotated[str | None, typer.Option(help="Only the suggestions made for this document "
                                                            "(a slug).")] = None,
               min_confidence: Annotated[float, typer.Option(
                   "--min-confidence", help="Only the suggestions at this confidence or more (0 to 1).")] = 0.0,
               fields: Annotated[list[str] | None, typer.Option(
                   "--set", help="With --accept of a proposed activity: FIELD=VALUE for slug, type, label, start, "
                   "end or place instead (again for each).")] = None,
               corpus: CorpusOpt = None) -> None:
    """Accept, edit or reject suggested links and proposed activities: one by one at a prompt, best first (the
    activities first: a to accept, r to reject with an optional reason, e to edit, s to skip, q to quit), or by
    id with --accept / --reject; --document and --min-confidence narrow the walk and --list."""
    review = kb.Review(corpus or kb.default_corpus_dir())
    pending = review.pending()
    activities = review.pending_activities()
    if not 0.0 <= min_confidence <= 1.0:
        raise kb.InputError(f"--min-confidence {min_confidence} is not between 0 and 1", parameter="min-confidence")
    if document is not None:
        made_for = sorted({p.document for p in pending if p.document} | {a.document for a in activities})
        original = review.original_of(document) if document not in made_for else ""
        if original:
            typer.echo(f"{document} is a language version of {original}: the suggestions made for "
                       f"{original}'s provisions", err=True)
            document = original
        if document not in made_for:
            raise kb.InputError(f"--document {document!r}: no suggestion waiting was made for it",
                                parameter="document", hint=f"waiting: {', '.join(made_for) or 'none'} "
                                                           "(kb suggest --document SLUG makes them)")
        pending = [p for p in pending if p.document == document]
        activities = [a for a in activities if a.document == document]
    pending = [p for p in pending if p.confidence >= min_confidence]
    activities = sorted((a for a in activities if a.confidence >= min_confidence), key=lambda a: -a.confidence)
    if list_only:
        for a in activities:
            _show_activity(a)
        for p in pending:
            _show_pending(p)
        typer.echo(f"{len(activities)} proposed activit{'y' if len(activities) == 1 else 'ies'} and "
                   f"{len(pending)} suggestion(s) waiting")
        return
    if reason and not reject:
        raise kb.InputError("--reason goes with --reject", hint="give the id to reject with --reject ID",
                            parameter="reason")
    if (link_type or target or role or quote or fields) and len(accept or []) != 1:
        raise kb.InputError("--type, --to, --role, --quote and --set edit one accepted suggestion",
                            hint="give them with exactly one --accept ID (or use the prompt's [e]dit)")
    if accept or reject:
        for ident in accept or []:
            if review.is_activity(ident):
                if link_type or target or role:
                    raise kb.InputError(f"{ident} is a proposed activity: --type, --to and --role edit a link",
                                        hint="edit an activity with --set FIELD=VALUE (slug, type, label, start, "
                                        "end, place) and --quote", parameter="type")
                entry = review.accept_activity(ident, quotes=quote, **_assignments(fields or []))
                typer.echo(f"accepted {ident}: activity {entry['slug']} ({entry['type']}) reported in "
                           f"{entry['reported_in'][0]} -> {review.accepted_activities_path}")
                continue
            if fields:
                raise kb.InputError(f"{ident} is a suggested link: --set edits a proposed activity",
                                    hint="edit a link with --type, --to, --role and --quote", parameter="set")
            done = review.accept(ident, link_type=link_type, target=target, role=role, quotes=quote)
            typer.echo(f"{done} -> {review.accepted_path}" if done.written else str(done))
        for ident in reject or []:
            review.reject(ident, reason)
            typer.echo(f"rejected {ident}: not suggested again (a mistake: remove its entry from "
                       f"{review.rejected_path})")
        return
    quit_now = False
    for a in activities:
        _show_activity(a)
        if _decide_activity(review, a) == "q":
            quit_now = True
            break
    if activities and not quit_now and pending:
        typer.echo("the activities declared now get their links from the next `kb suggest`; now the links:")
    for p in [] if quit_now else sorted(pending, key=lambda p: -p.confidence):
        _show_pending(p)
        if _decide(review, p) == "q":
            break
    # what this walk covered (--document, --min-confidence) is counted apart from the rest: "1 still waiting"
    # after every one of a document's was decided reads as one of them left
    def walked(entry: kb.Pending | kb.PendingActivity) -> bool:
        return document in (None, entry.document) and entry.confidence >= min_confidence

    left, left_activities = review.pending(), review.pending_activities()
    waiting = sum(map(walked, left_activities))
    others = len(left) + len(left_activities) - waiting - sum(map(walked, left))
    typer.echo((f"{waiting} proposed activit{'y' if waiting == 1 else 'ies'} and " if waiting else "")
               + f"{sum(map(walked, left))} suggestion(s) still waiting"
               + (f" ({others} more{' for other documents' if document else ''}"
                  f"{' or' if document and min_confidence else ''}"
                  f"{f' below {min_confidence}' if min_confidence else ''})" if others else "")
               + "; run `kb build` to publish the accepted ones")


def _assignments(given: list[str]) -> dict[str, str]:
    """``--set FIELD=VALUE`` options as a mapping (each field once)."""
    out: dict[str, str] = {}
    for item in given:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise kb.InputError(f"--set {item!r} is not FIELD=VALUE", parameter="set",
                                hint="e.g. --set slug=ws2022-informality --set start=2022-10-20")
        if name.strip() in out:
            raise kb.InputError(f"--set gives {name.strip()} twice", parameter="set", hint="give each field once")
        out[name.strip()] = value
    return out


def _ask(decide: Callable[[str], None]) -> str:
    """Ask for a decision until one is taken (a, r or e done by ``decide``; s or q): an unknown answer, or a
    refused one (a quote not in the source, a target or slug that cannot be), says why and asks again, the rest
    of the session kept; one decided meanwhile (the page, another prompt) says so and goes on."""
    while True:
        answer = str(typer.prompt("  [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit", default="s")).strip().lower()[:1]
        if answer not in ("a", "r", "e", "s", "q"):
            typer.echo(f"  {answer!r} is none of a, r, e, s, q: nothing was decided; answer again", err=True)
            continue
        try:
            if answer in ("a", "r", "e"):
                decide(answer)
        except kb.NotFoundError as exc:
            typer.echo(f"  {exc.message}: next", err=True)
            return "s"
        except kb.InputError as exc:
            typer.echo(f"  refused: {exc.message}" + (f"\n  {exc.hint}" if exc.hint else ""), err=True)
            if exc.fixes:
                typer.echo("  e offers the source's text in place of the quote refused: Enter takes it", err=True)
            continue
        return answer


def _decide_activity(review: kb.Review, a: kb.PendingActivity) -> str:
    """A decision on one proposed activity: declared (as proposed, or edited first), or rejected. Edits refused
    are offered again as the defaults of the next edit, a quote's the source's exact text where the refusal knew it."""
    typed = a.fields()
    typed_quotes: list[str] = []

    def decide(answer: str) -> None:
        if answer == "r":
            review.reject(a.id, typer.prompt("  reason (optional)", default="", show_default=False))
            typer.echo(f"  rejected: {a.label} (not proposed again; a mistake: remove its entry from "
                       f"{review.rejected_path})")
            return
        edits: dict[str, str] = {}
        quotes: list[str] = []
        if answer == "e":
            kind = typer.prompt(f"  type ({', '.join(kb.ACTIVITY_TYPES)})", default=typed["type"])
            if kind not in kb.ACTIVITY_TYPES:  # said now, not after every other field
                raise kb.InputError(f"{kind!r} is not an activity type",
                                    hint=f"use one of {', '.join(kb.ACTIVITY_TYPES)}", parameter="type")
            typed["type"] = kind
            for name in ("slug", "label"):
                typed[name] = str(typer.prompt(f"  {name}", default=typed[name]))
            for name in ("start", "end", "place"):
                given = str(typer.prompt(f"  {name} (- for none)", default=typed[name] or "-")).strip()
                typed[name] = "" if given == "-" else given
            edits = dict(typed)
            quotes = _quotes(a.evidence, typed_quotes, drop=True)
        try:
            entry = review.accept_activity(a.id, quotes=quotes, **edits)
        except kb.InputError as exc:
            typed_quotes[:] = _refused_quotes(exc, quotes)
            raise
        typer.echo(f"  declared: activity {entry['slug']} ({entry['type']})")
    return _ask(decide)


def _quotes(evidence: list[dict[str, str]], typed: list[str], moved: str = "", drop: bool = False) -> list[str]:
    """The quotes of an edit, one prompt per quote: Enter keeps the one shown, which after a refused edit is the
    source's exact text where the refusal knew it, else the quote typed then."""
    out = []
    for k, e in enumerate(evidence):
        again = typed[k] if k < len(typed) else ""
        how = f"Enter takes the one shown{moved}" if again else f"Enter keeps it{moved}"
        out.append(str(typer.prompt(f"  quote from {e['doc']} ({how}{', - takes it out' if drop else ''})",
                                    default=again, show_default=bool(again))))
    return out


def _refused_quotes(exc: kb.InputError, quotes: list[str]) -> list[str]:
    """The quotes to offer in the next edit after ``quotes`` were refused: each one's fix where known."""
    return [exc.fixes.get(q, q) for q in quotes]


def _decide(review: kb.Review, p: kb.Pending) -> str:
    """A decision on one suggested link: accepted (as suggested, or edited first), or rejected. The type, target,
    role and quotes of an edit refused (a quote not in the source) are the defaults of the next edit, a quote's
    the source's exact text where the refusal knew it."""
    edited = {"type": p.link_type, "to": p.target, "role": p.role or "actor"}
    typed: list[str] = []

    def decide(answer: str) -> None:
        if answer == "a":
            _said(review.accept(p.id))
        elif answer == "r":
            review.reject(p.id, typer.prompt("  reason (optional)", default="", show_default=False))
            typer.echo(f"  rejected: {p.source} {p.link_type} {p.target} (not suggested again; a mistake: remove its "
                       f"entry from {review.rejected_path})")
        else:
            new_type = typer.prompt(f"  type ({', '.join(kb.ACCEPTABLE_TYPES)})", default=edited["type"])
            if new_type not in kb.ACCEPTABLE_TYPES:  # said now, not after the target and every quote
                raise kb.InputError(f"{new_type!r} is not a type a suggestion can take",
                                    hint=f"use one of {', '.join(kb.ACCEPTABLE_TYPES)}", parameter="type")
            edited["type"] = new_type
            new_target = edited["to"] = typer.prompt("  to", default=edited["to"])
            new_role = typer.prompt(f"  role ({', '.join(kb.ADDRESSEE_ROLES)})",
                                    default=edited["role"]) if new_type == "addressee" else None
            if new_role is not None and new_role not in kb.ADDRESSEE_ROLES:
                raise kb.InputError(f"{new_role!r} is not an addressee's role",
                                    hint=f"use one of {', '.join(kb.ADDRESSEE_ROLES)}", parameter="role")
            edited["role"] = new_role or edited["role"]
            moved = " or, if it is the old target's, gives the new target's own text" if new_target != p.target \
                else ""
            quotes = _quotes(p.evidence, typed, moved)
            try:
                _said(review.accept(p.id, link_type=new_type, target=new_target, role=new_role, quotes=quotes))
            except kb.InputError as exc:
                typed[:] = _refused_quotes(exc, quotes)
                raise
    return _ask(decide)


def _said(done: kb.Accepted) -> None:
    """What the prompt says of an accept: the link written, or the entry that has it already (nothing written)."""
    link = done.link
    typer.echo(f"  accepted: {link['from']} {link['type']} {link['to']}" if done.written else f"  {done}")


@app.command("queries")
def list_named_queries() -> None:
    """List the named queries with their parameters."""
    for q in kb.list_queries():
        params = " ".join(f"{p.name}={p.type}{'' if p.required else '?'}" for p in q.params)
        typer.echo(f"{q.name:28} {q.title}{f'  [{params}]' if params else ''}")


def _short(value: str) -> str:
    for prefix, ns in kb.PREFIXES.items():
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


@app.command()
def show(item: Annotated[str, typer.Argument(help='An IRI, a document slug, or "slug eId".')],
         fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
         store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """Show one item: its IRI, text, parent, span and every property."""
    _formats(fmt, "text", "json")
    with _open(store, build_dir) as st:
        desc = kb.describe(st, _item(st, item))
    if fmt == "json":
        typer.echo(json.dumps({
            "iri": desc.iri,
            "properties": [{"predicate": p, "value": str(o), **({"datatype": str(o.datatype)} if isinstance(o, Literal)
                            and o.datatype else {})} for p, o in desc.properties],
            "children": [{"iri": c, "eId": e} for c, e in desc.children],
            "incoming": [{"subject": s, "predicate": p} for s, p in desc.incoming],
        }, indent=2, ensure_ascii=False))
        return
    kb_ns = kb.PREFIXES["kb"]
    typer.echo(desc.iri)
    for label, pred in (("text", kb_ns + "text"), ("heading", kb_ns + "heading"), ("number", kb_ns + "number"),
                        ("parent", kb_ns + "partOf"), ("document", kb_ns + "inDocument")):
        value = desc.first(pred)
        if value:
            typer.echo(f"{label}: {value}")
    start, end, line = desc.first(kb_ns + "startOffset"), desc.first(kb_ns + "endOffset"), desc.first(kb_ns + "line")
    if start is not None and end is not None:
        typer.echo(f"span: characters {start}-{end} of the source file (line {line})")
    shown = {kb_ns + k for k in ("text", "heading", "number", "partOf", "inDocument", "startOffset", "endOffset",
                                  "line")}
    for pred, obj in desc.properties:
        if pred not in shown:
            typer.echo(f"  {_short(pred)}: {_short(str(obj))}")
    if desc.children:
        typer.echo(f"children ({len(desc.children)}): " + ", ".join(e for _, e in desc.children))
    if desc.incoming:
        typer.echo(f"referenced by ({len(desc.incoming)}):")
        for s, p in desc.incoming:
            typer.echo(f"  {_short(s)} {_short(p)}")


@app.command()
def stats(store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """Counts of triples and of instances per class in the published knowledge base."""
    with _open(store, build_dir) as st:
        counts = kb.statistics(st)
    for key, value in counts.items():
        typer.echo(f"{key:28} {value}")


AsofOpt = Annotated[str | None, typer.Option("--as-of", help="As-of date YYYY-MM-DD (default: the build's date).")]
StatusLanguageOpt = Annotated[str, typer.Option("--language", "-l", help="en or es: the language of the sentences "
                                                "saying the status (status values, rules and slugs stay as they are).")]


def _status_language(language: str) -> str:
    """``--language`` checked before the store is opened: an InputError naming it and the languages."""
    return kb.check_status_language(language, parameter="--language")


def _status_value(row: kb.StatusRow, language: str = "en") -> dict[str, object]:
    return {"item": row.item, "kind": row.kind, "document": row.document, "eId": row.eid, "number": row.number,
            "text": row.text, "asOf": row.asof.isoformat(), "topics": list(row.topics),
            "addressees": list(row.addressees),
            **{dim: {"value": a.value, "rule": a.rule.name, "explanation": a.explanation(language),
                     "links": sorted(a.links), "evidence": sorted(a.evidence)} for dim, a in row.assessments.items()}}


@app.command("status")
def status_cmd(document: Annotated[str | None, typer.Option(help="Document slug.")] = None,
               topic: Annotated[str | None, typer.Option(help="Topic slug (narrower topics included).")] = None,
               body: Annotated[str | None, typer.Option(help="Body slug: an addressee or the issuing body.")] = None,
               value: Annotated[str | None, typer.Option("--status", help="A status value, e.g. no-evidence.")] = None,
               kind: Annotated[str | None, typer.Option(help="Mandate or Recommendation.")] = None,
               asof: AsofOpt = None, fmt: FormatOpt = "table", language: StatusLanguageOpt = "en",
               store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """Mandates and recommendations with their status (response, lifecycle, adoption) and the reason."""
    _formats(fmt, "table", "csv", "json")
    _status_language(language)
    with _open(store, build_dir) as st:
        rows = kb.status(st, asof=kb.parse_asof(asof), document=document, topic=topic, body=body, value=value,
                         kind=kind)
        original = kb.version_of(st, document) if document is not None else None
        if original is not None:
            typer.echo(kb.status_sentence("status.version_of", language, document=document, original=original),
                       err=True)
            document = original
        reasons = {row.item: kb.status_reason(st, row, language) for row in rows} if fmt != "json" else {}
        if not rows and document is not None and value is None and kind is None and topic is None and body is None:
            typer.echo(kb.no_rows_reason(st, document, kb.parse_asof(asof) or kb.build_asof(st), language), err=True)
    if fmt == "json":
        typer.echo(json.dumps([_status_value(r, language) for r in rows], indent=2, ensure_ascii=False))
        return
    header = ["document", "eId", "number", "response", "lifecycle", "adoption", "reason"]
    table = [[r.document, r.eid, r.number, r.value("response"), r.value("lifecycle"), r.value("adoption"),
              reasons[r.item]] for r in rows]
    if fmt == "csv":  # the values as they are, to be read back or filtered on (--status)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(table)
        sys.stdout.write(out.getvalue())
        return
    if language != "en":  # a table is read by people: its columns and values as the language names them
        table = [[*row[:3], *(kb.status_name(v, language) for v in row[3:6]), row[6]]
                 for row in table]
        header = [kb.status_sentence(f"dimension.{c}" if c in ("response", "lifecycle", "adoption")
                                     else f"column.{c}", language) for c in header]
    footer = kb.status_sentence("table.rows.one" if len(table) == 1 else "table.rows.other", language, n=len(table))
    typer.echo(_table(header, [[Literal(c) for c in row] for row in table], width=90, footer=footer))


@app.command()
def why(item: Annotated[str, typer.Argument(help='A mandate or recommendation: IRI or "slug eId".')],
        asof: AsofOpt = None, language: StatusLanguageOpt = "en", store: StoreOpt = None,
        build_dir: BuildOpt = None) -> None:
    """Explain the status of a mandate or recommendation: the rule, the links and the quotes behind it."""
    _status_language(language)
    with _open(store, build_dir) as st:
        asked = _item(st, item)
        exp = kb.why(st, asked, asof=kb.parse_asof(asof))
    _said_for_original(asked, exp.item)
    row = exp.row

    def say(key: str, **values: object) -> str:
        return kb.status_sentence(key, language, **values)

    typer.echo(say("why.heading", document=row.document, eid=row.eid, kind=say(f"kind.{row.kind}"),
                   number=f" {row.number}" if row.number else "", date=exp.asof.isoformat()))
    typer.echo(f"  {row.text}")
    for dim in ("response", "lifecycle", "adoption"):
        a = row.assessments.get(dim)
        if a is None:
            continue
        typer.echo(say("why.dimension", dimension=say(f"dimension.{dim}"),
                       value=kb.status_name(a.value, language), rule=a.rule.name, title=a.rule.query.title))
        typer.echo(f"  {a.explanation(language)}")
        for link in exp.links.get(dim, []):
            to = say("why.this") if link.target == exp.item else link.target_label
            typer.echo("  - " + say("why.link", label=link.label, type=kb.link_type_name(link.link_type, language),
                                    to=to, date=link.known_by,
                                    link=link.link))
            for q in link.quotes:
                typer.echo("      " + say("why.quote", text=q.text, document=q.document, date=q.date, start=q.start,
                                          end=q.end))
        for basis in sorted(a.basis):
            typer.echo("  - " + say("why.basis", basis=basis))
    if exp.no_link:
        typer.echo(say("why.no_link", note=exp.no_link))


def _said_for_original(asked: str, answered: str) -> None:
    """Say so when the answer is for the original that a language version's item says in another language."""
    if str(asked) != answered:
        typer.echo(f"{asked} is a language version's: the answer is for {answered}, the original it says in another "
                   "language", err=True)


@app.command("trace")
def trace_cmd(item: Annotated[str, typer.Argument(help='An item: IRI or "slug eId".')],
              fmt: Annotated[str, typer.Option("--format", "-f", help="tree or json.")] = "tree",
              language: StatusLanguageOpt = "en", store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """The chain of an item, upstream and downstream, every link with its quotes."""
    _formats(fmt, "tree", "json")
    _status_language(language)
    with _open(store, build_dir) as st:
        asked = _item(st, item)
        tr = kb.trace(st, asked)
        # only a mandate or recommendation has a status: of anything else `kb why` says it has none
        has_status = not tr.links and any(
            str(t).rsplit("#", 1)[-1] in ("Mandate", "Recommendation")
            for t in kb.describe(st, URIRef(tr.item)).values(str(RDF.type)))
    _said_for_original(asked, tr.item)
    if fmt == "json":
        typer.echo(json.dumps(tr.as_json(), indent=2, ensure_ascii=False))
        return
    typer.echo(tr.label)
    if not tr.links:
        why_too = kb.status_sentence("trace.no_link_why", language) if has_status else ""
        typer.echo("└─ " + kb.status_sentence("trace.no_link", language, why=why_too))
    for direction in ("upstream", "item", "downstream"):
        links = [link for link in tr.links if link.direction == direction]
        if links:
            typer.echo(f"├─ {kb.status_sentence(f'trace.{direction}', language)}")
        for link in links:
            typer.echo(f"│  ├─ {link.source_label} ─{kb.link_type_name(link.link_type, language)}→ {link.target_label}")
            for q in link.quotes:
                typer.echo(f"│  │    “{q.text}” ({q.document.rsplit('/', 1)[-1]} {q.start}-{q.end})")


@app.command()
def cite(target: Annotated[str, typer.Argument(help='An item ("slug eId", IRI) or a trace link IRI.')],
         fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, bibtex or csl-json.")] = "text",
         language: Annotated[str | None, typer.Option(
             "--language", "-l", help="en or es: the citation's words and locator, the title as printed of a document "
             "in that language, and the text of its version in that language if one is held (default: the item as "
             "given, in English words).")] = None,
         store: StoreOpt = None, build_dir: BuildOpt = None) -> None:
    """A citation with title, symbol, paragraph, quote, permanent IRI, dataset version and content hash."""
    _formats(fmt, *kb.CITATION_FORMATS)
    if language is not None and language not in kb.CITATION_LANGUAGES:
        raise kb.InputError(f"--language {language!r} is not one citations are given in",
                            hint=f"use one of {', '.join(kb.CITATION_LANGUAGES)}")
    with _open(store, build_dir) as st:
        citation = kb.cite(st, _item(st, target), language)
        typer.echo(citation.render(fmt))
    said = kb.primary_language(citation.text_language)
    if language is not None and citation.quote and said and said != language:
        typer.echo(f"note: {target} is held in {said} only: its words are quoted as held, in {said}, within a "
                   f"citation in {language}", err=True)


@app.command("coverage")
def coverage_cmd(
    all_kinds: Annotated[bool, typer.Option("--all", help="List unlinked or untagged provisions of any kind.")] = False,
    document: Annotated[str | None, typer.Option("--document", "-d", help="Only this document (slug).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    store: StoreOpt = None, build_dir: BuildOpt = None,
) -> None:
    """Per document and kind: provisions with a trace link and a topic; exit 1 if a mandate or
    numbered recommendation is neither linked nor marked with a reason."""
    _formats(fmt, "text", "json")
    with _open(store, build_dir) as st:
        report = kb.coverage(st, document)
        original = kb.version_of(st, document) if document is not None else None
    if original is not None:  # as `kb status` says it: the version's provisions are counted as the original's
        typer.echo(f"{document} is a language version of {original}: the coverage of {original}'s provisions, "
                   "which it says in another language", err=True)
        document = original
    if fmt == "json":
        typer.echo(json.dumps({doc: {kind: vars(cov) for kind, cov in kinds.items()}
                               for doc, kinds in report.documents.items()}, indent=2))
    else:
        width = max([len("document"), *map(len, report.documents)])
        typer.echo(f"{'document':{width}} {'kind':15} {'total':>5} {'linked':>7} {'marked':>7} {'topic':>6}")
        for doc, kinds in sorted(report.documents.items()):
            for kind, cov in sorted(kinds.items()):
                typer.echo(f"{doc:{width}} {kind:15} {cov.total:5} {cov.linked:7} {cov.marked:7} {cov.with_topic:6}")
        for kind in kb.MUST_BE_COVERED:
            t = report.totals(kind)
            if not t.total:  # nothing to cover is not "100% covered"
                typer.echo(f"{kind}s: none{' in ' + document if document else ''}")
                continue
            share = 100 * (t.linked + t.marked) / t.total
            typer.echo(f"{kind}s: {t.total}, linked {t.linked}, marked no-link {t.marked}: {share:.0f}% covered; "
                       f"with a topic {t.with_topic}")
        for doc, kinds in sorted(report.documents.items()):
            for kind, cov in sorted(kinds.items()):
                if all_kinds or kind in kb.MUST_BE_COVERED:
                    for m in cov.missing:
                        what = ("no trace link (addressee links do not count)" if m["linked"] == "no"
                                else "no topic")
                        reason = f": {m['reason']}" if m["reason"] else ""
                        typer.echo(f"  {doc} {m['eId']} ({kind}) {what}{reason}")
    uncovered = report.uncovered()
    if uncovered:
        raise kb.ValidationError(f"{len(uncovered)} mandate(s) or recommendation(s) neither linked nor marked: "
                                 + ", ".join(uncovered), hint="add a link or a no_link reason in corpus/annotations/")


@app.command()
def push(url: Annotated[str, typer.Argument(help="SPARQL endpoint URL (Oxigraph: http://host:port/query).")],
         graph_store: Annotated[str | None, typer.Option(help="Graph Store Protocol URL, if not derivable.")] = None,
         build_dir: BuildOpt = None) -> None:
    """Load the current build into a remote SPARQL store (Graph Store Protocol PUT of the default graph)."""
    release = kb.current_release(build_dir)
    with kb.RemoteStore(url, graph_store_url=graph_store) as remote:
        kb.push(release, remote)
        typer.echo(f"loaded {release.version} into {url}: {remote.triple_count()} triples")


WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
LOOPBACK_NAMES = "localhost,127.0.0.1,::1"


@app.command()
def serve(host: Annotated[str, typer.Option()] = "127.0.0.1", port: Annotated[int, typer.Option()] = 8000,
          store: StoreOpt = None, build_dir: BuildOpt = None,
          curator: Annotated[bool, typer.Option("--curator", help="Also serve /review, the page to accept or reject "
                                                "suggested links (loopback only).")] = False,
          corpus: CorpusOpt = None,
          public_url: Annotated[str | None, typer.Option(
              "--public-url", help="The origin clients reach the service at (https://kb.example.org): absolute "
                                   "URLs are written on it [env KB_PUBLIC_URL].")] = None,
          allowed_hosts: Annotated[str | None, typer.Option(
              "--allowed-hosts", help="Comma list of the Host names answered (default: --host and the loopback "
                                      "names; * for any) [env KB_ALLOWED_HOSTS].")] = None) -> None:
    """Serve the knowledge base over HTTP (SPARQL endpoint and item pages) with uvicorn."""
    import uvicorn

    if store:  # a fixed store: served as it is until the server stops
        os.environ["KB_STORE"] = spec = store
        os.environ.pop("KB_FOLLOW", None)
    else:  # the build folder's current release, and each new one a build publishes: the corpus's, as `kb build
        # --corpus` publishes it, or the review page would decide on one corpus and every page show another's
        release = kb.current_release(build_dir or kb.default_build_dir(corpus))
        spec = str(release.store_path)
        os.environ["KB_FOLLOW"] = str(release.path.parent.parent)  # the build folder (releases/<version>)
        os.environ.pop("KB_STORE", None)
    if curator:
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise kb.InputError(f"--curator serves a page that writes to the corpus: not on {host}",
                                hint="serve it on 127.0.0.1 (the default); the public server stays read-only")
        os.environ["KB_CURATOR_CORPUS"] = str(corpus or kb.default_corpus_dir())
        # Any process on this machine reaches loopback: the page answers only a browser that opened this address.
        os.environ["KB_CURATOR_TOKEN"] = token = secrets.token_urlsafe(32)
    else:  # only --curator serves the review page, whatever the environment says
        os.environ.pop("KB_CURATOR_CORPUS", None)
        os.environ.pop("KB_CURATOR_TOKEN", None)
    public_url = public_url or os.environ.get("KB_PUBLIC_URL") or None
    allowed_hosts = allowed_hosts or os.environ.get("KB_ALLOWED_HOSTS") or None
    if curator and (public_url or allowed_hosts):
        # Behind a proxy on this machine every client is loopback: the review page's guard would let anyone in.
        raise kb.InputError("--curator serves a page that writes to the corpus, on this machine only: not with "
                            f"{'--public-url' if public_url else '--allowed-hosts'} (or KB_PUBLIC_URL, "
                            "KB_ALLOWED_HOSTS)", parameter="curator",
                            hint="serve the public site and the curator's page as two servers: `kb serve --curator` "
                                 "on 127.0.0.1 alone")
    if public_url:
        os.environ["KB_PUBLIC_URL"] = public_url
    if allowed_hosts is None:
        # The Host header is the client's word: answered only under names this server is known by
        # (api.hosts). A wildcard address has no such name to assume.
        if host in WILDCARD_ADDRESSES and not public_url:
            raise kb.InputError(f"serving on {host or 'every address'} needs the names clients reach this server by",
                                hint="set --allowed-hosts kb.example.org,10.0.0.5 (KB_ALLOWED_HOSTS) or "
                                     "--public-url https://kb.example.org (KB_PUBLIC_URL); * allows any Host")
        allowed_hosts = LOOPBACK_NAMES if host in WILDCARD_ADDRESSES or host in LOOPBACK_NAMES.split(",") \
            else f"{host},{LOOPBACK_NAMES}"
    os.environ["KB_ALLOWED_HOSTS"] = allowed_hosts
    if curator:  # said once every option is checked: never the address of a server that does not start
        address = f"[{host}]" if ":" in host else host  # an IPv6 address is bracketed in a URL
        typer.echo(f"curator mode: review suggested links at http://{address}:{port}/review?token={token}", err=True)
    typer.echo(f"starting: {spec} on http://{host}:{port}/ (answering Host {allowed_hosts}"
               f"{' and ' + public_url if public_url else ''})", err=True)
    # The web layer is imported by uvicorn by name: the library never imports it. Its protocol
    # (api.http) is uvicorn's h11 one with header size and time limits.
    config = uvicorn.Config("api.app:app_from_environment", factory=True, host=host, port=port,
                            log_level="warning", http="api.http:Protocol")

    class Server(uvicorn.Server):
        """Says when it answers: the store opened, its queries prepared, the port bound (a server with its
        workers is there seconds after it starts)."""

        async def startup(self, sockets: list[Any] | None = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                typer.echo(f"ready: http://{host}:{port}/ answers", err=True)

    Server(config).run()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kb`` console script; returns the exit code."""
    try:
        # Typer returns the code of a typer.Exit, and of a Ctrl-C it caught (130), instead of raising it.
        code = app(args=argv, standalone_mode=False)
    except KbError as exc:
        typer.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: unknown command, missing argument, bad option
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {exc}", err=True)
        return EXIT_USAGE
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:  # Ctrl-C or end of input at a prompt
        typer.echo("\naborted: what was decided before is kept", err=True)
        return EXIT_ABORTED
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
