"""Errors raised when a change would break the procedure's rules."""

from __future__ import annotations


class DomainError(Exception):
    """A change the procedure does not allow. The message is written for the officer."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(DomainError):
    """The case is not in a state from which this step can be taken."""


class RuleViolation(DomainError):
    """The step is allowed, but the dates or data given break a rule."""


class ConcurrentChange(DomainError):
    """Someone saved the record after this change was started from it."""
