"""Helpers shared by the tests: driving the UI, seeded data, the CLI, a settable clock, workspaces on test files."""
