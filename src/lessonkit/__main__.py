"""``python -m lessonkit`` runs the command line (same as the ``lessonkit`` script)."""

from lessonkit.cli import main

raise SystemExit(main())
