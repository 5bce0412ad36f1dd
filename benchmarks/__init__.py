"""Side-by-side benchmarks against the anchors (run as ``python -m benchmarks.bench_<area>``)."""
