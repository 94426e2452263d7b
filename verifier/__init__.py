"""Claims and verdicts: turns documents into labelled claims.

Pure core (windows, extraction, verdict rules) plus the one database layer,
``verifier.store``, that ``schedules`` uses too. Never imports ``scraper``.
"""
