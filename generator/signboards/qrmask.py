"""The QR standard's choice of data mask (ISO/IEC 18004:2015, 7.8.3), computed on whole matrices at once.

segno chooses the mask by masking its matrix eight times and scoring every module in Python; that
was four fifths of a QR code's cost and the largest part of a first build. Here the same choice is
made from one code segno encoded with mask 0: the whole matrix is one integer (each row a run of
bits, column 0 the highest, light gaps between rows), each mask one XOR, and each penalty rule a
few shifts, ANDs and bit counts over all rows or all columns at once:

- N1: a run of 5 + i modules of one colour in a row or column scores 3 + i;
- N2: every 2 × 2 block of one colour scores 3;
- N3: 1:1:3:1:1 (dark:light:dark:dark:dark:light:dark) with four light modules before or after, or
  at the edge, scores 40 (two patterns that share modules, rare, are counted one by one, in order);
- N4: 10 for every full 5 % the dark share is away from half.

The matrix scored is the one segno scores: format and version areas light, function patterns as
placed, the mask applied to the encoding region only. The chosen one is kept as the code's matrix
(qr.py adds the format and version areas), so the code is never encoded a second time.
tests/site/test_qr.py checks that the mask and the matrix are segno's own, for addresses of every
length the site makes and beyond.
"""

from __future__ import annotations

import functools


