"""The small error hierarchy: every expected failure is one of these and becomes one line for the user.

Pure module (no Django) so that `law` and `text` may raise these too.
"""


class InterpelError(Exception):
    """Base of every error interpel reports to a user in one line."""


class DocumentUnreadable(InterpelError):
    """A file that cannot be read: corrupt, encrypted, empty, truncated or of an unknown type."""


class DocumentTooLarge(InterpelError):
    """A file, or what it unpacks to, is over the configured limits (zip bombs, PDFs with thousands of pages)."""


class AmbiguousLink(InterpelError):
    """An answer could not be linked to one inquiry with enough confidence."""


class InvalidData(InterpelError):
    """A record breaks an invariant of the register (dates, numbers, kinds)."""


class BadQuery(InterpelError):
    """A search query that cannot be understood; the message says why in Polish."""
