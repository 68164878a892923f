"""Build benchmark: ``kb build`` side by side with Oxigraph's own bulk load of the same N-Triples.

For each scale (1 is the real corpus; N is a synthetic corpus of N copies, see ``bench/synth.py``)
it measures, each in a fresh child process so that peaks are per measurement:

- ``python -m kb.cli build --corpus DIR --build-dir TMP``: wall time, peak resident memory, triples
  (from ``TMP/current/report.json``), triples per second, and the seconds of each stage (from the
  summary line the CLI prints, which unlike report.json includes ``publish``). The progress lines
  are read as they come, so a build that is killed still tells in which stage it was and how long
  each stage before took (this is why ``--quiet`` is not passed; it only silences those lines);
- ``pyoxigraph.Store(path).bulk_load(path=kb.nt)`` (a child importing nothing else) and
  ``oxigraph load --location DIR --file kb.nt`` on the canonical N-Triples that build published:
  wall time, triples per second, peak memory.

Each measurement is repeated (``--repeat``; default 3 up to scale 100, 1 above, and only while a
build takes under ``--repeat-under`` seconds) and medians are reported. A child that runs past
``--timeout`` seconds or whose process group grows past ``--mem-limit-gb`` is killed and reported
with the time, the stage and the peak memory it reached.

Where ``kb build`` does not finish, the same canonical N-Triples are still produced for the Oxigraph
side: the synthetic corpus is split into chunks of ``--chunk`` copies, each chunk goes through the
pipeline's own stages up to ``graph`` (``kb.assemble`` with validation skipped) in its own child,
and the sorted chunk files are merged with ``sort -m -u``. Copies share no triple except the
ontology's, so the merge is byte-identical to what ``kb build`` would publish (checked at scale 10
for the README); the time and peak memory of that chunked production are reported too.

Results are printed as tables and written as JSON to ``bench/out/`` (git-ignored)::

    python bench/bench_build.py                      # scales 1 100 1000
    python bench/bench_build.py --scales 1 10 20 30 100 1000 --timeout 1800 --profile 10

Peak memory is the maximum resident set size of that very child (GNU time's ``%M``, else
``wait4``'s ``ru_maxrss``), so it is per measurement, whatever ran before. Every child runs on a
snapshot of ``kb/``, ``ontology/``, ``queries/`` and ``corpus/`` taken when the run starts.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import synth

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
POLL_SECONDS = 0.2
PROGRESS_RE = re.compile(r"^\s+([a-z]+)\.\.\.$")  # "  validate..." as kb build starts a stage
TIMING_RE = re.compile(r"\b([a-z]+) ([0-9.]+)s\b")  # "(corpus 0.04s, parse 0.07s, ...)"
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
# The child of a pyoxigraph measurement imports nothing but pyoxigraph, as a loader script would.
PYOXIGRAPH_LOAD = ("import sys, pyoxigraph; "
                   "pyoxigraph.Store(sys.argv[1]).bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_TRIPLES)")
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
SNAPSHOT = ("kb", "ontology", "queries", "corpus")  # what a build reads, copied once per run


@dataclass
class Measurement:
    """One child process: how it ended, how long it ran, the most memory it held."""

    status: str  # ok | timeout | memory | error
    seconds: float
    peak_mb: float
    detail: str = ""
    stage_starts: dict[str, float] = field(default_factory=dict)  # seconds after start, from progress lines

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def last_stage(self) -> str:
        return max(self.stage_starts, key=lambda s: self.stage_starts[s], default="start-up")

    def describe(self) -> str:
        where = f" in stage {self.last_stage}" if self.stage_starts else ""
        if self.status == "timeout":
            return f"did not finish in {self.seconds:.0f} s{where} (peak {self.peak_mb:,.0f} MB)"
        if self.status == "memory":
            return f"killed at {self.peak_mb:,.0f} MB (memory limit) after {self.seconds:.0f} s{where}"
        return f"failed after {self.seconds:.1f} s{where}: {self.detail}"

    def stage_seconds(self) -> dict[str, float]:
        """Seconds per stage from the progress lines; the last stage runs up to the end (or the kill)."""
        ordered = sorted(self.stage_starts.items(), key=lambda item: item[1])
        ends = [start for _, start in ordered[1:]] + [self.seconds]
        return {name: round(end - start, 2) for (name, start), end in zip(ordered, ends, strict=True)}


@dataclass
class ScaleResult:
    scale: int
    corpus: str
    documents: int
    generate_seconds: float | None = None
    triples: int | None = None
    nt_bytes: int | None = None
    nt_from: str = ""  # "kb build", or "chunks" when the build did not finish
    chunked: Measurement | None = None  # the chunked production of the N-Triples (summed over chunks)
    content_hashes: list[str] = field(default_factory=list)
    builds: list[Measurement] = field(default_factory=list)
    stage_timings: list[dict[str, float]] = field(default_factory=list)  # per successful build
    pyoxigraph_loads: list[Measurement] = field(default_factory=list)
    cli_loads: list[Measurement] = field(default_factory=list)


def _group_rss_mb(pgid: int) -> float:
    """Resident memory of every process in a process group (a child started in its own session)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # fields after "(comm)": state, ppid, pgrp, ..., rss is the 22nd
                total += int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
    return total * PAGE_MB


