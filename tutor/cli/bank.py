"""`tutor bank import` and `tutor bank export`: question banks to and from Moodle (XML and GIFT).

Import writes `<bank>.<lang>.yaml` (never over an existing file without `--force`), checks it with
the same loader as `tutor validate`, and reports on stderr every question left out or changed, by
position, name and line. Export writes a bank as Moodle XML or GIFT to stdout or `--out`, with the
same kind of report. A malformed file is one `FILE:LINE: message` line and exit code 2; nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli.options import add_common_options, non_empty_path
from tutor.errors import EXIT_OK, EXIT_PROBLEMS, UsageError

if TYPE_CHECKING:
    from tutor.exchange.model import Note

FORMATS = ("moodle-xml", "gift")
#: Largest file imported: Moodle's exports of whole courses with embedded images stay far below.
MAX_IMPORT_BYTES = 50_000_000
DEFAULT_GENERATED = 3
MAX_GENERATED = 100
#: The note said once for every question it concerns (see print_notes).
GROUPED_NOTE = "exchange.note.no_explanation"


def register(subparsers: Any, root: argparse.ArgumentParser) -> None:
    """Add `bank import` and `bank export`."""
    from tutor.cli.options import parser_lang
    from tutor.i18n.catalogue import t

    lang = parser_lang(root)
    bank = subparsers.add_parser("bank", help=t("help.bank", lang), description=t("help.bank.description", lang))
    actions = bank.add_subparsers(dest="bank_command", metavar="import|export", required=True)

    importing = actions.add_parser("import", help=t("help.bank.import", lang),
                                   description=t("help.bank.import.description", lang))
    importing.add_argument("file", metavar=t("help.metavar.file", lang), type=non_empty_path(lang),
                           help=t("help.bank.import.file", lang))
    importing.add_argument("--format", choices=FORMATS, help=t("help.bank.format.import", lang))
    importing.add_argument("--out", metavar=t("help.metavar.dir", lang), type=non_empty_path(lang), default=".",
                           help=t("help.bank.import.out", lang))
    importing.add_argument("--bank", metavar="ID", help=t("help.bank.import.bank", lang))
    importing.add_argument("--title", help=t("help.bank.import.title", lang))
    importing.add_argument("--module", metavar="ID", help=t("help.bank.import.module", lang))
    importing.add_argument("--force", action="store_true", help=t("help.bank.force", lang))
    add_common_options(importing, root=False)
    importing.set_defaults(handler=run_import)

    exporting = actions.add_parser("export", help=t("help.bank.export", lang),
                                   description=t("help.bank.export.description", lang))
    exporting.add_argument("bank", nargs="?", metavar="BANK", help=t("help.bank.export.bank", lang))
    exporting.add_argument("--format", choices=FORMATS, default="moodle-xml", help=t("help.bank.format.export", lang))
    exporting.add_argument("--out", metavar=t("help.metavar.file", lang), type=non_empty_path(lang),
                           help=t("help.bank.export.out", lang))
    exporting.add_argument("--generated", metavar="N", type=_generated_count(lang), default=DEFAULT_GENERATED,
                           help=t("help.bank.export.generated", lang, default=DEFAULT_GENERATED))
    exporting.add_argument("--force", action="store_true", help=t("help.bank.force", lang))
    add_common_options(exporting, root=False)
    exporting.set_defaults(handler=run_export)


def _generated_count(lang: str) -> Any:
    """An argparse type: how many instances of each generator to export (0 to MAX_GENERATED)."""
    def parse(text: str) -> int:
        from tutor.errors import shown_value
        from tutor.i18n.catalogue import t

        try:
            value = int(text.strip())
        except ValueError:
            value = -1
        if not 0 <= value <= MAX_GENERATED:
            raise argparse.ArgumentTypeError(t("cli.bank.bad_generated", lang, value=shown_value(text),
                                               maximum=MAX_GENERATED))
        return value

    return parse


def guess_format(path: Path, data: bytes) -> str:
    """The format of an imported file: its extension, else its first characters (XML starts with `<`)."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return "moodle-xml"
    if suffix in (".gift", ".txt"):
        return "gift"
    return "moodle-xml" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "gift"


def _decode(data: bytes, shown: str) -> str:
    """A GIFT file's text (UTF-8, with or without a BOM), or the line of its first undecodable byte."""
    from tutor.exchange.model import ExchangeError

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExchangeError(shown, data[: error.start].count(b"\n") + 1, "exchange.error.encoding") from None


def print_notes(notes: list[Note], shown: str | None, lang: str) -> None:
    """The report on stderr: one line per question left out or changed, in position order."""
    from tutor.i18n.catalogue import t

    # A Moodle bank often has no general feedback at all: one line for all those questions, not one each.
    unexplained = sorted({note.position for note in notes if note.key == GROUPED_NOTE})
    notes = [note for note in notes if note.key != GROUPED_NOTE]
    for note in sorted(notes, key=lambda n: (n.position, not n.dropped)):
        where = f"{shown}:{note.line}: " if shown and note.line else ""
        verdict = t("exchange.report.dropped" if note.dropped else "exchange.report.changed", lang)
        reason = t(note.key, lang, **note.values)
        print(t("exchange.report.line", lang, where=where, position=note.position, name=note.name,
                verdict=verdict, reason=reason), file=sys.stderr)
    if unexplained:
        shown_positions = ", ".join(str(position) for position in unexplained)
        print(t("exchange.report.unexplained", lang, count=len(unexplained), positions=shown_positions,
                reason=t(GROUPED_NOTE, lang)), file=sys.stderr)


