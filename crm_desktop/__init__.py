"""CRM Desktop: a desktop CRM for small businesses."""

import os

# pypinyin copies its dictionaries at import unless told not to; we never change them.
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

__version__ = "0.1.0"
APP_NAME = "CRM Desktop"
APP_ID = "crm-desktop"
