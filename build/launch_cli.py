"""PyInstaller entry of ``lianjian-cli`` (the command line, with a console)."""

import sys

from desktop_app.child_process import run_if_child

if __name__ == "__main__":
    run_if_child()  # the rows of a large Excel file read in a child process
    from desktop_app.cli.main import main

    sys.exit(main())