def _read(path: Path) -> bytes:
    from tutor.safety import InputRefused, read_input

    try:
        return read_input(path, MAX_IMPORT_BYTES)
    except InputRefused as refused:  # a FIFO, a device, or beyond the size limit
        raise UsageError(f"cli.bank.{refused.key.removeprefix('input.')}", path=str(path),
                         megabytes=refused.limit // 1_000_000) from None
    except FileNotFoundError:
        raise UsageError("cli.no_such_path", path=str(path)) from None
    except OSError as error:
        raise UsageError("cli.bank.unreadable", path=str(path), reason=error.strerror or str(error)) from None


def run_import(args: argparse.Namespace) -> int:
    """`tutor bank import FILE`: a Moodle XML or GIFT file → a bank YAML beside the course."""
    from tutor.cli.app import content_paths
    from tutor.cli.lang import args_lang
    from tutor.exchange.convert import bank_yaml_text, slug, to_bank
    from tutor.i18n.catalogue import t
    from tutor.loader import load_content

    lang = args_lang(args)
    source = Path(args.file)
    data = _read(source)
    kind = args.format or guess_format(source, data)
    if kind == "gift":
        from tutor.exchange.gift_read import read_gift

        foreign, notes = read_gift(_decode(data, args.file), args.file)
    else:
        from tutor.exchange.moodle_xml import read_moodle_xml

        foreign, notes = read_moodle_xml(data, args.file)
    bank_id = args.bank or slug(source.stem) or "imported"
    if slug(bank_id) != bank_id:
        raise UsageError("cli.bank.bad_id", value=bank_id)
    content = load_content(content_paths(args))
    modules = content.course.modules_in(lang)
    module = content.course.module(args.module, lang) if args.module else next(iter(modules), None)
    if module is None:
        raise UsageError("cli.bank.no_module", module=args.module or "", lang=lang)
    out_dir = Path(args.out)
    target = out_dir / f"{bank_id}.{lang}.yaml"
    if target.exists() and not args.force:
        raise UsageError("cli.export.exists", path=str(target))
    imported = to_bank(foreign, bank_id=bank_id, lang=lang, module=module.id, title=args.title or source.stem,
                       sections={section.id for section in module.sections})
    notes = [*notes, *imported.notes]
    print_notes(notes, args.file, lang)
    if not imported.count:
        print(t("exchange.import.nothing", lang, path=args.file), file=sys.stderr)
        return EXIT_PROBLEMS
    _write_text(target, bank_yaml_text(imported.data, args.file), out_dir)
    check = load_content([*content_paths(args), target])
    own = [problem for problem in check.problems if Path(problem.path).resolve() == target.resolve()]
    for problem in own:  # a bug of ours if ever: say so rather than leave a bank the app refuses
        print(problem, file=sys.stderr)
    dropped = len({note.position for note in notes if note.dropped})
    print(t("exchange.import.done", lang, count=imported.count, total=imported.count + dropped, path=str(target),
            dropped=dropped), file=sys.stderr)
    return EXIT_PROBLEMS if own else EXIT_OK


def _write_text(target: Path, text: str, directory: Path) -> None:
    """Write `text` to `target` atomically (a temporary file renamed), creating the directory."""
    import os
    import tempfile

    try:
        directory.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError("cli.bank.unwritable", path=str(target), reason=error.strerror or str(error)) from None


def run_export(args: argparse.Namespace) -> int:
    """`tutor bank export [BANK]`: a bank as Moodle XML or GIFT, to stdout or `--out`."""
    from tutor.cli.app import load_or_report
    from tutor.cli.lang import args_lang
    from tutor.exchange.convert import outgoing
    from tutor.i18n.catalogue import t

    lang = args_lang(args)
    if args.out is not None and Path(args.out).exists() and not args.force:
        raise UsageError("cli.export.exists", path=args.out)
    content = load_or_report(args)
    if content is None:
        return EXIT_PROBLEMS
    banks = content.quizzes.banks_in(lang)
    bank = content.quizzes.bank(args.bank, lang) if args.bank else (banks[0] if len(banks) == 1 else None)
    if bank is None:
        raise UsageError("cli.bank.which", known=", ".join(b.id for b in banks))
    questions = outgoing(bank, bank.lang, args.generated)
    if args.format == "gift":
        from tutor.exchange.gift_write import write_gift

        text, notes = write_gift(questions)
    else:
        from tutor.exchange.moodle_xml import write_moodle_xml

        text, notes = write_moodle_xml(questions)
    print_notes(notes, None, lang)
    if args.out is None:
        sys.stdout.write(text)
    else:
        target = Path(args.out)
        _write_text(target, text, target.parent)
    dropped = len({note.position for note in notes if note.dropped})
    print(t("exchange.export.done", lang, count=len(questions) - dropped, total=len(questions), dropped=dropped,
            bank=bank.id, format=args.format, path=args.out or "-"), file=sys.stderr)
    return EXIT_OK
