"""Figures gathered as plain data: the dashboard and its statistics."""
