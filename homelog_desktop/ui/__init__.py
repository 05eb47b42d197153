"""Qt front end: the main window, its table model and dialogs. Talks to services only, never to SQL."""
