"""Start CRM Desktop from a source checkout: `python main.py [--db PATH] [COMMAND]`."""

from crm_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
