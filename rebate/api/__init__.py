"""Reserved for the api app (DESIGN.md §3); created empty so the import contracts hold."""
