"""Qt widgets. No SQL here: everything goes through crm_desktop.services."""
