"""Widgets display and announce; they never call services."""
