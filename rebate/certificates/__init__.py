"""Reserved for the certificates app (DESIGN.md §3); created empty so the import contracts hold."""