class _Watchdog(threading.Thread):
    """Samples a process group's memory; kills the group past a time or memory limit."""

    def __init__(self, pgid: int, start: float, timeout: float, mem_limit_mb: float) -> None:
        super().__init__(daemon=True)
        self.pgid, self.start_time, self.timeout, self.mem_limit_mb = pgid, start, timeout, mem_limit_mb
        self.done = threading.Event()
        self.status = "ok"
        self.sampled_mb = 0.0

    def run(self) -> None:
        while not self.done.wait(POLL_SECONDS):
            self.sampled_mb = max(self.sampled_mb, _group_rss_mb(self.pgid))
            over_time = time.perf_counter() - self.start_time > self.timeout
            if over_time or self.sampled_mb > self.mem_limit_mb:
                self.status = "timeout" if over_time else "memory"
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pgid, signal.SIGKILL)
                return


class _Reader(threading.Thread):
    """Reads a child's output line by line, noting when each line arrived, and copies it to ``log`` as it
    comes (so that a benchmark that dies still leaves what a long build said)."""

    def __init__(self, stream: IO[bytes], start: float, log: Path | None = None) -> None:
        super().__init__(daemon=True)
        self.stream, self.start_time, self.log = stream, start, log
        self.lines: list[tuple[float, str]] = []

    def run(self) -> None:
        with open(self.log, "w", encoding="utf-8") if self.log else contextlib.nullcontext() as copy:
            for raw in self.stream:
                seconds, line = time.perf_counter() - self.start_time, raw.decode("utf-8", "replace").rstrip()
                self.lines.append((seconds, line))
                if copy is not None:
                    copy.write(f"{seconds:10.1f}  {line}\n")
                    copy.flush()


