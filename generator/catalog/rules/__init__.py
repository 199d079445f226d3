"""Cross-file rules of the data contract (policy as code)."""
