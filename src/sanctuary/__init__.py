"""sanctuary: immigration-enforcement cooperation law, as code."""

import os

__version__ = "0.1.0"

# The bulk engine allocates and frees large column buffers many times a run. Polars configures its allocator
# (jemalloc) to give freed pages back to the system after 0.5-1 s (polars/__init__.py: dirty_decay_ms:500,
# muzzy_decay_ms:1000, then appends this variable, which wins), and they fault back in at the next allocation; keeping them for a minute
# cut a 1M-request audit's page faults by 60-70% and its kernel CPU from 2.1 to 0.7-1.2 s, for a peak of 2.8 GB
# instead of 1.9 GB (docs/bulk.md). Read when polars is first loaded, so only if sanctuary is imported first;
# a value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:60000,muzzy_decay_ms:60000")
