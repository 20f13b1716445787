"""Runnable examples: ``python -m sparknn.examples.digits_quickstart``."""
