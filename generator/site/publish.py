"""Publishing a finished build so that at every instant `site/` is one complete build.

`site` is a symbolic link into `site.builds/`; a new build is moved there and the link is swapped
with a single rename (atomic on POSIX). A process killed at any point leaves either the old site or
the new one, never none. The very first switch from a plain `site/` folder exchanges the two in one
`renameat2(RENAME_EXCHANGE)` call where Linux offers it.
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
