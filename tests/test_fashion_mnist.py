"""Tests of the Fashion-MNIST file layer, on small IDX files written here."""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import pytest

from neurons import _fashion_mnist as fm


def idx_bytes(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 8, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape
    )
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture
def small_files(tmp_path, monkeypatch):
    """Four tiny IDX files (3 training, 2 test images of 2 x 2) and their digests."""
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (3, 2, 2)),
        "train-labels-idx1-ubyte.gz": np.array([9, 0, 3]),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (2, 2, 2)),
        "t10k-labels-idx1-ubyte.gz": np.array([1, 2]),
    }
    source = tmp_path / "source"
    source.mkdir()
    digests = {}
    for name, array in arrays.items():
        data = idx_bytes(array)
        (source / name).write_bytes(gzip.compress(data))
        digests[name] = (hashlib.sha256(data).hexdigest(), len(data))
    monkeypatch.setattr(fm, "FILES", digests)
    # Nothing on this machine may be found by accident: an empty system
    # folder, and no apt-get.
    monkeypatch.setattr(fm, "SYSTEM_DIR", tmp_path / "no-system")
    monkeypatch.setattr(fm.shutil, "which", lambda _: None)
    return source, arrays


@pytest.fixture
def filled_cache(small_files, tmp_path):
    """A cache folder holding a copy of every small file."""
    source, _ = small_files
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in fm.FILES:
        (cache / name).write_bytes((source / name).read_bytes())
    return cache


def test_read_idx_reads_shape_and_values():
    array = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(fm.read_idx(idx_bytes(array)), array)


def test_read_idx_rejects_wrong_magic_and_wrong_length():
    with pytest.raises(fm.DataError, match="not an IDX file of unsigned bytes"):
        fm.read_idx(b"\x00\x00\x0d\x01\x00\x00\x00\x01\x00")
    with pytest.raises(
        fm.DataError,
        match=r"declares shape \(2, 2\) \(16 bytes with its header\) but holds 13 bytes",
    ):
        fm.read_idx(bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1]))


def test_loads_from_a_folder_of_files(small_files, monkeypatch):
    source, arrays = small_files
    monkeypatch.setattr(fm, "SYSTEM_DIR", source)
    (X_train, y_train), (X_test, y_test) = fm.load(data_dir=source.parent / "cache")
    np.testing.assert_array_equal(X_train, arrays["train-images-idx3-ubyte.gz"])
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte.gz"])
    assert X_test.shape == (2, 2, 2)
    assert y_train.dtype == np.uint8


def test_download_verifies_and_leaves_no_partial_file(small_files, tmp_path):
    source, _ = small_files
    cache = tmp_path / "cache"
    fm.load(data_dir=cache, url=source.as_uri() + "/")
    assert sorted(p.name for p in cache.iterdir()) == sorted(fm.FILES)


def test_corrupt_download_is_refused_and_not_cached(small_files, tmp_path):
    source, _ = small_files
    name = "t10k-labels-idx1-ubyte.gz"
    (source / name).write_bytes(gzip.compress(idx_bytes(np.array([7, 7]))))
    cache = tmp_path / "cache"
    with pytest.raises(fm.DataError, match=f"{name} has the wrong contents"):
        fm.load(data_dir=cache, url=source.as_uri() + "/")
    assert not (cache / name).exists()
    assert not list(cache.glob("*.part"))


def test_wrong_digest_names_the_file_and_both_digests(filled_cache):
    cache = filled_cache
    name = "train-labels-idx1-ubyte.gz"
    wrong = idx_bytes(np.array([1, 1, 1]))
    (cache / name).write_bytes(gzip.compress(wrong))
    expected = fm.FILES[name][0]
    actual = hashlib.sha256(wrong).hexdigest()
    with pytest.raises(fm.DataError) as error:
        fm.load(data_dir=cache)
    assert name in str(error.value)
    assert expected in str(error.value)
    assert actual in str(error.value)


def test_truncated_file_is_reported(filled_cache):
    cache = filled_cache
    name = "train-images-idx3-ubyte.gz"
    data = (cache / name).read_bytes()
    (cache / name).write_bytes(data[: len(data) // 2])
    with pytest.raises(fm.DataError, match=f"{name} is truncated or not a gzip file"):
        fm.load(data_dir=cache)


def test_no_source_says_how_to_get_the_data(small_files, tmp_path):
    missing = (tmp_path / "nowhere").as_uri() + "/"
    with pytest.raises(fm.DataError) as error:
        fm.load(data_dir=tmp_path / "cache", url=missing)
    message = str(error.value)
    assert "apt-get install dataset-fashion-mnist" in message
    assert "apt-get or dpkg-deb is not installed" in message
    assert "NEURONS_DATA_DIR" in message


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEURONS_DATA_DIR", str(tmp_path / "d"))
    assert fm.cache_dir() == tmp_path / "d"
    monkeypatch.delenv("NEURONS_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert fm.cache_dir() == tmp_path / "x" / "neurons" / "fashion-mnist"


REAL = [
    folder
    for folder in (fm.cache_dir(), fm.SYSTEM_DIR)
    if all((folder / name).is_file() for name in fm.FILES)
]


@pytest.mark.skipif(not REAL, reason="the Fashion-MNIST files are not on this machine")
def test_the_real_files():
    (X_train, y_train), (X_test, y_test) = fm.load(data_dir=REAL[0])
    assert X_train.shape == (60000, 28, 28)
    assert X_test.shape == (10000, 28, 28)
    # Balanced classes: 6,000 training and 1,000 test images each.
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert np.bincount(y_test).tolist() == [1000] * 10
    assert y_train[:5].tolist() == [9, 0, 0, 3, 0]
