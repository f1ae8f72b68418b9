"""Logs and metrics: one set-up for every process (`serve`, `worker`, the CLI)."""
