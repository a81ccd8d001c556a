"""Storage layer: SQLModel tables, the engine, and Alembic migrations.

Knows nothing of ``desktop_app`` or ``ui``; imports only SQLModel/SQLAlchemy/Alembic.
"""
