"""This PC's optional start-up password and its reset by the town (docs/privacy.md)."""
