"""The publish stage: dumps, embedded store and build report, swapped in atomically.

It owns the layout of the build directory and the guarantee that readers only ever see a complete
build::

    build/
      current -> releases/<version>     symlink, replaced atomically (rename) after a full build
      releases/<version>/
        kb.nt        canonical sorted N-Triples (byte-identical for the same corpus)
        dataset.nt   the release's own description: version and content hash of kb.nt
        kb.ttl       Turtle (with the dataset description)
        kb.jsonld    JSON-LD (with the dataset description), its context embedded
        context.jsonld  that JSON-LD context (also served at /context.jsonld)
        report.json  counts per class, warnings, timing per stage, version, content hash
        store/       the embedded Oxigraph store, bulk-loaded from kb.nt
      .work-*        a build assembling its N-Triples and staging store (see work_folder)
      .staging-*     a build in progress (removed when a later build finds it abandoned)
      .lock          held while a build publishes

A build writes everything into a fresh staging folder, renames it into ``releases/`` and only then
moves ``current``; a build that fails or is killed at any point leaves ``current`` on the last good
release. The newest ``KEEP`` releases are kept, and so is any older one a process holds
(:func:`hold_release`: a shared ``flock`` on the release's folder, which a server takes for as long
as it serves that release), so a running server never loses its store under it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.corpus import default_corpus_dir
from kb.errors import BuildLockedError, StoreError
from kb.iri import BASE, PREFIXES, jsonld_context, jsonld_envelope
from kb.model import DEFAULT_DESCRIPTION, DEFAULT_TITLE
from kb.store import EmbeddedStore, Store

KEEP = 3
CURRENT = "current"
RELEASES = "releases"
STAGING_PREFIX = ".staging-"
WORK_PREFIX = ".work-"
DUMPS = {"nt": "kb.nt", "ttl": "kb.ttl", "jsonld": "kb.jsonld"}
DATASET = "dataset.nt"
CONTEXT = "context.jsonld"


def dataset_ntriples(version: str, content_hash: str, about: dict[str, str] | None = None) -> bytes:
    """The description of a release (not part of kb.nt, whose hash it states): its version and hash,
    and what the corpus says of the dataset (``corpus/dataset.yaml``: title, description, licence,
    rights, publisher)."""
    about = {"title": DEFAULT_TITLE, "description": DEFAULT_DESCRIPTION,
             **{key: value for key, value in (about or {}).items() if value}}
    node = f"<{BASE}dataset>"
    dcterms = "http://purl.org/dc/terms/"
    title = about["title"]
    lines = [
        f"{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://rdfs.org/ns/void#Dataset> .",
        f'{node} <{dcterms}hasVersion> {_string(version)} .',
        f'{node} <{BASE}ontology#contentHash> {_string(content_hash)} .',
        f'{node} <{dcterms}title> {_string(title)}@en .',
    ]
    for key in ("description", "rights", "publisher"):
        if about.get(key):
            lines.append(f"{node} <{dcterms}{key}> {_string(about[key])}@en .")
    if about.get("license"):
        lines.append(f"{node} <{dcterms}license> <{about['license']}> .")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _string(text: str) -> str:
    """An N-Triples string literal (JSON's escapes are N-Triples' for these characters)."""
    return json.dumps(text, ensure_ascii=False)


def version_time(version: str) -> dt.datetime | None:
    """When a release was built, from its version (``20261205T121727Z-<hash>``, UTC), or None for a
    folder named otherwise (a dumps folder given by hand)."""
    try:
        return dt.datetime.strptime(version[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


@dataclass(frozen=True)
class Release:
    """A published build: its folder and what is in it."""

    path: Path

    @property
    def version(self) -> str:
        return self.path.name

    @property
    def store_path(self) -> Path:
        return self.path / "store"

    def dump(self, fmt: str) -> Path:
        return self.path / DUMPS[fmt]

    @property
    def dataset_path(self) -> Path:
        return self.path / DATASET

    @property
    def report_path(self) -> Path:
        return self.path / "report.json"

    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.report_path.read_text(encoding="utf-8"))
        return data


def default_build_dir(corpus_dir: Path | None = None) -> Path:
    """``$KB_BUILD_DIR``, else ``build/`` beside the corpus (``corpus_dir``, or the repository's): found the
    same way as the corpus whatever the working folder, so that a command run elsewhere reads and publishes
    the build of the corpus it reads, with its published history (a ``./build`` there would be a second
    one, and a copy of the corpus tried elsewhere must not publish into the repository's)."""
    configured = os.environ.get("KB_BUILD_DIR")
    return Path(configured).absolute() if configured else (corpus_dir or default_corpus_dir()).absolute().parent \
        / "build"


def current_release(build_dir: Path | None = None) -> Release:
    """The release ``current`` points at; StoreError if there is none yet."""
    build_dir = build_dir or default_build_dir()
    link = build_dir / CURRENT
    if not link.exists():
        raise StoreError(f"no published build in {build_dir.absolute()}", hint="run `kb build` first")
    return Release(link.resolve())


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(f"another build is running in {build_dir.absolute()}",
                                   hint="wait for it to finish, then build again") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_release(staging: Path, nt: bytes | Path, report: dict[str, Any], store: Path | None = None) -> None:
    """Write every artefact of a build into ``staging`` (a new, empty folder): the canonical N-Triples
    (bytes, or a file moved in) and the dataset description, the store (bulk-loaded from them, or
    the build's own staging store, already holding the N-Triples, moved in and given the dataset
    description), and Turtle and JSON-LD dumped by the store (Oxigraph's serializers, which keep up
    with large builds)."""
    if isinstance(nt, Path):
        shutil.move(nt, staging / DUMPS["nt"])
        _fsync(staging / DUMPS["nt"])
    else:
        _write(staging / DUMPS["nt"], nt)
    _write(staging / DATASET, dataset_ntriples(report["version"], report["content_hash"], report.get("dataset")))
    if store is None:
        opened = EmbeddedStore.create(staging / "store", staging / DUMPS["nt"], staging / DATASET)
    else:
        shutil.move(store, staging / "store")
        opened = EmbeddedStore.open(staging / "store", read_only=False)
        opened.add(staging / DATASET)
    with opened:
        opened.dump(staging / DUMPS["ttl"], "turtle", prefixes=PREFIXES)
        opened.dump(staging / ".expanded.jsonld", "jsonld")
    _write_jsonld(staging / ".expanded.jsonld", staging / DUMPS["jsonld"])
    _write(staging / CONTEXT, (json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n").encode("utf-8"))
    _write(staging / "report.json", (json.dumps(report, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def _write_jsonld(expanded: Path, target: Path) -> None:
    """``target``: Oxigraph's expanded JSON-LD array (``expanded``, removed) with the context embedded
    around it, copied in blocks (a large build's JSON-LD is never held in memory)."""
    head, tail = jsonld_envelope()
    with open(expanded, "rb") as source, open(target, "wb") as out:
        out.write(head)
        shutil.copyfileobj(source, out, 1 << 20)
        out.write(tail)
        out.flush()
        os.fsync(out.fileno())
    expanded.unlink()


def publish(build_dir: Path, version: str, nt: bytes | Path, report: dict[str, Any], *,
            store: Path | None = None, locked: bool = False) -> Release:
    """Publish a validated build as the new current release; atomic for readers. ``nt`` is the
    canonical N-Triples (bytes or a file, which is moved); ``store`` optionally a store folder that
    already holds exactly them (moved in, rather than bulk-loading the N-Triples again). ``locked``:
    the caller holds :func:`build_lock` already (a whole build does, from its start)."""
    with contextlib.nullcontext() if locked else build_lock(build_dir):
        clean_abandoned(build_dir)
        staging = build_dir / f"{STAGING_PREFIX}{os.getpid()}-{time.time_ns()}"
        staging.mkdir()
        moved: Path | None = None  # the release renamed into releases/, until current names it
        try:
            write_release(staging, nt, report, store)
            releases = build_dir / RELEASES
            releases.mkdir(exist_ok=True)
            final = releases / version
            suffix = 1
            while final.exists():  # the same version built twice within a second
                suffix += 1
                final = releases / f"{version}.{suffix}"
            os.rename(staging, final)
            moved = final
            _fsync_dir(releases)
            swap_current(build_dir, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            if moved is not None and (build_dir / CURRENT).resolve() != moved.resolve():
                # never current, so never read: left, it would count among the newest that pruning keeps
                shutil.rmtree(moved, ignore_errors=True)
            raise
        prune(build_dir)
        return Release(final)


def swap_current(build_dir: Path, target: Path) -> None:
    """Point ``current`` at ``target`` with one atomic rename of a fresh symlink."""
    tmp = build_dir / f"{STAGING_PREFIX}link-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(target, build_dir), tmp)
    os.replace(tmp, build_dir / CURRENT)
    _fsync_dir(build_dir)


def clean_abandoned(build_dir: Path) -> None:
    """Remove staging folders left by builds that died (only called while holding the lock), and
    work folders (:func:`work_folder`) whose build process is gone."""
    for path in build_dir.glob(f"{STAGING_PREFIX}*"):
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path in build_dir.glob(f"{WORK_PREFIX}*"):
        pid = path.name.removeprefix(WORK_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def work_folder(build_dir: Path) -> Path:
    """A new folder in ``build_dir`` where a build assembles its N-Triples and staging store before
    publishing (beside the releases, so that publishing moves them in without copying). The build
    removes it; a later build removes it if the process that made it died."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / f"{WORK_PREFIX}{os.getpid()}-{time.time_ns()}"
    path.mkdir()
    return path


def prune(build_dir: Path) -> list[Path]:
    """Remove releases beyond the newest ``KEEP``, except the current one and any a process holds;
    the releases kept only because they are held."""
    releases = build_dir / RELEASES
    current = (build_dir / CURRENT).resolve()
    ordered = sorted((p for p in releases.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    held: list[Path] = []
    for path in ordered[KEEP:]:
        if path.resolve() == current:
            continue
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.append(path)
                continue
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(fd)
    return held


class ReleaseHold:
    """A shared lock on a release's folder: while it is open, :func:`prune` leaves the release alone."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def __enter__(self) -> ReleaseHold:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def hold_release(path: Path) -> ReleaseHold:
    """Hold the release at ``path`` (a release folder) so that no build prunes it; StoreError if it is
    gone."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise StoreError(f"no release at {path}: {exc.strerror}", hint="run `kb build`") from None
    fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a prune is removing it (then the store is gone)
    return ReleaseHold(path, fd)


def release_of_store(spec: str) -> Path | None:
    """The release folder a store folder belongs to (``.../releases/<version>/store``), else None."""
    if spec.startswith(("http://", "https://")):
        return None
    path = Path(spec).resolve()
    return path.parent if path.name == "store" and path.parent.parent.name == RELEASES else None


def push(release: Release, store: Store) -> None:
    """Replace the whole content of a store (typically a remote SPARQL store) with a release: its
    canonical N-Triples and its dataset description."""
    with tempfile.TemporaryDirectory() as tmp:
        combined = Path(tmp) / "release.nt"
        with open(combined, "wb") as out:
            out.write(release.dump("nt").read_bytes())
            out.write(release.dataset_path.read_bytes())
        store.replace_all(combined)