def measure(cmd: Sequence[str], *, timeout: float, mem_limit_mb: float, cwd: Path | None = None,
            log: Path | None = None) -> tuple[Measurement, str]:
    """Run ``cmd`` in a fresh process group; kill it past ``timeout`` seconds or ``mem_limit_mb``.

    The peak is GNU time's maximum resident set size of the command where /usr/bin/time exists:
    ``wait4``'s ``ru_maxrss`` for a direct child also counts the pages it shared with this process
    before ``exec``. A killed child has no such report: its peak is the most memory sampled.
    Returns the measurement and what the child printed (stdout and stderr), also copied to ``log``.
    """
    with tempfile.NamedTemporaryFile("r") as rss_file:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if GNU_TIME else list(cmd)
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        assert proc.stdout is not None
        watchdog, reader = _Watchdog(proc.pid, start, timeout, mem_limit_mb), _Reader(proc.stdout, start, log)
        watchdog.start()
        reader.start()
        _, wait_status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        watchdog.done.set()
        watchdog.join()
        with contextlib.suppress(ProcessLookupError):  # anything the child left running in its group
            os.killpg(proc.pid, signal.SIGKILL)
        reader.join()
        proc.stdout.close()
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        reported = rss_file.read().split()
    peak_kb = int(reported[-1]) if reported and reported[-1].isdigit() else usage.ru_maxrss  # KiB
    output = "\n".join(line for _, line in reader.lines)
    status, detail = watchdog.status, ""
    if status == "ok" and proc.returncode != 0:
        lines = output.strip().splitlines()
        status, detail = "error", f"exit {proc.returncode}: {lines[-1] if lines else ''}"[:500]
    stage_starts = {m[1]: round(t, 3) for t, line in reader.lines if (m := PROGRESS_RE.match(line))}
    return Measurement(status, round(seconds, 3), round(max(watchdog.sampled_mb, peak_kb / 1024), 1), detail,
                       stage_starts), output


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _ok(runs: Sequence[Measurement]) -> list[Measurement]:
    return [r for r in runs if r.ok]


def _oxigraph_cli() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise SystemExit("the oxigraph CLI is not installed (pip install oxigraph)")
    return found


def take_snapshot(work: Path) -> Path:
    """A copy of the code, ontology, queries and corpus, taken once when the run starts; every child
    runs on it (cwd and PYTHONPATH), so edits to the checkout during a long run do not mix versions."""
    snapshot = work / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    for name in SNAPSHOT:
        shutil.copytree(ROOT / name, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(snapshot), *filter(None, [os.environ.get("PYTHONPATH")])])
    return snapshot


def prepare_corpus(scale: int, args: argparse.Namespace) -> tuple[Path, float | None]:
    """The corpus of a scale: the real one at 1, else a synthetic one (reused if already generated)."""
    real = args.snapshot / "corpus"
    if scale == 1:
        return real, None
    out = args.work / f"synth{scale}"
    wanted = synth.manifest_for(scale, args.seed, synth.load_real_corpus(real))
    if synth.read_manifest(out) == wanted:
        return out, None
    _log(f"scale {scale}: generating the synthetic corpus")
    start = time.perf_counter()
    synth.generate(scale, out, seed=args.seed, corpus_dir=real)
    return out, round(time.perf_counter() - start, 3)


def _stage_timings(output: str, report: dict[str, Any]) -> dict[str, float]:
    """Seconds per stage: from the summary line ``kb build`` prints (``(corpus 0.04s, ..., publish
    4.36s)``), which has the publish stage too; else from report.json, written before publishing."""
    line = next((line for line in output.splitlines() if line.startswith("built ")), "")
    printed = {name: float(value) for name, value in TIMING_RE.findall(line)}
    return printed or {k: float(v) for k, v in report["timings_seconds"].items()}


def write_canonical_nt(corpus: Path, out: Path) -> None:
    """The canonical N-Triples ``kb build`` would publish for ``corpus``, without validating them.

    Runs in a child (``--canonical-nt``): it calls the pipeline's own ``assemble`` with its
    validate stage replaced by a no-op, so the graph is made exactly as ``kb build`` makes it.
    """
    from kb import pipeline
    from kb.validate import ValidationReport

    def skip_validation(*_: object, **__: object) -> ValidationReport:
        return ValidationReport(conforms=True)

    vars(pipeline)["validate_store"] = skip_validation  # the name assemble() calls
    with tempfile.TemporaryDirectory(dir=out.parent) as work:
        shutil.move(pipeline.assemble(corpus, work_dir=Path(work)).nt_path, out)


