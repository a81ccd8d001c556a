"""PyInstaller entry of ``lianjian-cli`` (the command line, with a console)."""

import sys

from desktop_app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
