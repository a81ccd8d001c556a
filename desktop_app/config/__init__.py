"""Where files live and what a person has set: paths and settings."""
