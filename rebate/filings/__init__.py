"""Reserved for rebate.filings (DESIGN.md §3): empty so the import contracts hold."""
