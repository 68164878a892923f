"""The one exception tree of the library.

Every error the library raises is a :class:`KbError`::

    KbError
    ├── InputError                  something the user gave cannot be used (exit 2)
    │   ├── CorpusError             a corpus file: file and line
    │   │   ├── ParseError
    │   │   └── AnnotationError
    │   │       └── QuoteMismatchError
    │   ├── CorpusErrors            every CorpusError of one build, together
    │   ├── NotFoundError
    │   │   └── GoneError           an IRI of a document withdrawn on purpose
    │   └── QueryError
    │       ├── QueryRefusedError
    │       └── QueryTimeoutError
    ├── ValidationError             the graph does not conform (exit 1)
    ├── BuildInterruptedError       a build stopped by SIGINT or SIGTERM (exit 128 + the signal)
    └── StoreError
        └── BuildLockedError        another build holds the build folder (exit 75)

Every error the library raises is a :class:`KbError`. Each names what it is about (a file and
line, an id, a parameter) and says what to do next, so that the CLI can print it as one line and
the web layer can turn it into one error shape. Only the CLI exits; its exit codes are
:data:`EXIT_VALIDATION` (1), :data:`EXIT_USAGE` (2), :data:`EXIT_NOT_BUILT` (3), :data:`EXIT_BUSY` (75) and
:data:`EXIT_ABORTED` (130; 128 + the signal for a build interrupted otherwise), documented in the README.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_VALIDATION = 1
EXIT_USAGE = 2
EXIT_NOT_BUILT = 3  # kb add held the text but did not build it: the curator's step comes first
EXIT_BUSY = 75  # another build is running: try again later (sysexits' EX_TEMPFAIL)
EXIT_ABORTED = 130  # a prompt or build cut short (Ctrl-C, end of input): the shell's code for SIGINT
EXIT_SIGNAL_BASE = 128  # a process stopped by signal N exits 128 + N, as the shell reports it


class KbError(Exception):
    """Base class of every error raised by :mod:`kb`."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (the server's query workers): keep every attribute, not only
        # the message that Exception pickles by default.
        return _rebuild, (type(self), self.args, self.__dict__.copy())


def _rebuild(cls: type[KbError], args: tuple[object, ...], state: dict[str, object]) -> KbError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(KbError):
    """Something the user gave (a file, an id, a parameter) cannot be used; ``parameter`` names the
    parameter at fault when the caller's parameters map to one; ``fixes`` maps a value given to the one to
    give instead, where it is known (a quote to the source's exact text), for a form or prompt to offer."""

    def __init__(self, message: str, *, hint: str = "", parameter: str | None = None,
                 fixes: dict[str, str] | None = None) -> None:
        self.parameter = parameter
        self.fixes = fixes or {}
        super().__init__(message, hint=hint)


class CorpusError(InputError):
    """A corpus file is missing, unreadable, malformed or inconsistent with its metadata."""

    def __init__(self, path: Path | str, message: str, *, line: int | None = None, hint: str = "",
                 fixes: dict[str, str] | None = None) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}", hint=hint, fixes=fixes)


class CorpusErrors(InputError):
    """Several corpus errors of one build, reported together: ``errors`` holds each one."""

    def __init__(self, errors: list[CorpusError], *, outcome: str = "nothing was published",
                 again: str = "build again") -> None:
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{len(errors)} problem(s) in the corpus, {outcome}:\n{lines}",
                         hint=f"fix each (file:line first), then {again}")


def errors_of(exc: CorpusError | CorpusErrors) -> list[CorpusError]:
    """The corpus errors a raised one stands for: itself, or each of those it gathers."""
    return list(exc.errors) if isinstance(exc, CorpusErrors) else [exc]


class ParseError(CorpusError):
    """A source text cannot be turned into a tree of provisions."""


class AnnotationError(CorpusError):
    """A curated annotation (entity, link, evidence) is malformed or refers to nothing."""


class QuoteMismatchError(AnnotationError):
    """An evidence quote is not found (or found ambiguously) in its source text."""


class NotFoundError(InputError):
    """An IRI, slug, eId or query name that the knowledge base does not hold."""


class GoneError(NotFoundError):
    """An IRI the knowledge base published, of a document since withdrawn on purpose (with its reason)."""


class QueryError(InputError):
    """A SPARQL query is malformed, refused, or its parameters are wrong."""


class QueryRefusedError(QueryError):
    """A query asks for something the knowledge base never does (updates, SERVICE, LOAD...)."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped."""


class ValidationError(KbError):
    """The built graph does not conform to the SHACL shapes or a check query."""

    exit_code = EXIT_VALIDATION

    def __init__(self, message: str, *, results: list[str] | None = None, hint: str = "") -> None:
        self.results = results or []
        super().__init__(message, hint=hint)


class BuildInterruptedError(KbError):
    """A build (or validation) stopped by a signal before it finished: ``stage`` is where it was, ``signal``
    the signal's number; its exit code is the shell's for that signal, so ``kb build && ...`` stops."""

    def __init__(self, message: str, *, stage: str, signal: int, hint: str = "") -> None:
        self.stage = stage
        self.signal = signal
        self.exit_code = EXIT_SIGNAL_BASE + signal
        super().__init__(message, hint=hint)


class StoreError(KbError):
    """The store cannot be opened, read, loaded or swapped."""


class BuildLockedError(StoreError):
    """Another build holds the same build directory (it takes it when it starts, not when it publishes)."""

    exit_code = EXIT_BUSY
