"""How tall a card's frame must be, per variant and width, where no script can fit it (oEmbed, iframe snippet).

Measured in Chromium over every demo practice in English and German (the tallest card at each width), plus
a margin of 8 px; re-measure after changing the card's layout or type (see ``cards/tests/test_browser.py``,
which fails when a card no longer fits). A narrower frame needs a taller card; between two measured widths
the narrower one's height is used. When a frame is shorter anyway, the card shortens its summary and keeps
its link and attribution visible.
"""

from __future__ import annotations

CARD_HEIGHTS: dict[str, dict[int, int]] = {
    "compact": {320: 546, 360: 463, 400: 445, 480: 359, 600: 313},
    "full": {320: 901, 360: 812, 400: 736, 480: 626, 600: 539},
}


def card_height(variant: str, width: int) -> int:
    heights = CARD_HEIGHTS.get(variant, CARD_HEIGHTS["compact"])
    fitting = [measured for measured in sorted(heights) if measured <= width]
    return heights[fitting[-1] if fitting else min(heights)]
