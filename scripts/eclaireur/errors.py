"""Exceptions of the engine.

Every error a user can cause is an :class:`EclaireurError` carrying a French message; the CLI turns it
into an exit code and a message (never a traceback). Internal bugs stay ordinary exceptions.
"""

from __future__ import annotations


class EclaireurError(Exception):
    """A user-facing error: ``message`` is French and says what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnusableInputError(EclaireurError):
    """The input cannot be read at all (missing file, wrong argument): exit code 2."""

    exit_code = 2


class DataError(EclaireurError):
    """The data is readable but invalid for the build."""

    exit_code = 1
