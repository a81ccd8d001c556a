"""From a template and a content function to a saved .docx: the steps every kind shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document

from desktop_app.documents import fonts, layout, template, writer
from desktop_app.documents.compose import Composer
from desktop_app.progress import Progress


@dataclass
class Options:
    """How to write: which fonts to swap (the user's map from 设置), which template file.

    ``substitutes`` empty means the document asks for the standard's fonts
    (仿宋_GB2312, 方正小标宋简体 …), right for a PC that has them or for sending on.
    """

    substitutes: Mapping[str, str] = field(default_factory=dict)
    template_path: Path | None = None
    # ``progress(done, total)`` while a long document is written (the window's progress
    # bar); it may raise to cancel (``ui.background.Progress.check``), and nothing is saved.
    progress: Progress | None = None


def _stage(options: Options, stage: int) -> Progress | None:
    """Progress of one of the two halves (composing, saving) as part of the whole."""
    report = options.progress
    if report is None:
        return None
    check = getattr(report, "check", None)

    def step(done: int, total: int) -> None:
        report(stage * total + done, 2 * total)
        if check is not None:
            check()

    return step


def build(name: str, placeholders: Mapping[str, str], content: Callable[[Composer], None],
          options: Options | None = None, *, table_pt: float = layout.TABLE_PT) -> Document:
    """Fill template ``name``: ``content`` writes the body, ``placeholders`` the rest. Every
    table row is in the returned document."""
    return _compose(name, placeholders, content, options or Options(), table_pt,
                    spill=False).document


def produce(name: str, placeholders: Mapping[str, str], content: Callable[[Composer], None],
            out: Path | str, options: Options | None = None, *,
            table_pt: float = layout.TABLE_PT) -> Path:
    """Build and save atomically to ``out``; returns the path written. The tables' rows wait
    in temporary files meanwhile (a whole town's ledger would take gigabytes as elements)."""
    options = options or Options()
    target = writer.check_target(out)
    composer = _compose(name, placeholders, content, options, table_pt, spill=True)
    try:
        return writer.save(composer.document, target, _stage(options, 1), composer.spilled)
    finally:
        for rows in composer.spilled:
            rows.close()


def _compose(name: str, placeholders: Mapping[str, str], content: Callable[[Composer], None],
             options: Options, table_pt: float, *, spill: bool) -> Composer:
    document, anchor = template.load(name, options.template_path)
    layout.ensure_styles(document, table_pt)
    # Everything that walks the whole file runs on the template, before the content (a
    # ledger may hold a million elements): placeholders (also never replaced inside what a
    # person typed), theme fonts, substitutes and the font table.
    template.fill_placeholders(document, placeholders)
    fonts.strip_theme_fonts(document)
    if options.substitutes:
        fonts.substitute_fonts(document, options.substitutes)
    template_fonts = fonts.fonts_used(document)
    composer = Composer(document, anchor, substitutes=options.substitutes,
                        progress=_stage(options, 0), spill=spill)
    try:
        content(composer)
    except BaseException:
        for rows in composer.spilled:
            rows.close()
        raise
    composer.finish()
    fonts.describe_fonts_and_language(document, template_fonts | composer.fonts)
    properties = document.core_properties
    properties.title = placeholders.get("标题", template.TEMPLATES.get(name, name))
    properties.author = "联建台账"
    return composer
