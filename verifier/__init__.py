"""Claims and verdicts: turns documents into labelled claims.

Pure core (windows, extraction, verdict rules) plus the one database layer,
``verifier.store``, that ``schedules`` uses too. Never imports ``scraper``.
"""

from importlib.util import find_spec


def extractor_build() -> str:
    """How the extractor was installed: "compiled" (its modules built as C extensions by
    mypyc, see setup.py) or "python" (an editable install, ``RUMOUR_PURE_PYTHON=1``, or no
    C compiler). Read from where the modules are found, without importing them."""
    spec = find_spec("verifier.claims")
    origin = spec.origin if spec is not None else None
    return "python" if origin is None or origin.endswith(".py") else "compiled"
