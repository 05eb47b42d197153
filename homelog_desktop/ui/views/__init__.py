"""Non-modal views of the whole database (History, Sign-in readiness), on one base view."""
