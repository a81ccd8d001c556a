"""Print every kind of Word document of the sample town with LibreOffice and save the first
page of each as ``docs/screenshots/doc_<kind>.png`` (``minutes.png`` for the 会议记录).

Run from the project folder (needs ``soffice`` and ``pdftoppm``)::

    .venv/bin/python docs/make_document_pages.py            # PNGs into docs/screenshots/
    .venv/bin/python docs/make_document_pages.py --keep DIR # also keep the .docx and .pdf

The conversion sees only WenQuanYi Micro Hei and DejaVu, as the PDF tests do
(``tests/app/test_documents_pdf.py``), so the pages look the same on every machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app.test_documents_pdf import export_all, reference_fonts_only  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="a folder for the .docx and .pdf files")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["LIANJIAN_HOME"] = str(root / "home")
        docs = root / "docx"
        export_all(root / "demo.db", docs)
        pdf = root / "pdf"
        env = {**os.environ, "FONTCONFIG_FILE": str(reference_fonts_only(root))}
        subprocess.run(["soffice", f"-env:UserInstallation={(root / 'lo').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(pdf),
                        *sorted(map(str, docs.glob("*.docx")))],
                       check=True, capture_output=True, env=env)
        for path in sorted(pdf.glob("*.pdf")):
            name = "minutes" if path.stem == "minutes" else f"doc_{path.stem}"
            subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "1",
                            "-singlefile", str(path), str(SHOTS / name)], check=True)
            print(SHOTS / f"{name}.png")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in [*docs.glob("*.docx"), *pdf.glob("*.pdf")]:
                shutil.copy2(path, args.keep / path.name)


if __name__ == "__main__":
    main()
