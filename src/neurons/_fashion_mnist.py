"""Find, verify and read the Fashion-MNIST files, offline where possible.

:func:`neurons.datasets.load_fashion_mnist` calls :func:`load`. The four
files are the gzipped IDX files that Keras downloads. They are looked for, in
order:

1. in the cache folder (:func:`cache_dir`: ``$NEURONS_DATA_DIR``, else
   ``$XDG_CACHE_HOME/neurons/fashion-mnist``, else
   ``~/.cache/neurons/fashion-mnist``);
2. in ``/usr/share/datasets/fashion-mnist``, where Debian's package
   ``dataset-fashion-mnist`` installs them;
3. in that Debian package, fetched with ``apt-get download`` and unpacked
   with ``dpkg-deb -x`` (no root needed), where both commands exist;
4. on the canonical server, the one Keras uses.

Files found by 3 or 4 are copied into the cache. Every file is checked
against a SHA-256 digest before use. The digests are of the *decompressed*
IDX bytes, because Debian and the canonical server compress the same data
differently (their ``.gz`` files differ, their contents do not). A file is
written to a temporary name and renamed only once verified, so the cache never
holds half a file.

Deliberately left out: other IDX data sets, and any progress bar.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import tempfile
import urllib.request
import zlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["CLASS_NAMES", "FILES", "DataError", "cache_dir", "load", "read_idx"]

#: File name -> (SHA-256 of the decompressed IDX bytes, their length).
FILES: dict[str, tuple[str, int]] = {
    "train-images-idx3-ubyte.gz": (
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        47_040_016,
    ),
    "train-labels-idx1-ubyte.gz": (
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        60_008,
    ),
    "t10k-images-idx3-ubyte.gz": (
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        7_840_016,
    ),
    "t10k-labels-idx1-ubyte.gz": (
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        10_008,
    ),
}

#: The ten classes, in label order (Xiao, Rasul and Vollgraf, 2017).
CLASS_NAMES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)

SYSTEM_DIR = Path("/usr/share/datasets/fashion-mnist")
DEBIAN_PACKAGE = "dataset-fashion-mnist"
URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

# IDX magic numbers: two zero bytes, the type (0x08: unsigned byte), the
# number of dimensions.
_IDX_UBYTE = 0x08


class DataError(OSError):
    """A data file is missing, corrupt or not what it should be."""


def cache_dir() -> Path:
    """Return the folder where verified Fashion-MNIST files are kept.

    Returns
    -------
    pathlib.Path
        ``$NEURONS_DATA_DIR`` if set, else ``$XDG_CACHE_HOME/neurons/fashion-mnist``,
        else ``~/.cache/neurons/fashion-mnist``.

    Examples
    --------
    >>> import os
    >>> os.environ["NEURONS_DATA_DIR"] = "/tmp/fmnist"
    >>> str(cache_dir())
    '/tmp/fmnist'
    >>> del os.environ["NEURONS_DATA_DIR"]
    """
    if os.environ.get("NEURONS_DATA_DIR"):
        return Path(os.environ["NEURONS_DATA_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "neurons" / "fashion-mnist"


def _decompressed(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        msg = f"{path} is truncated or not a gzip file ({error})."
        raise DataError(msg) from error


def verify(path: Path) -> bytes:
    """Return the decompressed bytes of ``path`` after checking their digest.

    Parameters
    ----------
    path : pathlib.Path
        One of the files named in :data:`FILES`.

    Returns
    -------
    bytes

    Raises
    ------
    DataError
        If the file is truncated, not gzip, or its digest differs; the message
        names the file and both digests.
    """
    expected, _ = FILES[path.name]
    data = _decompressed(path)
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        msg = (
            f"{path} has the wrong contents: SHA-256 of its decompressed bytes "
            f"is {actual}, expected {expected}. Delete it and load again."
        )
        raise DataError(msg)
    return data


def read_idx(data: bytes, *, name: str = "IDX data") -> npt.NDArray[np.uint8]:
    """Parse IDX bytes of unsigned bytes into an array of their shape.

    The format (LeCun et al.): two zero bytes, a type byte (``0x08`` for
    unsigned bytes), the number of dimensions ``d``, then ``d`` big-endian
    32-bit sizes, then the values.

    Parameters
    ----------
    data : bytes
        The decompressed file.
    name : str, default="IDX data"
        Used in error messages.

    Returns
    -------
    ndarray of uint8

    Raises
    ------
    DataError
        If the magic number is wrong or the sizes do not match the length.

    Examples
    --------
    >>> read_idx(bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]))
    array([[1, 2, 3],
           [4, 5, 6]], dtype=uint8)
    """
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != _IDX_UBYTE:
        msg = (
            f"{name} is not an IDX file of unsigned bytes: its first bytes are "
            f"{data[:4].hex()}, expected 0000 08 then the number of dimensions."
        )
        raise DataError(msg)
    n_dims = data[3]
    header = 4 + 4 * n_dims
    shape = tuple(
        int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(n_dims)
    )
    expected = header + int(np.prod(shape, dtype=np.int64))
    if len(data) != expected:
        msg = (
            f"{name} declares shape {shape} ({expected} bytes with its header) "
            f"but holds {len(data)} bytes."
        )
        raise DataError(msg)
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(shape)


def _install(source: Path, target: Path) -> None:
    """Verify ``source``, then copy it to ``target`` under a temporary name.

    The rename is atomic, so ``target`` is either absent or complete.
    """
    verify(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _from_debian(target_dir: Path, url: str) -> str | None:
    """Fetch the Debian package into a temporary folder; copy the files.

    Returns None on success, else why it failed. ``url`` is not used: the
    package comes from the machine's own apt sources.
    """
    del url
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        return "apt-get or dpkg-deb is not installed"
    with tempfile.TemporaryDirectory() as work:
        fetched = subprocess.run(
            ["apt-get", "download", DEBIAN_PACKAGE],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        debs = list(Path(work).glob("*.deb"))
        if fetched.returncode != 0 or not debs:
            return f"apt-get download {DEBIAN_PACKAGE} failed: {fetched.stderr.strip()}"
        unpacked = Path(work) / "root"
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(unpacked)], check=True)
        folder = unpacked / SYSTEM_DIR.relative_to("/")
        for name in FILES:
            _install(folder / name, target_dir / name)
    return None


def _from_url(target_dir: Path, url: str) -> str | None:
    """Download every file missing from the cache; None on success."""
    for name in FILES:
        if (target_dir / name).is_file():
            continue
        with tempfile.TemporaryDirectory() as work:
            partial = Path(work) / name
            try:
                with urllib.request.urlopen(url + name, timeout=60) as response:
                    partial.write_bytes(response.read())
            except OSError as error:
                return f"download of {url + name} failed: {error}"
            _install(partial, target_dir / name)
    return None


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in FILES)


def locate(*, data_dir: Path | None = None, url: str = URL) -> dict[str, bytes]:
    """Return the verified, decompressed contents of the four files by name.

    Looks in ``data_dir`` (default :func:`cache_dir`), then
    :data:`SYSTEM_DIR`, then fetches the Debian package, then ``url``; see
    the module docstring.

    Raises
    ------
    DataError
        If a file found is corrupt (naming it and both digests), or if no
        source has the files; the message says how to get them.
    """
    target = Path(data_dir) if data_dir is not None else cache_dir()
    tried = []
    for folder in (target, SYSTEM_DIR):
        if _complete(folder):
            return {name: verify(folder / name) for name in FILES}
        tried.append(f"{folder}: not there")
    for fetch in (_from_debian, _from_url):
        failure = fetch(target, url)
        if failure is None and _complete(target):
            return {name: verify(target / name) for name in FILES}
        tried.append(failure or "incomplete")
    msg = (
        "Fashion-MNIST was not found and could not be fetched. Tried:\n  "
        + "\n  ".join(tried)
        + f"\nTo get it: on Debian or Ubuntu, `apt-get install {DEBIAN_PACKAGE}`;"
        f" anywhere, download {', '.join(FILES)} from {url} into {target}"
        " (or set NEURONS_DATA_DIR to a folder that holds them)."
    )
    raise DataError(msg)


def load(
    *, data_dir: Path | None = None, url: str = URL
) -> tuple[
    tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]],
    tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]],
]:
    """Return ``(X_train, y_train), (X_test, y_test)`` as Keras does."""
    contents = locate(data_dir=data_dir, url=url)
    arrays = {name: read_idx(data, name=name) for name, data in contents.items()}
    X_train = arrays["train-images-idx3-ubyte.gz"]
    y_train = arrays["train-labels-idx1-ubyte.gz"]
    X_test = arrays["t10k-images-idx3-ubyte.gz"]
    y_test = arrays["t10k-labels-idx1-ubyte.gz"]
    for X, y, part in ((X_train, y_train, "training"), (X_test, y_test, "test")):
        if X.ndim != 3 or y.ndim != 1 or X.shape[0] != y.shape[0]:
            msg = (
                f"The {part} images (shape {X.shape}) and labels (shape "
                f"{y.shape}) do not match."
            )
            raise DataError(msg)
    return (X_train, y_train), (X_test, y_test)
