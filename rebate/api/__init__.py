"""Reserved for rebate.api (DESIGN.md §3): empty so the import contracts hold."""
