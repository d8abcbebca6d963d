"""Storage: SQLAlchemy models, the encrypted store, keys, migrations, backups. The only SQL."""
