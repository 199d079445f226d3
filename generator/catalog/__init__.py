"""The data: strict loading, the contract, the model, validation and its rules, diffs, conformance.

No MkDocs, no Jinja, no file writing: every layer above builds on this one.
"""
