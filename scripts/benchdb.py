"""The benchmark scripts' one way to (re)create a PostgreSQL database of their own, beside the project's."""

from __future__ import annotations


def recreate_database(admin_url: str, name: str) -> None:
    """Drop ``name`` (closing its connections) and create it empty, connected to ``admin_url`` (the postgres DB)."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
