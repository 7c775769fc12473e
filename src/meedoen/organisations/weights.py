"""The parts of a match an organisation may weigh, each from 0 to 100 (pure, no database).

The organisation keeps its weights; the matching rules read them by these names.
"""

from __future__ import annotations

from typing import Any

COMPONENTS = ("activity", "skill", "motive", "distance", "continuity", "waiting", "urgency", "load")


def valid(weights: Any) -> bool:
    """Only known parts, each a number from 0 to 100."""
    return isinstance(weights, dict) and all(
        key in COMPONENTS and isinstance(value, int | float) and 0 <= value <= 100
        for key, value in weights.items()
    )
