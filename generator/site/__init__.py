"""The public site as in-memory pages from the model; `plugin.py` is the only MkDocs-aware module."""
