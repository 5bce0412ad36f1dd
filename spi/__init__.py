"""Safe Pareto improvements, outcome correspondences and surrogate goals (in progress)."""
