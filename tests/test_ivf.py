"""The inverted-file index: lists probed find what the exact scan finds, ids stay right."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.checking import dense as dense_module
from factcheck.checking import ivf
from factcheck.checking.dense import index_for
from factcheck.pipeline.ingest import ingest_paths

from .conftest import CLAIMS


def _clustered(count: int, dim: int = 32, groups: int = 40, seed: int = 5,
               decay: float | None = None) -> np.ndarray:
    """Unit vectors around a few directions, as sentence vectors of a few topics are;
    `decay`: their spread falls off along the axes, as sentence vectors' variance does."""
    rng = np.random.default_rng(seed)
    spread = np.ones(dim) if decay is None else np.exp(-np.arange(dim) / decay)
    centres = rng.normal(size=(groups, dim)) * spread
    rows = (centres[rng.integers(groups, size=count)]
            + 0.35 * rng.normal(size=(count, dim)) * spread)
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_probed_lists_find_the_exact_nearest_neighbours():
    matrix = _clustered(6000)
    order, offsets, centroids = ivf.build(matrix, 30)
    assert sorted(order.tolist()) == list(range(6000)) and offsets[-1] == 6000
    grouped = matrix[order]
    queries = _clustered(200, seed=9)
    found_first = found_ten = 0
    for query in queries:
        exact = np.argsort(-(matrix @ query))[:10]
        rows, scores = ivf.search(grouped, query, offsets=offsets, centroids=centroids, k=10)
        assert np.all(np.diff(scores) <= 1e-6)  # best first
        assert np.allclose(scores, matrix[order[rows]] @ query, atol=1e-5)
        got = set(order[rows].tolist())
        found_first += int(exact[0]) in got
        found_ten += len(got & set(exact.tolist()))
    assert found_first >= 196 and found_ten >= 0.95 * 2000


def test_a_first_pass_in_fewer_dimensions_finds_the_exact_neighbours_and_scores():
    matrix = _clustered(6000, dim=64, decay=20)  # 16 axes: 80% of the variance (MiniLM: 79%)
    order, offsets, centroids = ivf.build(matrix, 30)
    grouped = matrix[order]
    directions = ivf.basis(grouped, dims=16)
    assert directions.shape == (16, 64) and ivf.basis(grouped, dims=40) is None
    assert np.allclose(directions @ directions.T, np.eye(16), atol=1e-5)
    reduced = ivf.reduce(grouped, directions)
    found_ten = 0
    for query in _clustered(200, dim=64, seed=9, decay=20):
        exact = np.argsort(-(matrix @ query))[:10]
        rows, scores = ivf.search(grouped, query, offsets=offsets, centroids=centroids, k=10,
                                  reduced=reduced, directions=directions)
        assert np.all(np.diff(scores) <= 1e-6)
        assert np.allclose(scores, matrix[order[rows]] @ query, atol=1e-5)  # rescored in full
        found_ten += len(set(order[rows].tolist()) & set(exact.tolist()))
    assert found_ten >= 0.95 * 2000


def test_given_centroids_are_reused_not_retrained():
    matrix = _clustered(3000)
    _, _, centroids = ivf.build(matrix, 20)
    order, offsets, again = ivf.build(matrix, 25, centroids=centroids)
    assert again is centroids and len(offsets) == 21 and offsets[-1] == 3000