def chunked_ntriples(scale: int, corpus: Path, out: Path, args: argparse.Namespace) -> Measurement:
    """Produce the canonical N-Triples of a synthetic corpus chunk by chunk; the times and peaks of
    the chunk children are summed and maxed into one measurement."""
    work: Path = args.work
    parts: list[Path] = []
    total, peak = 0.0, 0.0
    for first in range(1, scale + 1, args.chunk):
        copies = range(first, min(first + args.chunk, scale + 1))
        chunk_dir, part = work / "chunk", work / f"chunk-{first:05d}.nt"
        synth.chunk_corpus(corpus, copies, chunk_dir)
        _log(f"scale {scale}: N-Triples of copies {copies.start}-{copies.stop - 1}")
        run, _ = measure([sys.executable, __file__, "--canonical-nt", str(chunk_dir), str(part)],
                         timeout=args.timeout, mem_limit_mb=args.mem_limit_gb * 1024)
        shutil.rmtree(chunk_dir, ignore_errors=True)
        total, peak = total + run.seconds, max(peak, run.peak_mb)
        parts.append(part)
        if not run.ok:
            for p in parts:
                p.unlink(missing_ok=True)
            return Measurement(run.status, round(total, 3), peak, run.detail)
    start = time.perf_counter()
    merged = subprocess.run(["sort", "-m", "-u", "-T", str(work), "-o", str(out), *map(str, parts)],
                            env={**os.environ, "LC_ALL": "C"}, capture_output=True, text=True, check=False)
    for p in parts:
        p.unlink()
    total += time.perf_counter() - start
    status = "ok" if merged.returncode == 0 else "error"
    return Measurement(status, round(total, 3), peak, merged.stderr.strip()[:500])


def _repeats(scale: int, args: argparse.Namespace) -> int:
    return int(args.repeat or (3 if scale <= 100 else 1))


def bench_scale(scale: int, args: argparse.Namespace) -> ScaleResult:
    work: Path = args.work
    corpus, generated = prepare_corpus(scale, args)
    result = ScaleResult(scale, str(corpus), len(list((corpus / "documents").glob("*.yaml"))), generated)
    repeat = _repeats(scale, args)
    limits = {"timeout": args.timeout, "mem_limit_mb": args.mem_limit_gb * 1024}
    kept = work / f"kb-{scale}.nt"
    kept.unlink(missing_ok=True)
    build_dir = work / f"build-{scale}"
    while len(result.builds) < repeat:
        shutil.rmtree(build_dir, ignore_errors=True)
        _log(f"scale {scale}: kb build {len(result.builds) + 1}/{repeat} ({result.documents} documents)")
        run, output = measure([sys.executable, "-m", "kb.cli", "build", "--corpus", str(corpus), "--build-dir",
                               str(build_dir)], cwd=args.snapshot, log=work / f"build-{scale}.log", **limits)
        result.builds.append(run)
        _log(f"  {run.seconds:.1f} s, {run.peak_mb:,.0f} MB" if run.ok else f"  {run.describe()}")
        if run.ok:
            report = json.loads((build_dir / "current" / "report.json").read_text(encoding="utf-8"))
            result.triples = int(report["triples"])
            result.content_hashes.append(str(report["content_hash"]))
            result.stage_timings.append(_stage_timings(output, report))
            if not kept.exists():
                os.link(build_dir / "current" / "kb.nt", kept)
                result.nt_from = "kb build"
        last = not run.ok or run.seconds > args.repeat_under or len(result.builds) == repeat
        if not (last and run.ok and args.keep_build):
            shutil.rmtree(build_dir, ignore_errors=True)
        if last:
            break  # a failed build fails again; a long one gains little precision from repeats
    if not kept.exists() and scale > 1:
        result.chunked = chunked_ntriples(scale, corpus, kept, args)
        _log(f"  chunked N-Triples: {result.chunked.seconds:.0f} s, chunk peak {result.chunked.peak_mb:,.0f} MB"
             if result.chunked.ok else f"  chunked N-Triples {result.chunked.describe()}")
        if result.chunked.ok:
            result.nt_from = "chunks"
            with open(kept, "rb") as handle:
                result.triples = sum(1 for _ in handle)
    if not kept.exists():
        return result
    result.nt_bytes = kept.stat().st_size
    store = work / f"store-{scale}"
    for i in range(len(result.builds) if result.nt_from == "kb build" else 1):
        for name, cmd, runs in (
            ("pyoxigraph bulk_load", [sys.executable, "-c", PYOXIGRAPH_LOAD, str(store), str(kept)],
             result.pyoxigraph_loads),
            ("oxigraph load", [_oxigraph_cli(), "load", "--location", str(store), "--file", str(kept)],
             result.cli_loads),
        ):
            shutil.rmtree(store, ignore_errors=True)
            _log(f"scale {scale}: {name} {i + 1}")
            run, _ = measure(cmd, **limits)
            runs.append(run)
            _log(f"  {run.seconds:.1f} s, {run.peak_mb:,.0f} MB" if run.ok else f"  {run.describe()}")
            shutil.rmtree(store, ignore_errors=True)
    kept.unlink()
    return result


