"""Content at scale for benchmarks: bulk inserts that skip per-object signals, then one reindex.

Used by ``manage.py seed_scale``; never by the site itself.
"""
