"""Passwords: the policy, hashing and checking, generating, and estimating strength."""
