"""Shared test configuration: hypothesis profiles and the heavy-test scale."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: Multiplier for heavy tests: CI runs them at 1 (small); set COOPTHEORY_HEAVY_SCALE=10 locally.
HEAVY_SCALE = max(1, int(os.environ.get("COOPTHEORY_HEAVY_SCALE", "1")))
