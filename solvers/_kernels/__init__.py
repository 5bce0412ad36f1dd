"""Private numba kernels (nopython, ``cache=True``, no signatures, compiled lazily on first call).

Importing this package compiles nothing: each kernel module imports numba and defines
``@njit(cache=True)`` functions, compiled on their first call and cached on disk.  Kernels work
on arrays only, write into outputs preallocated by their Python wrappers, and return status
codes instead of raising.
"""
