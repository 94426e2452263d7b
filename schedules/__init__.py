"""Running over time: the CLI, the cycle, the daemon and alert emails."""
