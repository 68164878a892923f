"""The benchmarks' stores: the Oxigraph store of each scale, made once by a given code and reused while
that code is unchanged.

Scale 1 is the real corpus; scale N a synthetic corpus of N copies (bench/synth.py). The canonical
N-Triples are made by bench/bench_build.py's chunked path (the pipeline up to the rules stage,
validation skipped, ``chunk`` copies per child, sorted chunks merged with ``sort -m -u``) and
bulk-loaded, every step run in a child process on the code of ``code_root`` (the checkout, or a
``git archive`` snapshot of a commit: :func:`take_snapshot`).

One difference from a build of the whole synthetic corpus: each chunk numbers its own provisions'
``kb:sequence`` from 1, so above ``chunk`` copies (100x with the default 50) the values repeat across
chunks and a listing ordered by them interleaves the chunks' documents. The work of the listings is the
same (one integer per provision, compared in place); the `sequence-unique` check, not run here, would
report it.

A store is reused only while its recipe holds: scale, seed and :func:`code_fingerprint`, a SHA-256 over
every file that decides what the store holds (corpus, ontology, queries, the ``kb`` package, the
generator and the N-Triples maker) and pyoxigraph's version. A store made by older code (say, before
the build stored each assessment's basis) is made again, not measured as if it were current.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import synth  # bench/synth.py: the scripts' own folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
# What decides a store's content, relative to a code root: folders (every file under them) and files.
RECIPE_FOLDERS = ("corpus", "ontology", "queries", "kb")
RECIPE_FILES = ("bench/synth.py", "bench/bench_build.py")


def log(message: str) -> None:
    print(f"[{dt.datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")


def code_fingerprint(code_root: Path) -> str:
    """SHA-256 over the path and bytes of every file that decides a store's content under ``code_root``,
    and pyoxigraph's version (caches and compiled files left out)."""
    digest = hashlib.sha256(f"pyoxigraph {ox.__version__}\n".encode())
    files = [path for folder in RECIPE_FOLDERS for path in (code_root / folder).rglob("*")
             if path.is_file() and "__pycache__" not in path.parts]
    files += [code_root / name for name in RECIPE_FILES]
    for path in sorted(files):
        digest.update(f"{path.relative_to(code_root).as_posix()}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def take_snapshot(work: Path, rev: str) -> tuple[Path, str]:
    """The code of ``rev`` (``git archive``), unpacked once per commit under ``work``."""
    commit = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.strip()
    snapshot = work / f"snapshot-{commit[:12]}"
    if not (snapshot / ".complete").exists():
        shutil.rmtree(snapshot, ignore_errors=True)
        snapshot.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
        (snapshot / ".complete").write_text(commit)
    return snapshot, commit


def recipe_holds(marker: Path, recipe: dict[str, object]) -> bool:
    """Whether the marker file beside a store or build says it was made by ``recipe``."""
    return marker.is_file() and json.loads(marker.read_text()).get("recipe") == recipe


def prepare_store(scale: int, work: Path, code_root: Path, *, chunk: int, seed: int) -> Path:
    """The store of a scale under ``work``, made with the code of ``code_root`` unless the one there
    was made by the same recipe (module docstring)."""
    store = work / f"store-{scale}"
    recipe = {"scale": scale, "seed": seed, "code": code_fingerprint(code_root)}
    marker = work / f"store-{scale}.json"
    if store.is_dir() and recipe_holds(marker, recipe):
        return store
    marker.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(code_root), "LC_ALL": "C"}
    python = sys.executable
    started = time.perf_counter()
    if scale == 1:
        corpus = code_root / "corpus"
    else:
        corpus = work / f"synth{scale}"  # made again with the store: the generator may have changed
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"scale {scale}: generating the synthetic corpus")
        run([python, "bench/synth.py", "--scale", str(scale), "--out", str(corpus), "--seed", str(seed),
             "--corpus", str(code_root / "corpus")], code_root, env)
    parts: list[Path] = []
    batches = [range(1, 2)] if scale == 1 else [range(f, min(f + chunk, scale + 1)) for f in range(1, scale + 1, chunk)]
    for copies in batches:
        part = work / f"part-{scale}-{copies.start:05d}.nt"
        if scale == 1:
            source = corpus
        else:
            source = work / "chunk"
            synth.chunk_corpus(corpus, copies, source)
        log(f"scale {scale}: N-Triples of copies {copies.start}-{copies.stop - 1}")
        run([python, "bench/bench_build.py", "--canonical-nt", str(source), str(part)], code_root, env)
        parts.append(part)
    shutil.rmtree(work / "chunk", ignore_errors=True)
    nt = work / f"kb-{scale}.nt"
    run(["sort", "-m", "-u", "-T", str(work), "-o", str(nt), *map(str, parts)], work, env)
    for part in parts:
        part.unlink()
    log(f"scale {scale}: bulk loading {nt.stat().st_size / 1e6:,.0f} MB of N-Triples")
    partial = work / f"store-{scale}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    run([python, "-c", "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
         "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_TRIPLES); s.flush(); s.optimize()",
         str(partial), str(nt)], work, env)
    partial.rename(store)
    nt.unlink()
    marker.write_text(json.dumps({"recipe": recipe, "seconds": round(time.perf_counter() - started, 1)}))
    log(f"scale {scale}: store ready in {time.perf_counter() - started:,.0f} s")
    return store
