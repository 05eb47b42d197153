"""Entry point of the frozen `homelog-admin` (same target as the project's console script)."""

from homelog_desktop.cli.admin import main

raise SystemExit(main())
