"""The paged accounts table: its columns, its model (pages read as the view needs them), its painter and view."""
