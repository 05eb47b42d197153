"""Command-line front ends of HomeLog Desktop."""