def _masked(k: int, i: int, j: int) -> bool:
    """Table 10: is module (row i, column j) flipped by data mask k?"""
    return (
        ((i + j) % 2 == 0),
        (i % 2 == 0),
        (j % 3 == 0),
        ((i + j) % 3 == 0),
        ((i // 2 + j // 3) % 2 == 0),
        ((i * j) % 2 + (i * j) % 3 == 0),
        (((i * j) % 2 + (i * j) % 3) % 2 == 0),
        (((i + j) % 2 + (i * j) % 3) % 2 == 0),
    )[k]


def alignment_centres(version: int) -> list[int]:
    """Annex E: rows (and columns) of the alignment pattern centres of a QR code `version`."""
    if version < 2:
        return []
    size, count = 17 + 4 * version, version // 7 + 2
    step = 26 if version == 32 else (version * 4 + count * 2 + 1) // (count * 2 - 2) * 2
    return [6] + [size - 7 - step * n for n in range(count - 2, -1, -1)]


@functools.lru_cache(maxsize=None)
def _layout(size: int) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """(keep, flips): per row, the bits left as placed (all but format and version areas), and per mask
    the bits it flips (mask pattern within the encoding region)."""
    version = (size - 17) // 4
    reserved = [[False] * size for _ in range(size)]  # format/version areas: light while scoring
    function = [[False] * size for _ in range(size)]  # finders, separators, timing, alignment
    for top, left in ((0, 0), (0, size - 8), (size - 8, 0)):
        for i in range(top, top + 8):
            for j in range(left, left + 8):
                function[i][j] = True
    for n in range(size):
        function[6][n] = function[n][6] = True
    for n in [*range(6), 7, 8, *range(size - 8, size)]:  # not (6, 8) and (8, 6): those are timing
        reserved[8][n] = reserved[n][8] = True
    if version >= 7:
        for a in range(6):
            for b in range(size - 11, size - 8):
                reserved[a][b] = reserved[b][a] = True
    centres = alignment_centres(version)
    corners = {(centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])} if centres else set()
    for ci in centres:
        for cj in centres:
            if (ci, cj) not in corners:
                for i in range(ci - 2, ci + 3):
                    for j in range(cj - 2, cj + 3):
                        function[i][j] = True

    def bits(cells) -> int:
        return int("".join("1" if c else "0" for c in cells), 2)

    keep = tuple(bits(not reserved[i][j] for j in range(size)) for i in range(size))
    flips = tuple(
        tuple(
            bits(_masked(k, i, j) and not (function[i][j] or reserved[i][j]) for j in range(size)) for i in range(size)
        )
        for k in range(8)
    )
    return keep, flips


def _finder_like(a: int, b: int, c: int, d: int, e: int, f: int, g: int) -> int:
    """Where seven lines of modules read dark, light, dark, dark, dark, light, dark (N3's 1:1:3:1:1)."""
    return a & ~b & c & d & e & ~f & g


def _n3_rows(rows: list[int], size: int) -> int:
    """N3 along rows. A pattern counts with four light modules (or the edge) before or after it; the
    search then goes on after it, else after its fourth module: the next one may share its last three
    (segno's scan, which these counts follow). Patterns can only overlap by three or one modules."""
    score = 0
    for r in rows:
        padded = r << 4  # four light modules past the right edge; the left edge reads light by itself
        found = _finder_like(padded >> 6, padded >> 5, padded >> 4, padded >> 3, padded >> 2, padded >> 1, padded) >> 4
        found &= (1 << (size - 6)) - 1  # starts from column 0 to size - 7 (bit p: the pattern's last module at bit p)
        skip = 0
        while found:
            top = found.bit_length() - 1  # the leftmost pattern left: its last module at bit `top`
            found ^= 1 << top
            if skip >> top & 1:
                continue
            here = top + 4  # in `padded`
            if not (padded >> (here + 7)) & 0xF or not (padded >> (here - 4)) & 0xF:
                score += 40
                skip |= (1 << (top - 4) if top >= 4 else 0) | (1 << (top - 6) if top >= 6 else 0)
    return score


def _n3_columns(rows: list[int], size: int) -> int:
    """N3 along columns, every column at once: bit j of each mask is column j."""
    light = [0] * 4
    padded = light + rows + light
    score = 0
    skip = [0] * (size + 8)
    for i in range(4, size - 2):  # a pattern in rows i .. i + 6 (padded)
        found = _finder_like(*padded[i : i + 7]) & ~skip[i]
        if not found:
            continue
        before = ~(padded[i - 4] | padded[i - 3] | padded[i - 2] | padded[i - 1])
        after = ~(padded[i + 7] | padded[i + 8] | padded[i + 9] | padded[i + 10])
        counted = found & (before | after)
        if counted:
            score += 40 * counted.bit_count()
            skip[i + 4] |= counted
            skip[i + 6] |= counted
    return score


def _pack(rows: list[int], size: int) -> int:
    """The rows as one integer, row i at bit i * (size + 4): four light modules between rows stop
    runs and patterns at the edge, so each rule below is a few operations on the whole matrix."""
    width, packed = size + 4, 0
    for i, r in enumerate(rows):
        packed |= r << (i * width)
    return packed


def _unpack(packed: int, size: int) -> list[int]:
    width, full = size + 4, (1 << size) - 1
    return [(packed >> (i * width)) & full for i in range(size)]


@functools.lru_cache(maxsize=None)
def _modules(size: int) -> int:
    """Every module of a packed matrix (the light ones are these minus the dark)."""
    return _pack([(1 << size) - 1] * size, size)


def penalty(rows: list[int], size: int) -> int:
    """The penalty score (N1 + N2 + N3 + N4) of a matrix given as row integers."""
    return _penalty(_pack(rows, size), size, rows)


def _penalty(dark: int, size: int, rows: list[int] | None = None) -> int:
    w = size + 4  # one row down, in a packed matrix
    n1 = n2 = 0
    for m in (dark, _modules(size) & ~dark):
        five = m & (m >> 1) & (m >> 2) & (m >> 3) & (m >> 4)  # N1 in rows: five in a row from here
        n1 += five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()  # a run of L ≥ 5 scores L - 2: its windows + 2
        five = m & (m >> w) & (m >> 2 * w) & (m >> 3 * w) & (m >> 4 * w)  # N1 in columns
        n1 += five.bit_count() + 2 * (five & ~(five >> w)).bit_count()
        block = m & (m >> w)  # N2: 2 × 2 blocks
        n2 += 3 * (block & (block >> 1)).bit_count()
    n3 = 0
    for step, _shift in ((1, -1), (w, w)):  # N3 along rows (a pattern's last module at the lowest bit), then columns
        found = (
            _finder_like(*(dark >> (k * step) for k in range(6, -1, -1)))
            if step == 1
            else _finder_like(*(dark >> (k * step) for k in range(7)))
        )
        if not found:
            continue
        if step == 1:
            before = (dark >> 7) | (dark >> 8) | (dark >> 9) | (dark >> 10)
            after = (dark << 1) | (dark << 2) | (dark << 3) | (dark << 4)
            overlapping = found & ((found << 4) | (found << 6))
        else:
            before = (dark << w) | (dark << 2 * w) | (dark << 3 * w) | (dark << 4 * w)
            after = (dark >> 7 * w) | (dark >> 8 * w) | (dark >> 9 * w) | (dark >> 10 * w)
            overlapping = found & ((found >> 4 * w) | (found >> 6 * w))
        if overlapping:  # one pattern sharing modules with the next: count them in order, as segno scans
            lines = rows if rows is not None else _unpack(dark, size)
            n3 += _n3_rows(lines, size) if step == 1 else _n3_columns(lines, size)
        else:
            n3 += 40 * (found & ~(before & after)).bit_count()  # light before or after it
    share = float(dark.bit_count()) / (size**2)
    return n1 + n2 + n3 + 10 * int(abs(share * 100 - 50) / 5)


def best_mask(matrix_with_mask_0) -> tuple[int, list[int]]:
    """The mask the standard chooses for the code whose final matrix with mask 0 is given (rows of 0/1),
    and the code's rows with that mask, format and version areas light (qr.py fills them in)."""
    size = len(matrix_with_mask_0)
    keep, flips = _layout(size)
    unmasked = (
        _pack([int(bytes(row).translate(_DIGITS), 2) & k for row, k in zip(matrix_with_mask_0, keep)], size)
        ^ _packed_flips(size)[0]
    )
    masked = [unmasked ^ f for f in _packed_flips(size)]
    scores = [_penalty(m, size) for m in masked]
    best = scores.index(min(scores))  # ties: the lowest mask number, as segno
    return best, _unpack(masked[best], size)


@functools.lru_cache(maxsize=None)
def _packed_flips(size: int) -> tuple[int, ...]:
    return tuple(_pack(list(f), size) for f in _layout(size)[1])


def reserved(rows: list[int], size: int) -> list[int]:
    """Only the format and version areas of a matrix given as row integers."""
    keep, _ = _layout(size)
    return [r & ~k for r, k in zip(rows, keep)]


def as_rows(matrix) -> list[int]:
    """A matrix of 0/1 rows (segno's) as row integers, column 0 the highest bit."""
    return [int(bytes(row).translate(_DIGITS), 2) for row in matrix]


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
