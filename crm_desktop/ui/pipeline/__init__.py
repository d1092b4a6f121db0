"""The Pipeline tab: leads, the board of deals by stage, the deal list, orders, payments."""
