"""PyInstaller entry of ``lianjian`` (the window; ``--smoke-test --db PATH`` checks the build)."""

import sys

from desktop_app.child_process import run_if_child

if __name__ == "__main__":
    run_if_child()  # a document written in a child process
    from desktop_app.__main__ import gui_main

    sys.exit(gui_main())
