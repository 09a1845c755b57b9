"""Reserved for rebate.processing (DESIGN.md §3): empty so the import contracts hold."""
