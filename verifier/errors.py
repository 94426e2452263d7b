"""Errors raised by the verifier package.

    VerifierError            anything the verifier reports to a user
     ├── StoreError          the database cannot be opened, reached or migrated
     │    └── SchemaTooNew   the database was written by a newer version of rumour
     └── InputError          a document or import that cannot be read

Each message names the thing (database URL, file, row) and what to do.
"""


class VerifierError(Exception):
    """Base class for errors the verifier reports to a user."""


class StoreError(VerifierError):
    """The database cannot be opened, reached or migrated."""


class SchemaTooNew(StoreError):
    """The database's schema revision is unknown to this version of the code."""


class InputError(VerifierError):
    """Input (a document, an import file) cannot be read."""
