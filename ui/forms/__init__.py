"""Forms to create and edit each record type."""
