"""A smaller ICU data library for the Linux bundle: 32 MB → about 5 MB.

PySide6's Linux wheels carry ICU, whose ``libicudata.so.NN`` holds the data of every language
(32 MB, the largest file of the folder). Qt asks ICU only for sorting (QCollator, which
QFileDialog uses for file names), legacy text encodings (QStringConverter) and time-zone
names; case mapping and normalisation are built into ``libicuuc``. Qt's own locale tables
(QLocale) and text layout do not use ICU at all. So the bundle keeps:

- every item that is not about one language (property and alias tables, time-zone rules,
  ``root`` data, plural and calendar data) and Chinese and English locale data;
- of the collation and time-zone name trees, ``root``, Chinese and English;
- of the legacy encodings, the Chinese ones (GB18030, GBK, GB2312, Big5);

and leaves out the trees Qt never opens (word-break dictionaries, currency, language, region
and unit names, spelled-out numbers, transliteration). This is ICU's documented way of making
its data smaller (removing items from the package with ``icupkg``), then ``genccode`` and
``gcc`` make the library again under the same name and data symbol. ``icupkg`` refuses a
package in which a kept item needs a removed one, so a newer ICU fails the build loudly
instead of shipping broken data.

Needs ``icupkg`` and ``genccode`` (Debian: icu-devtools) and gcc. Without them the build keeps
the whole library and says so. ``tests/packaging/test_slim_icu.py`` builds the small library and
checks, with Qt, what Qt asks of it.

    .venv/bin/python build/slim_icu.py LIBICUDATA OUT_FOLDER   # by hand: prints the new file
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from elftools.elf.elffile import ELFFile

LANGUAGES = ("zh", "en")
# Item folders Qt never opens.
UNUSED_TREES = {"brkitr", "curr", "lang", "region", "unit", "rbnf", "translit"}
# Legacy encodings kept: GB18030, GBK (windows-936 and its base table), GB2312, Big5.
ENCODINGS = {"gb18030.cnv", "ibm-1386_P100-2001.cnv", "windows-936-2000.cnv",
             "ibm-5478_P100-1995.cnv", "ibm-1373_P100-2002.cnv", "windows-950-2000.cnv"}
# A locale's item: de.res, zh_Hans_CN.res, de_.res (a variant of de); not pool.res or root.res.
LOCALE_ITEM = re.compile(r"^(?P<language>[a-z]{2,3})(_\w*)?\.res$")
NOT_LOCALES = {"pool.res", "res_index.res"}
TOOLS = ("icupkg", "genccode", "gcc")


def is_data_library(name: str) -> bool:
    return re.fullmatch(r"libicudata\.so\.\d+", name) is not None


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def needed(item: str) -> bool:
    """Does the bundle keep this item of the ICU package (``coll/zh.res``, ``gb18030.cnv``)?"""
    tree, _, name = item.rpartition("/")
    if tree in UNUSED_TREES:
        return False
    if name.endswith(".cnv"):
        return name in ENCODINGS
    locale = LOCALE_ITEM.match(name)
    if locale and name not in NOT_LOCALES:
        return locale["language"] in LANGUAGES
    return True


def data_symbol(library: Path, symbol: str) -> bytes:
    """The bytes of ``symbol`` (ICU's common data package) in the shared library."""
    with library.open("rb") as file:
        elf = ELFFile(file)
        found = elf.get_section_by_name(".dynsym").get_symbol_by_name(symbol)
        if not found:
            raise ValueError(f"{library} has no symbol {symbol}")
        entry = found[0].entry
        section = elf.get_section(entry.st_shndx)
        file.seek(section["sh_offset"] + entry.st_value - section["sh_addr"])
        return file.read(entry.st_size)


def _run(*command: str | Path) -> str:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(str(command[0])).name} failed ({done.returncode}):\n"
                           f"{done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def slim_data_library(library: Path, work: Path) -> Path:
    """Build ``work/<library's name>``: the same library with only the items ``needed`` keeps."""
    version = library.name.rsplit(".", 1)[1]  # libicudata.so.73 → 73
    entry = f"icudt{version}"
    package = f"{entry}{'l' if sys.byteorder == 'little' else 'b'}"  # the items' prefix
    shutil.rmtree(work, ignore_errors=True)
    (work / "whole").mkdir(parents=True)
    whole, slim = work / "whole" / f"{package}.dat", work / f"{package}.dat"
    whole.write_bytes(data_symbol(library, f"{entry}_dat"))
    items = _run("icupkg", "-l", whole).split()
    removed = work / "removed.txt"
    removed.write_text("".join(f"{item}\n" for item in items if not needed(item)), "utf-8")
    _run("icupkg", "-r", removed, whole, slim)
    _run("genccode", "-q", "-a", "gcc", "-e", entry, "-d", work, slim)
    result = work / library.name
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", result,
         work / f"{package}_dat.S")
    return result


if __name__ == "__main__":
    built = slim_data_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{built} ({built.stat().st_size / 1e6:.1f} MB)")
