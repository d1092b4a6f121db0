"""Excel/CSV import and export of customer lists: built on the Excel issue."""
