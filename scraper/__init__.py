"""Fetching and parsing: turns a source into documents. Never imports ``verifier``."""
