"""Bilingual (Chinese + Korean) village plaques rendered as SVG, PDF and PNG; see :mod:`.render`."""

from .render import *  # noqa: F403 — the public API is render.__all__
from .render import __all__  # noqa: F401
