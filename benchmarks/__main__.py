"""``python -m benchmarks [--quick] [--only PART] ...``: run the benchmark parts."""

import sys

from .runner import main

sys.exit(main())