def profile_build(scale: int, args: argparse.Namespace, top: int = 30) -> str:
    """One extra build of a scale under cProfile (not timed): the functions with most cumulative time."""
    corpus, _ = prepare_corpus(scale, args)
    build_dir, prof = args.work / f"profile-build-{scale}", args.work / f"profile-{scale}.prof"
    shutil.rmtree(build_dir, ignore_errors=True)
    _log(f"scale {scale}: kb build under cProfile")
    run, _ = measure([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "kb.cli", "build", "--corpus",
                      str(corpus), "--build-dir", str(build_dir), "--quiet"],
                     cwd=args.snapshot, timeout=args.timeout * 4, mem_limit_mb=args.mem_limit_gb * 1024)
    shutil.rmtree(build_dir, ignore_errors=True)
    if not run.ok:
        return f"profile of scale {scale}: {run.describe()}\n"
    out = io.StringIO()
    pstats.Stats(str(prof), stream=out).sort_stats("cumulative").print_stats(top)
    prof.unlink()
    return f"profile of scale {scale} (cumulative time, top {top}):\n{out.getvalue()}"


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


def stage_names(results: Sequence[ScaleResult]) -> list[str]:
    """The pipeline's stages in the order it runs them, as the builds reported them."""
    names: dict[str, None] = {}
    for r in results:
        for timings in [*r.stage_timings, *(m.stage_seconds() for m in r.builds if not m.ok)]:
            names.update(dict.fromkeys(timings))
    return list(names)


