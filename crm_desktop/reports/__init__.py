"""Charts and report queries (sales, funnel, ABC, RFM): built on the Reports issue."""
