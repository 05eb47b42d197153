"""The app's dialogs, one per module: forms (account, passwords, sign-in, first run, settings) and the rest."""
