"""The error hierarchy shared by every layer: each message says what went wrong and what to do."""

from __future__ import annotations


class SourcewiseError(Exception):
    """Base for errors whose message is meant for the user, as one line."""


class InputError(SourcewiseError):
    """A file, path or question that cannot be used as given."""


class StoreError(SourcewiseError):
    """The vector store is missing, unreachable, damaged or built differently."""
