"""A seeded world kept once per test session and restored for the later tests that want it.

`keep` copies the whole test database (SQLite's online backup, a few hundred milliseconds for the
demo's ~90,000 rows) and the directories the seed wrote files to (the card files, media);
`restore` copies them back over what the previous test left, so each test starts from the same
rows, ids and files as if it had seeded them itself. On another database it keeps nothing and
`restore` answers False: the caller seeds again.
"""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from rebate.codes.selectors import forget_active_library

# The settings naming directories a seed writes to (each test points them at its own tmp_path).
FILE_SETTINGS = ("CARD_FILES_DIR", "MEDIA_ROOT")


@dataclass
class Snapshot:
    note: str = ""  # what the seed printed
    _db: sqlite3.Connection | None = None
    _files: dict[str, Path] = field(default_factory=dict)

    def keep(self, note: str) -> None:
        if connection.vendor != "sqlite":
            return
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        root = Path(tempfile.mkdtemp(prefix="seeded-world-"))
        atexit.register(shutil.rmtree, root, True)
        for name in FILE_SETTINGS:
            written = Path(getattr(settings, name))
            if written.exists():
                shutil.copytree(written, root / name)
                self._files[name] = root / name
        self._db, self.note = copy, note

    def restore(self) -> bool:
        """The kept world back in the database and the files; False when none was kept."""
        if self._db is None or connection.vendor != "sqlite":
            return False
        connection.ensure_connection()
        self._db.backup(connection.connection)
        for name, copy in self._files.items():
            shutil.copytree(copy, Path(getattr(settings, name)), dirs_exist_ok=True)
        # Per-process caches hold ids of the rows the last flush and post_migrate made.
        ContentType.objects.clear_cache()
        forget_active_library()
        return True
