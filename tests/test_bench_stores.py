"""The benchmarks' stores (bench/stores.py): a store is reused only while the code that decides its
content is unchanged, and made again (by that code) when it is not."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def stores() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "bench"))  # stores imports synth as the scripts do
    try:
        import stores as module

        yield module
    finally:
        sys.path.remove(str(ROOT / "bench"))


@pytest.fixture()
def code_root(tmp_path: Path, stores: ModuleType) -> Path:
    """A copy of what decides a store's content, plus a file that does not (api/)."""
    root = tmp_path / "code"
    for folder in (*stores.RECIPE_FOLDERS, "api"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in stores.RECIPE_FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    return root


def test_fingerprint_follows_what_decides_the_content(stores: ModuleType, code_root: Path) -> None:
    first = stores.code_fingerprint(code_root)
    assert first == stores.code_fingerprint(ROOT)  # the copy holds the same recipe files as the checkout
    (code_root / "api" / "app.py").write_text("# not part of the recipe\n")
    (code_root / "kb" / "__pycache__").mkdir(exist_ok=True)
    (code_root / "kb" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert stores.code_fingerprint(code_root) == first
    for changed in (code_root / "queries" / "rules" / "extra.rq", code_root / "kb" / "status.py",
                    code_root / "bench" / "synth.py"):
        before = stores.code_fingerprint(code_root)
        changed.write_text(changed.read_text() + "\n# changed\n" if changed.exists() else "# new\n")
        assert stores.code_fingerprint(code_root) != before, changed


def test_a_store_from_other_code_is_made_again_then_reused(stores: ModuleType, code_root: Path,
                                                             tmp_path: Path) -> None:
    work = tmp_path / "work"
    stale = work / "store-1"
    stale.mkdir(parents=True)
    (stale / "leftover").write_text("made by older code")
    marker = work / "store-1.json"
    marker.write_text(json.dumps({"recipe": {"scale": 1, "seed": 0, "code": "older"}}))

    store = stores.prepare_store(1, work, code_root, chunk=1, seed=0)

    assert store == stale and not (store / "leftover").exists()
    recipe = {"scale": 1, "seed": 0, "code": stores.code_fingerprint(code_root)}
    assert stores.recipe_holds(marker, recipe)
    raw = ox.Store.read_only(str(store))
    used_basis = ox.NamedNode("https://w3id.org/iacml-kb/ontology#usedBasis")
    assert len(raw) > 20_000 and any(True for _ in raw.quads_for_pattern(None, used_basis, None))
    del raw
    made = (store / "CURRENT").stat().st_mtime_ns
    assert stores.prepare_store(1, work, code_root, chunk=1, seed=0) == store
    assert (store / "CURRENT").stat().st_mtime_ns == made  # reused, not made again
    assert not list(work.glob("*.nt")) and not (work / "store-1.partial").exists()


def test_a_compared_version_runs_its_own_code(stores: ModuleType, tmp_path: Path) -> None:
    """bench_compare.py's other version imports kb and api from its snapshot, not from the checkout (an
    installed checkout would otherwise answer for both sides and the comparison would show nothing)."""
    import bench_compare

    snapshot, _ = stores.take_snapshot(tmp_path, "HEAD")
    listing = snapshot / "queries" / "rest" / "provisions.rq"  # the provision listings' template (kb.listing)
    listing.write_text(listing.read_text().replace("ORDER BY ?sequence", "ORDER BY ?sequence # from the snapshot"))
    texts = bench_compare.version_texts(snapshot)
    assert Path(texts["kb"]).resolve().is_relative_to(snapshot.resolve())
    assert "# from the snapshot" in texts["mandates"]
    assert "# from the snapshot" not in bench_compare.version_texts(ROOT)["mandates"]
