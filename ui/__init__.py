"""Qt screens: windows, forms, table models and charts. Calls desktop_app services only."""
