"""sanctuary: immigration-enforcement cooperation law, as code."""

import os

__version__ = "0.1.0"

# The bulk engine allocates and frees large column buffers many times a run. Polars configures its allocator
# (jemalloc) to give freed pages back to the system after 0.5-1 s (polars/__init__.py: dirty_decay_ms:500,
# muzzy_decay_ms:1000, then appends this variable, which wins), and they fault back in at the next allocation.
# Keeping them 10 s (jemalloc's own default) cut a 1M-request audit's page faults by about half and its kernel CPU
# from 2.1 to 1.1-1.3 s, for a peak of 2.2 GB instead of 1.9 GB; 60 s saved a little more CPU but let freed pages pile
# up over the partitions of a 10M run (peaks of 7-9 GB instead of 3-4). Read when polars is first loaded, so only if
# sanctuary is imported first; a value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:10000,muzzy_decay_ms:10000")
