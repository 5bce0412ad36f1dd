"""Private numba kernels (nopython, cache=True, compiled lazily on first call)."""
