"""Reserved for rebate.certificates (DESIGN.md §3): empty so the import contracts hold."""
