"""The Reports tab: sales and profit, customers (top, negative margin, ABC, RFM, retention),
receivables, lead conversion and activities, as charts and tables."""
