"""Publishing a finished build so that at every instant `site/` is one complete build.

`site` is a symbolic link into `site.builds/`; a new build is moved there and the link is swapped
with a single rename (atomic on POSIX). A process killed at any point leaves either the old site or
the new one, never none. The very first switch from a plain `site/` folder exchanges the two in one
`renameat2(RENAME_EXCHANGE)` call where Linux offers it.

A build killed on the way leaves folders beside `site/`: `site.staging` (a build not finished),
`site.next` (a link not yet swapped in), `site.old`, and builds in `site.builds/` that `site` does not
point to. The next build removes them when it starts (`clean_stale`).
"""
from __future__ import annotations

import ctypes
import datetime
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def publish(staging: Path, final: Path) -> Path:
    """Make the finished build in `staging` the site at `final`; returns the build folder."""
    builds = final.with_name(final.name + ".builds")
    builds.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = builds / f"{stamp}-{os.getpid()}"
    staging.rename(target)
    link = final.with_name(final.name + ".next")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(target, final.parent), target_is_directory=True)
    if final.is_dir() and not final.is_symlink():  # the first publish over a plain folder
        if _exchange(link, final):
            shutil.rmtree(link)  # now the old folder
        else:
            old = final.with_name(final.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            final.rename(old)
            os.replace(link, final)
            shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(link, final)  # one rename: the old build until here, the new one after
    for other in builds.iterdir():
        if other != target:
            shutil.rmtree(other, ignore_errors=True)
    return target


def clean_stale(final: Path) -> None:
    """Remove what a killed build left beside the site at `final` (see the module's text); the
    build `final` points to stays. A publish killed between its two renames (where `renameat2` is
    missing) left no `final`: the finished build it was putting there, or else the old site, is put back."""
    link, old = final.with_name(final.name + ".next"), final.with_name(final.name + ".old")
    if not final.exists() and not final.is_symlink():
        if link.is_symlink() and link.resolve().is_dir():
            os.replace(link, final)
        elif old.is_dir() and not old.is_symlink():
            old.rename(final)
    for suffix in (".staging", ".old", ".next"):
        _remove(final.with_name(final.name + suffix))
    builds = final.with_name(final.name + ".builds")
    current = final.resolve() if final.is_symlink() else None
    if builds.is_dir():
        for other in builds.iterdir():
            if other.resolve() != current:
                _remove(other)


def _remove(path: Path) -> None:
    """Remove a folder, a file or a symbolic link (not what it points to), if there is one."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
