"""Helpers for the cache/service tests: a small OGC API - Features server and subprocess scripts."""
