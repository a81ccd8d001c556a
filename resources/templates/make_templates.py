"""Make the Word templates in this folder (run after changing desktop_app/documents/skeleton.py).

    .venv/bin/python resources/templates/make_templates.py

The generated .docx files are committed. A town's own template in the data folder
(``templates/NAME.docx``) takes precedence over these.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a checkout without installing

from desktop_app.documents.skeleton import make_all  # noqa: E402


def main() -> None:
    for path in make_all(HERE):
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
