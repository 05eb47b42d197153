"""Entry point of the frozen `homelog-desktop` (same target as the project's gui-script)."""

from homelog_desktop.ui.app import main

raise SystemExit(main())
