"""The QR standard's choice of data mask (ISO/IEC 18004:2015, 7.8.3), computed a row at a time.

segno chooses the mask by masking its matrix eight times and scoring every module in Python; that
was four fifths of a QR code's cost and the largest part of a first build. Here the same choice is
made from one code segno encoded with mask 0: each row is an integer (column 0 the highest bit), the
other seven masks are XORs of it, and the penalty rules run on integers and strings:

- N1: a run of 5 + i modules of one colour in a row or column scores 3 + i;
- N2: every 2 × 2 block of one colour scores 3;
- N3: 1:1:3:1:1 (dark:light:dark:dark:dark:light:dark) with four light modules before or after, or
  at the edge, scores 40;
- N4: 10 for every full 5 % the dark share is away from half.

The matrix scored is the one segno scores: format and version areas light, function patterns as
placed, the mask applied to the encoding region only. The chosen one is kept as the code's matrix
(qr.py adds the format and version areas), so the code is never encoded a second time.
tests/site/test_qr.py checks that the mask and the matrix are segno's own, for addresses of every
length the site makes and beyond.
"""
from __future__ import annotations

import functools

_N3 = "1011101"


def _masked(k: int, i: int, j: int) -> bool:
    """Table 10: is module (row i, column j) flipped by data mask k?"""
    return (((i + j) % 2 == 0), (i % 2 == 0), (j % 3 == 0), ((i + j) % 3 == 0), ((i // 2 + j // 3) % 2 == 0),
            ((i * j) % 2 + (i * j) % 3 == 0), (((i * j) % 2 + (i * j) % 3) % 2 == 0),
            (((i + j) % 2 + (i * j) % 3) % 2 == 0))[k]


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
    reserved = [[False] * size for _ in range(size)]   # format/version areas: light while scoring
    function = [[False] * size for _ in range(size)]   # finders, separators, timing, alignment
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
    flips = tuple(tuple(bits(_masked(k, i, j) and not (function[i][j] or reserved[i][j]) for j in range(size))
                        for i in range(size)) for k in range(8))
    return keep, flips


def _n3(line: str, size: int) -> int:
    score, at = 0, line.find(_N3)
    while at != -1:
        end = at + 7
        if at in (0, size - 7) or "1" not in line[max(at - 4, 0):at] or "1" not in line[end:end + 4]:
            score += 40
        else:
            end = at + 4  # a later pattern may share this one's last three modules
        at = line.find(_N3, end)
    return score


def _windows(five: int) -> int:
    """N1 from the windows of five: a run of L ≥ 5 modules holds L - 4 of them and scores L - 2, its
    windows plus 2 (counted at its last window: a window with none after it)."""
    return five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()


def penalty(rows: list[int], size: int) -> int:
    """The penalty score (N1 + N2 + N3 + N4) of a matrix given as row integers."""
    full = (1 << size) - 1
    n1 = n2 = 0
    for colour in (rows, [~r & full for r in rows]):
        for r in colour:  # N1 in rows: windows are bit positions
            n1 += _windows(r & (r >> 1) & (r >> 2) & (r >> 3) & (r >> 4))
        below = 0  # N1 in columns, all at once: windows are rows, from the bottom up
        for i in range(size - 5, -1, -1):
            five = colour[i] & colour[i + 1] & colour[i + 2] & colour[i + 3] & colour[i + 4]
            n1 += five.bit_count() + 2 * (five & ~below).bit_count()
            below = five
        for a, b in zip(colour, colour[1:]):  # N2
            block = a & b
            n2 += 3 * (block & (block >> 1)).bit_count()
    lines = [format(r, f"0{size}b") for r in rows]
    n3 = sum(_n3(line, size) for line in lines) + sum(_n3("".join(column), size) for column in zip(*lines))
    share = float(sum(r.bit_count() for r in rows)) / (size ** 2)
    return n1 + n2 + n3 + 10 * int(abs(share * 100 - 50) / 5)


def best_mask(matrix_with_mask_0) -> tuple[int, list[int]]:
    """The mask the standard chooses for the code whose final matrix with mask 0 is given (rows of 0/1),
    and the code's rows with that mask, format and version areas light (qr.py fills them in)."""
    size = len(matrix_with_mask_0)
    keep, flips = _layout(size)
    rows = [int(bytes(row).translate(_DIGITS), 2) & k for row, k in zip(matrix_with_mask_0, keep)]
    unmasked = [r ^ f for r, f in zip(rows, flips[0])]
    masked = [[r ^ f for r, f in zip(unmasked, flips[k])] for k in range(8)]
    scores = [penalty(m, size) for m in masked]
    best = scores.index(min(scores))  # ties: the lowest mask number, as segno
    return best, masked[best]


def reserved(rows: list[int], size: int) -> list[int]:
    """Only the format and version areas of a matrix given as row integers."""
    keep, _ = _layout(size)
    return [r & ~k for r, k in zip(rows, keep)]


def as_rows(matrix) -> list[int]:
    """A matrix of 0/1 rows (segno's) as row integers, column 0 the highest bit."""
    return [int(bytes(row).translate(_DIGITS), 2) for row in matrix]


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
