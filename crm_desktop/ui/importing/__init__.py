"""Importing a customer list from a spreadsheet: the wizard over ``services.importing``."""
