"""The main window: a shell (window.py) that wires the accounts table, the actions declared in one table
(action_table.py) and the modules that implement them by topic, each seeing only a WindowContext."""
