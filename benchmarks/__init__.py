"""HomeLog Desktop's benchmarks; run them from the repository's root (see benchmarks/README.md)."""
