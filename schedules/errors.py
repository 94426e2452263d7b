"""Errors raised by the schedules package (the CLI and the running-over-time layer).

    ScheduleError        anything this layer reports to a user
     └── ConfigError     the config file is missing, unreadable or invalid (exit 2)

Errors from ``verifier`` (``VerifierError``) pass through unchanged; the CLI
turns both into one line on stderr.
"""


class ScheduleError(Exception):
    """Base class for errors the schedules layer reports to a user."""


class ConfigError(ScheduleError):
    """The config file is missing, unreadable or invalid; the message names file and key."""
