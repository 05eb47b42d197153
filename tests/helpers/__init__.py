"""Helpers shared by the tests: UI drivers, seeded data."""
