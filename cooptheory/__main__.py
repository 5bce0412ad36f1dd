"""``python -m cooptheory`` is the same as the ``cooptheory`` console script."""

import sys

from .cli import main

sys.exit(main())
