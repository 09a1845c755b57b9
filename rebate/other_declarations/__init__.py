"""Reserved for the other_declarations app (DESIGN.md §3); created empty so the import contracts hold."""
