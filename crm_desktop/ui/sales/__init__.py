"""Sales screens: quotes and orders with their lines and payments, receivables, products."""
