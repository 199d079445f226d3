"""Explicit waits for browser tests: on a condition the page reaches, never for a fixed time (a fixed
wait is too short on a busy machine and too long everywhere else)."""

from __future__ import annotations

# every image that will load has loaded or failed: an <img onerror> a page might inject has had its event
IMAGES_DONE = """() => document.readyState === 'complete'
    && [...document.images].every(i => i.complete || i.loading === 'lazy')"""
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
# no transition or animation with an end is running (endless ones, e.g. a spinner, never end)
STILL = """() => document.getAnimations().every(a => a.playState !== 'running'
    || a.effect.getComputedTiming().endTime === Infinity)"""


def settled(page) -> None:  # noqa: ANN001 (Playwright's Page)
    """Wait until the page has loaded and every image on it has loaded or failed (an error event is
    dispatched in the task that marks an image broken), then for two animation frames: what those
    events' handlers queued has run too."""
    page.wait_for_function(IMAGES_DONE)
    page.evaluate(TWO_FRAMES)


def still(page) -> None:  # noqa: ANN001 (Playwright's Page)
    """Wait until no transition or animation is running (e.g. a dialog fading in), a frame after."""
    page.wait_for_function(STILL)
    page.evaluate(TWO_FRAMES)
