"""USB sync: the operation log, merging, and the files carried between PCs.

See docs/sync.md for the design and the guarantees each part keeps.
"""
