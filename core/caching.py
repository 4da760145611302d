"""Forgetting cached values when what they were computed from changes."""

from django.core.cache import cache
from django.db import transaction


def forget(*keys: str) -> None:
    """Delete these cache entries now, for the rest of the current transaction, and again once it
    commits, so that a page read meanwhile, from the data before the commit, cannot keep them."""
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
