"""Measure the hub at scale: a synthetic catalogue, the load and the figures."""