def test_a_store_above_the_threshold_is_searched_by_lists(store, db_path, semantic,
                                                          monkeypatch, tmp_path):
    ingest_paths(store, [str(CLAIMS)], semantic=semantic)
    exact = index_for(store, db_path, semantic.load().dim)
    assert exact.centroids is None  # a small store: the exact scan
    monkeypatch.setattr(ivf, "MIN_VECTORS", 5)
    monkeypatch.setattr(ivf, "PER_LIST", 4)
    monkeypatch.setattr(ivf, "MIN_PROBE", 1)
    monkeypatch.setattr(ivf, "PROBE_SHARE", 0.01)  # one list of four scanned
    store.execute("UPDATE vector_meta SET value = CAST(value AS INTEGER) + 1"
                  " WHERE key = 'generation'")
    store.conn.commit()
    grouped = index_for(store, db_path, semantic.load().dim)
    assert grouped.centroids is not None and len(grouped.centroids) == len(grouped.ids) // 4
    assert grouped.reduced.shape == (len(grouped.ids), ivf.REDUCED)
    assert ivf.probes(len(grouped.centroids)) == 1
    assert sorted(grouped.ids.tolist()) == exact.ids.tolist()
    for row in range(len(exact.ids)):  # each claim's own vector finds that claim first
        claim_id = int(exact.ids[row])
        assert grouped.search(np.asarray(exact.matrix[row]), 3)[0][0] == claim_id
        assert grouped.cosines(np.asarray(exact.matrix[row]), [claim_id])[claim_id] \
            == pytest.approx(exact.cosines(np.asarray(exact.matrix[row]), [claim_id])[claim_id])
    # A write assigns the new claim to the same centroids instead of retraining them.
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.txt").write_text(
        "The harbour handled 7,000 container ships in 2023, the port authority said.\n",
        encoding="utf-8")
    ingest_paths(store, [str(tmp_path / "more")], semantic=semantic)
    following = index_for(store, db_path, semantic.load().dim)
    assert following.generation > grouped.generation
    assert len(following.ids) == len(grouped.ids) + 1
    assert np.array_equal(following.centroids, grouped.centroids)
    files = list(db_path.parent.glob("factcheck.db.vectors/*.npy"))
    assert len(files) == 6  # one generation
    # An index written before the first pass existed gets one when it is next mapped.
    for part in files:
        if part.name.endswith((".reduced.npy", ".directions.npy")):
            part.unlink()
    dense_module._CACHE.clear()
    again = index_for(store, db_path, semantic.load().dim)
    assert np.array_equal(again.reduced, following.reduced)
    assert again.search(np.asarray(exact.matrix[0]), 1)[0][0] == int(exact.ids[0])


def test_a_store_replaced_at_its_path_never_maps_the_old_index(db_path, semantic, tmp_path):
    """Two stores built apart, the second copied over the first: the index that is used
    holds the second's claims, not the first's (their vector generations differ)."""
    from factcheck import store as storage

    other_path = tmp_path / "other" / "factcheck.db"
    for path, text in ((db_path, "The harbour handled 7,000 container ships in 2023.\n"),
                       (other_path, "The orchestra played 40 concerts in Vienna in 2019.\n")):
        folder = tmp_path / f"in-{path.parent.name}"
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8")
        db = storage.connect(path)
        storage.migrate(db)
        ingest_paths(db, [str(folder)], semantic=semantic)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
    first = storage.connect(db_path, readonly=True)
    before = index_for(first, db_path, semantic.load().dim)
    first.conn.close()
    other_path.replace(db_path)  # a backup restored in place
    second = storage.connect(db_path, readonly=True)
    after = index_for(second, db_path, semantic.load().dim)
    assert after.generation != before.generation
    query = semantic.load().encode(["The orchestra gave 40 concerts in Vienna"])[0]
    claim_id, cosine = after.search(query, 1)[0]
    text = second.execute("SELECT text FROM claims WHERE id = ?", [claim_id]).fetchone()[0]
    assert "orchestra" in text and cosine > 0.8


def test_centroids_of_other_vectors_are_retrained_not_kept():
    first = _clustered(3000, seed=5)
    _, _, centroids = ivf.build(first, 20)
    # Other topics: vectors around directions the first set never had.
    other = _clustered(3000, seed=77, groups=1)
    order, offsets, again = ivf.build(other, 20, centroids=centroids)
    assert again is not centroids
    assert ivf.fits(np.repeat(np.arange(20), np.diff(offsets)), 20)
