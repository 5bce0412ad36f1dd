"""The cooptheory command line (the face of the library)."""
