"""CRM Desktop: a desktop CRM for small businesses."""

__version__ = "0.1.0"
APP_NAME = "CRM Desktop"
APP_ID = "crm-desktop"
