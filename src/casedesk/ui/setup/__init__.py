"""The first start and the municipality's settings."""
