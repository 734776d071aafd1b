"""Widgets only: they show models and emit what the agent wants; they never touch the network."""
