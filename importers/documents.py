"""From paths on the command line (or uploads in the admin) to parsed, merged practice records."""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from importers.errors import MAX_DOCUMENT_BYTES, ImporterError
from importers.merge import merge, same_practice
from importers.parsers import parse_document
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class Failure:
    name: str
    message: str


@dataclass
class Group:
    """One practice: its merged record and the names of the documents it came from."""

    record: PracticeRecord
    files: list[str]
    matches: list[str] = field(default_factory=list)


def expand_paths(arguments: Iterable[str]) -> tuple[list[Path], list[Failure]]:
    """Files, folders (recursively: .txt, .html, .htm) and globs, each file once, in a stable order."""
    files: list[Path] = []
    failures: list[Failure] = []
    seen: set[Path] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            candidates = [path]
        else:
            candidates = sorted(Path(p) for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            if not candidates:
                failures.append(Failure(argument, "no such file, folder or matching glob"))
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved in seen:
                failures.append(Failure(str(candidate), "the same file was given twice in this run; read it once"))
                continue
            seen.add(resolved)
            files.append(candidate)
    return files, failures


def parse_files(
    documents: list[tuple[str, bytes]],
    *,
    kind: str,
    vocabulary: Vocabulary,
    language: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[PracticeRecord], list[Failure]]:
    records: list[PracticeRecord] = []
    failures: list[Failure] = []
    digests: dict[str, str] = {}
    for number, (name, raw) in enumerate(documents, start=1):
        if progress:
            progress(number, len(documents))
        digest = hashlib.sha256(raw).hexdigest()
        if digest in digests:
            failures.append(Failure(name, f"same content as {digests[digest]} in this run; imported once"))
            continue
        digests[digest] = name
        try:
            record = parse_document(raw, filename=name, kind=kind, vocabulary=vocabulary)
        except ImporterError as error:
            failures.append(Failure(name, str(error)))
            continue
        if language and not record.language:
            record.language = language
        records.append(record)
    return records, failures


def read_files(paths: Iterable[Path]) -> Iterable[tuple[str, bytes] | Failure]:
    for path in paths:
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                yield Failure(str(path), f"file too large: {size:,} bytes, the limit is {MAX_DOCUMENT_BYTES:,}")
                continue
            yield str(path), path.read_bytes()
        except OSError as error:
            yield Failure(str(path), f"cannot read: {error.strerror or error}")


def group_practices(records: list[PracticeRecord]) -> list[Group]:
    """Merge records that describe the same practice (one practice, several sources)."""
    groups: list[Group] = []
    for record in records:
        files = [s.file for s in record.sources]
        for group in groups:
            matched, score, reason = same_practice(group.record, record)
            if matched:
                group.record = merge(group.record, record)
                group.files += files
                group.matches.append(f"{', '.join(files)} describes the same practice ({reason}, score {score:.2f})")
                break
        else:
            groups.append(Group(record=record, files=files))
    return groups
