"""The regional store on a shared PostgreSQL server: connecting, setting it up, and what
the server does in SQL of its own (search, report, presence, settings per municipality)."""
