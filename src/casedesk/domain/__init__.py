"""Plain data and rules: no Qt, no SQLAlchemy, no I/O."""
