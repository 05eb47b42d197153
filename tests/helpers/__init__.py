"""Helpers shared by the tests of several modules: driving the UI, seeded data, the CLI."""
