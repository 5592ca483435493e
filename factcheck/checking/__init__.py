"""Checking statements: retrieval, similarity, fact comparison, the verdict."""
