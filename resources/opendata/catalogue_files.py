"""Keep the export of the whole catalogue as a file per catalogue version, and serve it.

Exporting every published item is the most expensive request the hub answers (about a
minute and 100 MB at 100,000 items), and the one most often repeated unchanged. So the
export with no filter, in each format, is written once per catalogue version to the
``exports`` storage (``STORAGES["exports"]``: the local disk or the bucket uploads use)
and every later request for it is served from that file, without reading any item.

Decisions:

- A file is named by the catalogue version (``resources.facets.current.catalogue_token``,
  reduced to a digest so any token makes a safe name) and by what else the live export
  depends on: the language of the request (RIS and BibTeX name the hub in it) and the
  address the visitor used (item links are absolute). For example
  ``exports/catalogue-3f9c…-en-8a1b….csv``. When the version is unknown nothing is kept.
- The first request for a version streams the export live and copies its bytes into a
  temporary file as they are sent, so the file is byte for byte what the live export
  gives. Only one request writes a given file: it claims the writing in the cache every
  worker shares; requests arriving meanwhile stream live rather than wait, because
  waiting would hold their threads idle for as long as the first client takes to read
  the export, while a live stream gives them the same bytes under the same cap on
  exports at once.
- The copy is kept only if the whole body was sent and the version is still the one
  read before the first item: a change committed in between gives a new token, so an
  unchanged token proves every chunk read the same catalogue. A client that goes away
  early leaves nothing behind, and the next request tries again.
- A half-written file is never served: on the local disk it is written under a hidden
  temporary name in the same folder and then renamed, which is atomic; an object store
  shows an object only once its upload is complete.
- Once a new version is stored, files of every other version are deleted.
"""

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import Storage, storages

from resources.facets.current import catalogue_token

logger = logging.getLogger("resources.exports")

FOLDER = "exports"
PREFIX = "catalogue-"
TEMPORARY_PREFIX = ".writing-"
# How long one request may hold the writing of a file; past it another may start over.
WRITING_SECONDS = 15 * 60
# The cache every worker shares (Redis, or a database table): see hub.ratelimits.
SHARED_CACHE = "limits"
_UNSAFE_IN_NAMES = re.compile(r"[^a-z0-9-]")


def export_storage() -> Storage:
    """Return the storage that keeps the exports of the whole catalogue."""
    return storages["exports"]


def _digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


@dataclass(frozen=True)
class CatalogueFile:
    """The stored export of the whole catalogue in one format, language and address."""

    token: str
    version: str
    name: str

    def open(self) -> File | None:
        """Open the stored file for reading, or return None if it is not (or no longer) there."""
        storage = export_storage()
        try:
            if not storage.exists(self.name):
                return None
            return storage.open(self.name, "rb")
        except FileNotFoundError:
            return None  # deleted meanwhile: the catalogue has just changed
        except Exception as error:  # noqa: BLE001 - an unreachable store means a live export
            logger.warning("catalogue export not read: %s", type(error).__name__)
            return None

    def write_while_sending(self, chunks: Iterable[bytes]) -> Iterable[bytes]:
        """Return the chunks, copied into this file as they are sent if no one else writes it."""
        try:
            claimed = caches[SHARED_CACHE].add(self._claim_key, True, WRITING_SECONDS)
        except Exception as error:  # noqa: BLE001 - without the shared cache, just don't write
            logger.warning("catalogue export not written: cache error %s", type(error).__name__)
            return chunks
        if not claimed:
            return chunks
        try:
            return CatalogueFileWriter(self, chunks)
        except OSError as error:
            self.release_writing()
            logger.warning("catalogue export not written: %s", type(error).__name__)
            return chunks

    def release_writing(self) -> None:
        with contextlib.suppress(Exception):
            caches[SHARED_CACHE].delete(self._claim_key)

    @property
    def _claim_key(self) -> str:
        return f"catalogue-export-writing:{self.name}"


def catalogue_file(*, extension: str, language: str, base_url: str) -> CatalogueFile | None:
    """Name the file of the whole catalogue's export as it is now, or None if unknown."""
    token = catalogue_token()
    if token is None:
        return None
    token = str(token)
    version = _digest(token, 16)
    language = _UNSAFE_IN_NAMES.sub("", language.lower())
    name = f"{FOLDER}/{PREFIX}{version}-{language}-{_digest(base_url, 12)}.{extension}"
    return CatalogueFile(token=token, version=version, name=name)


class _WrittenFile(File):
    """A finished temporary file that the local disk storage can move into place."""

    def temporary_file_path(self) -> str:
        return self.file.name


def _discard(temporary) -> None:
    temporary.close()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary.name)


class CatalogueFileWriter:
    """Pass a live export's bytes on, copying them into a temporary file; store it if complete.

    Closing the writer (Django closes every closable body, also when the client goes
    away) or a failure removes the temporary file and frees the claim, so that another
    request can write the file. A writer dropped unclosed removes its temporary file when
    it is collected, and its claim lapses after ``WRITING_SECONDS``: the collector may run
    in the middle of a query, when no other query may be sent.
    """

    def __init__(self, target: CatalogueFile, chunks: Iterable[bytes]):
        self.target = target
        self._chunks = iter(chunks)
        storage = export_storage()
        try:
            folder = storage.path(FOLDER)
        except NotImplementedError:
            folder = None  # an object store: the upload itself is atomic
        else:
            os.makedirs(folder, exist_ok=True)
        self._temporary = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by _discard
            dir=folder, prefix=TEMPORARY_PREFIX, suffix=".part", delete=False
        )
        self._collected = weakref.finalize(self, _discard, self._temporary)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            chunk = next(self._chunks)
            self._temporary.write(chunk)
        except StopIteration:
            self._store()
            self.close()
            raise
        except BaseException:
            self.close()
            raise
        return chunk

    def close(self) -> None:
        if self._collected.alive:
            self._collected()
            self.target.release_writing()

    def _store(self) -> None:
        if catalogue_token() != self.target.token:
            return  # the catalogue changed while it was read: the copy may mix versions
        storage = export_storage()
        try:
            self._temporary.flush()
            self._temporary.seek(0)
            if not storage.exists(self.target.name):
                storage.save(self.target.name, _WrittenFile(self._temporary))
            prune(keep=self.target.version)
        except Exception as error:  # noqa: BLE001 - the client has its export; only the copy failed
            logger.warning("catalogue export not stored: %s", type(error).__name__)


def prune(*, keep: str) -> None:
    """Delete the stored exports of every catalogue version but ``keep``, and lost drafts."""
    storage = export_storage()
    try:
        _folders, names = storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    abandoned_before = time.time() - 2 * WRITING_SECONDS
    for name in names:
        path = f"{FOLDER}/{name}"
        with contextlib.suppress(FileNotFoundError, NotImplementedError):
            if name.startswith(PREFIX) and not name.startswith(f"{PREFIX}{keep}-"):
                storage.delete(path)
            elif (
                name.startswith(TEMPORARY_PREFIX)
                and storage.get_modified_time(path).timestamp() < abandoned_before
            ):
                storage.delete(path)  # left by a process that stopped while writing
