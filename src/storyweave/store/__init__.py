"""Storage: one interface (base.Store), SQLite by default, PostgreSQL by URL."""
