"""`python -m homelog_desktop` starts the window."""

from homelog_desktop.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