def summarise(results: Sequence[ScaleResult]) -> list[dict[str, Any]]:
    """One row per scale: medians over the successful repeats, as printed and as stored in the JSON."""
    rows = []
    stages_run = stage_names(results)
    for r in results:
        build_ok, pyox_ok, cli_ok = _ok(r.builds), _ok(r.pyoxigraph_loads), _ok(r.cli_loads)
        build_s = _median([m.seconds for m in build_ok])
        pyox_s = _median([m.seconds for m in pyox_ok])
        cli_s = _median([m.seconds for m in cli_ok])
        failed = next((m for m in r.builds if not m.ok), None)
        stages = {s: _median([t[s] for t in r.stage_timings if s in t]) for s in stages_run}
        if failed:  # how far the killed build got: its stages so far (the last one unfinished)
            stages = {s: failed.stage_seconds().get(s) for s in stages_run}
        rows.append({
            "scale": r.scale, "documents": r.documents, "triples": r.triples, "nt_from": r.nt_from,
            "nt_mb": round((r.nt_bytes or 0) / 2**20, 1),
            "build_seconds": build_s, "build_peak_mb": _median([m.peak_mb for m in build_ok]),
            "build_triples_per_second": r.triples / build_s if r.triples and build_s else None,
            "build_failure": failed.describe() if failed else None,
            "build_failure_seconds": failed.seconds if failed else None,
            "build_failure_peak_mb": failed.peak_mb if failed else None,
            "build_failure_stage": failed.last_stage if failed else None,
            "stages_seconds": stages,
            # interpreter start-up, imports and the CLI: the wall time the stages do not account for
            "other_seconds": _median([m.seconds - sum(t.values()) for m, t in zip(build_ok, r.stage_timings,
                                                                                  strict=True)]),
            "chunked_seconds": r.chunked.seconds if r.chunked else None,
            "chunked_peak_mb": r.chunked.peak_mb if r.chunked else None,
            "pyoxigraph_load_seconds": pyox_s, "pyoxigraph_load_peak_mb": _median([m.peak_mb for m in pyox_ok]),
            "pyoxigraph_triples_per_second": r.triples / pyox_s if r.triples and pyox_s else None,
            "cli_load_seconds": cli_s, "cli_load_peak_mb": _median([m.peak_mb for m in cli_ok]),
            "cli_triples_per_second": r.triples / cli_s if r.triples and cli_s else None,
            "ratio_build_pyoxigraph": build_s / pyox_s if build_s and pyox_s else None,
            "ratio_build_cli": build_s / cli_s if build_s and cli_s else None,
            "repeats": len(r.builds), "load_repeats": len(r.pyoxigraph_loads),
            "deterministic": len(set(r.content_hashes)) <= 1,
        })
    return rows


def render(rows: Sequence[dict[str, Any]]) -> str:
    def build_cell(r: dict[str, Any], key: str, digits: int) -> str:
        if r["build_failure"]:
            value = {"build_seconds": r["build_failure_seconds"], "build_peak_mb": r["build_failure_peak_mb"]}.get(key)
            return f">{_fmt(value, digits)}" if value is not None else "-"
        return _fmt(r[key], digits)

    main = _table(
        ["scale", "docs", "triples", "runs", "build s", "build t/s", "build MB", "pyox load s", "pyox t/s", "pyox MB",
         "cli load s", "cli t/s", "cli MB", "build/pyox", "build/cli"],
        [[str(r["scale"]), str(r["documents"]), _fmt(r["triples"], 0) + ("*" if r["nt_from"] == "chunks" else ""),
          f"{r['repeats']}/{r['load_repeats']}", build_cell(r, "build_seconds", 1),
          _fmt(r["build_triples_per_second"], 0), build_cell(r, "build_peak_mb", 0),
          _fmt(r["pyoxigraph_load_seconds"], 2), _fmt(r["pyoxigraph_triples_per_second"], 0),
          _fmt(r["pyoxigraph_load_peak_mb"], 0), _fmt(r["cli_load_seconds"], 2), _fmt(r["cli_triples_per_second"], 0),
          _fmt(r["cli_load_peak_mb"], 0), _fmt(r["ratio_build_pyoxigraph"]), _fmt(r["ratio_build_cli"])]
         for r in rows])
    stages_run = list(rows[0]["stages_seconds"]) if rows else []
    stage_rows = []
    for r in rows:
        stages = {**r["stages_seconds"], "other": r["other_seconds"]}
        total = r["build_seconds"] or r["build_failure_seconds"]
        stage_rows.append([str(r["scale"])] + [
            (f"{_fmt(stages[s], 2)}{'+' if s == r['build_failure_stage'] else ''} "
             f"({100 * stages[s] / total:.0f}%)") if stages[s] is not None and total else "-"
            for s in (*stages_run, "other")])
    stage_table = _table(["scale", *stages_run, "other"], stage_rows)
    notes = [f"scale {r['scale']}: kb build {r['build_failure']}" for r in rows if r["build_failure"]]
    notes += [f"scale {r['scale']}: the N-Triples (*) were made chunk by chunk in {r['chunked_seconds']:,.0f} s, "
              f"peak {r['chunked_peak_mb']:,.0f} MB per chunk" for r in rows if r["nt_from"] == "chunks"]
    notes += [f"scale {r['scale']}: builds gave different content hashes" for r in rows if not r["deterministic"]]
    return ("Medians over the successful runs (runs = builds/loads; t/s = triples per second; MB = peak resident "
            f"memory; >N = killed at N)\n{main}\n\n"
            "Per-stage timings of kb build (median seconds, share of its wall time; other = start-up, imports, CLI;"
            " N+ = the stage a killed build was in)\n"
            f"{stage_table}\n" + ("\n" + "\n".join(notes) + "\n" if notes else ""))


