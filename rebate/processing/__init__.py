"""Reserved for the processing app (DESIGN.md §3); created empty so the import contracts hold."""
