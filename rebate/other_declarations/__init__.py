"""Reserved for rebate.other_declarations (DESIGN.md §3): empty so the import contracts hold."""
