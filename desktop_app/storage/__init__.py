"""Opening the database file and writing to it: migrate, connect, stamp every write, bulk rows."""
