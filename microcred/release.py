"""The release: a short version derived from the code itself, carried by every cache key.

A deploy then never reads fragments, cached users or course access that the previous code wrote (in a shape it may
no longer expect), and a rollback never reads the newer code's. ``RELEASE`` in the environment overrides it (e.g. the
image's git commit); otherwise it is a digest of the Python sources, templates and translations, computed once at
start-up (a few milliseconds).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

SUFFIXES = {".py", ".html", ".txt", ".po", ".json"}
SKIPPED = {".venv", "var", "node_modules", "static", "tests", "docs", "__pycache__", ".git", ".ruff_cache"}


def code_files(root: Path) -> list[Path]:
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if d not in SKIPPED and not d.startswith("."))
        found += [Path(directory) / name for name in files if Path(name).suffix in SUFFIXES]
    return sorted(found)


def code_release(root: Path) -> str:
    """``RELEASE`` from the environment, or the first 12 hex digits of a digest of the code under ``root``."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"][:40]
    digest = hashlib.sha256()
    for path in code_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
