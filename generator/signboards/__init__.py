"""Bilingual (Chinese + Korean) village plaques rendered as SVG, PDF and PNG; see :mod:`.render`."""

from .plaque import *  # noqa: F403 — the public API is plaque.__all__
from .plaque import __all__  # noqa: F401
