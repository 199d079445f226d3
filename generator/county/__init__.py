"""Tools for the people who maintain the catalogs: `python -m generator …` and what only it uses."""
