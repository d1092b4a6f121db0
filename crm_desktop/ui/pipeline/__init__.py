"""Pipeline screens: leads, the board of deals by stage, the deal list, the forecast; the
Pipeline tab (``tab.py``) is the one module here that composes them with ``ui/sales``."""
