"""``lianjian-cli``: the duty office's records from the command line (no Qt)."""