def _command_output(cmd: Sequence[str]) -> str:
    try:
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = {module: _command_output([sys.executable, "-c", f"import {module}; print({module}.__version__)"])
                for module in ("pyoxigraph", "rdflib", "pyshacl")}
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(), "cpu": cpu,
        "memory_gb": round(int(meminfo[1]) / 2**20, 1), "python": platform.python_version(),
        "platform": platform.platform(), "versions": versions,
        "oxigraph_cli": _command_output([_oxigraph_cli(), "--version"]),
        "git_commit": _command_output(["git", "rev-parse", "HEAD"]),
        "git_dirty": bool(_command_output(["git", "status", "--porcelain"])),
    }


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def _work_lock(work: Path) -> Iterator[None]:
    """One run at a time per work folder: two would remove each other's snapshot, builds and stores."""
    work.mkdir(parents=True, exist_ok=True)
    with open(work / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(f"another benchmark is running in {work}: give another --work") from None
        yield


def run(args: argparse.Namespace) -> None:
    """Every scale, then the profiles; the JSON is rewritten after each scale, so that a run cut short
    still leaves what it measured."""
    info = machine()
    args.snapshot = take_snapshot(args.work)
    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / f"build-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    settings = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items() if k != "canonical_nt"}
    results: list[ScaleResult] = []
    profiles: list[str] = []

    def save() -> None:
        payload = {"machine": info, "settings": settings, "summary": summarise(results),
                   "runs": [asdict(r) for r in results], "profiles": profiles,
                   "self_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
        out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")

    for scale in sorted(set(args.scales)):
        results.append(bench_scale(scale, args))
        save()
        _log(render(summarise(results)))  # partial results, in case a later scale runs long
    for scale in args.profile:
        profiles.append(profile_build(scale, args))
        save()
    print(render(summarise(results)))
    print("\n".join(profiles))
    print(f"machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory_gb']} GB; results in {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100, 1000],
                        help="1 is the real corpus; N a synthetic one of N copies (default: 1 100 1000)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="measurements per scale (default: 3 up to scale 100, 1 above)")
    parser.add_argument("--repeat-under", type=float, default=600,
                        help="repeat only while a build takes less than this many seconds (default 600)")
    parser.add_argument("--keep-build", action="store_true",
                        help="keep the last build of each scale in WORK/build-SCALE (for bench_status --build-dir)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a child is killed")
    parser.add_argument("--mem-limit-gb", type=float, default=16,
                        help="resident memory at which a child is killed (default 16)")
    parser.add_argument("--chunk", type=int, default=50,
                        help="copies per chunk when making the N-Triples of a scale kb build does not finish")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--work", type=Path, default=None,
                        help="where corpora, builds and stores go, kept for reuse (default: a new temporary "
                             "folder, removed at the end)")
    parser.add_argument("--profile", type=int, nargs="*", default=[], metavar="SCALE",
                        help="also profile one build of these scales with cProfile")
    parser.add_argument("--canonical-nt", nargs=2, type=Path, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.canonical_nt:
        write_canonical_nt(*args.canonical_nt)
        return 0
    temporary = args.work is None
    args.work = Path(tempfile.mkdtemp(prefix="kb-bench-")) if temporary else args.work
    try:
        with _work_lock(args.work):
            run(args)
    finally:
        if temporary:
            shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
