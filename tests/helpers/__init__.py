"""Helpers shared by the tests: a settable clock, workspaces on test files, accounts in every state."""
