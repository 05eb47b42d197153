"""Use cases (accounts, passwords) on top of the data layer; no Qt here, no SQL in callers."""
