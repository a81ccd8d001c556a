"""PyInstaller entry of ``lianjian`` (the window; ``--smoke-test --db PATH`` checks the build)."""

import sys

from desktop_app.__main__ import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
