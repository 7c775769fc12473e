"""The one base of every domain error: a step that is not possible now.

Its message is for the person who tried, in their language. Pages show it as a message;
the API answers it, in one place (`meedoen.api.problems`), as a 409 problem.
"""

from __future__ import annotations


class DomainError(Exception):
    """Not possible in the current state; the message says why, in plain words."""
