"""Validate and publish the village-level catalogs of Yanbian Prefecture."""
