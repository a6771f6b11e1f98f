"""A vendor delivery: folders of documents, paired source ↔ target (↔ reference) by name or manifest.

Pairing by name tolerates language tags: `news/foo.pl.txt` ↔ `news/foo.en.txt`, `foo_pl.txt` ↔
`foo-en.txt`, and a different extension on each side. An exact relative path wins over a
tag-stripped one. A manifest (TOML `[[documents]]` tables or CSV rows `source,target[,reference]`,
paths relative to the manifest) pairs what names cannot; files it lists are taken out of the
folders before the rest is paired by name. Nothing is silently dropped: every file left over, and
every name two files share, is reported in one error.
"""
from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ConfigError

_LANG_TAG = re.compile(r"^(?P<stem>.+?)[._-](?P<lang>[A-Za-z]{2,3})(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?$")
MANIFEST_COLUMNS = ("source", "target", "reference", "name")


@dataclass(frozen=True)
class DocPair:
    name: str
    source: Path
    target: Path | None  # None: the source is a bilingual file (XLIFF, TMX...)
    reference: Path | None = None


def pair_delivery(source_dir: Path | None = None, target_dir: Path | None = None,
                  reference_dir: Path | None = None, manifest: Path | None = None) -> list[DocPair]:
    pairs = read_manifest(manifest) if manifest else []
    if source_dir is not None or target_dir is not None:
        if source_dir is None or target_dir is None:
            raise ConfigError("delivery", ["give both a source folder and a target folder"])
        listed = {p.resolve() for d in pairs for p in (d.source, d.target, d.reference) if p}
        if manifest:
            listed.add(manifest.resolve())
        pairs += pair_by_name(source_dir, target_dir, reference_dir, skip=listed)
    if not pairs:
        raise ConfigError("delivery", ["no documents to score"])
    names = [p.name for p in pairs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError("delivery", [f"two documents are both named {n!r}: give them names in the manifest"
                                       for n in dupes])
    return pairs


def pair_by_name(source_dir: Path, target_dir: Path, reference_dir: Path | None = None,
                 skip: set[Path] = frozenset()) -> list[DocPair]:
    problems: list[str] = []
    for label, folder in (("source", source_dir), ("target", target_dir), ("reference", reference_dir)):
        if folder is not None and not folder.is_dir():
            problems.append(f"[{label}] not a folder: {folder}")
    if problems:
        raise ConfigError("delivery", problems)
    sources = _files(source_dir, skip)
    targets = _files(target_dir, skip)
    refs = _files(reference_dir, skip) if reference_dir else {}

    target_for, reported = _match(sources, targets, "target", problems)
    ref_for, ref_reported = _match(sources, refs, "reference", problems) if reference_dir else ({}, set())
    for rel in sorted(set(sources) - set(target_for) - reported):
        problems.append(f"[source] {source_dir / rel} has no target in {target_dir}")
    for label, folder, files, used in (("target", target_dir, targets, set(target_for.values()) | reported),
                                       ("reference", reference_dir, refs, set(ref_for.values()) | ref_reported)):
        for rel in sorted(set(files) - used):
            problems.append(f"[{label}] {folder / rel} matches no source file in {source_dir}")
    if problems:
        raise ConfigError("delivery", problems)

    keys = {rel: _name(rel) for rel in target_for}
    clash = {k for k in keys.values() if list(keys.values()).count(k) > 1}
    return [DocPair(name=str(rel.with_suffix("")) if keys[rel] in clash else keys[rel],
                    source=source_dir / rel, target=target_dir / target_for[rel],
                    reference=reference_dir / ref_for[rel] if rel in ref_for else None)
            for rel in sorted(target_for)]


def _match(sources: dict[PurePosixPath, Path], others: dict[PurePosixPath, Path], label: str,
           problems: list[str]) -> tuple[dict[PurePosixPath, PurePosixPath], set[PurePosixPath]]:
    """(source → other-side relative path, files already reported): exact path first, then name."""
    out = {rel: rel for rel in sources if rel in others}
    reported: set[PurePosixPath] = set()
    src_by_key: dict[str, list[PurePosixPath]] = {}
    for rel in sources:
        if rel not in out:
            src_by_key.setdefault(_name(rel), []).append(rel)
    other_by_key: dict[str, list[PurePosixPath]] = {}
    for rel in others:
        if rel not in out.values():
            other_by_key.setdefault(_name(rel), []).append(rel)
    for key, srcs in sorted(src_by_key.items()):
        cands = other_by_key.get(key, [])
        if len(srcs) == 1 and len(cands) == 1:
            out[srcs[0]] = cands[0]
        elif cands:
            problems.append(f"[{label}] ambiguous pairing for {key!r}: sources {_list(srcs)} and "
                            f"{label}s {_list(cands)}; list them in a manifest")
            reported.update(srcs + cands)
    return out, reported


def _name(rel: PurePosixPath) -> str:
    """The document's name: its relative path without extension and language tag (`news/foo`)."""
    stem = PurePosixPath(rel.name).stem  # "foo.pl" for foo.pl.txt
    m = _LANG_TAG.match(stem)
    if m and _is_language(m.group("lang")):
        stem = m.group("stem")
    return str(rel.parent / stem) if str(rel.parent) != "." else stem


def _is_language(code: str) -> bool:
    import pycountry

    code = code.lower()
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return pycountry.languages.get(alpha_3=code) is not None


def _files(folder: Path | None, skip: set[Path]) -> dict[PurePosixPath, Path]:
    if folder is None:
        return {}
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts) and path.resolve() not in skip:
            out[PurePosixPath(rel.as_posix())] = path
    return out


def _list(rels: list[PurePosixPath]) -> str:
    return ", ".join(str(r) for r in sorted(rels))


def read_manifest(path: Path) -> list[DocPair]:
    """TOML `[[documents]] source/target/reference/name`, or CSV with those columns (header optional)."""
    from ..load.encoding import read_text

    text = read_text(str(path))
    rows = _toml_rows(path, text) if path.suffix.lower() == ".toml" else _csv_rows(text)
    base = path.parent
    problems: list[str] = []
    pairs: list[DocPair] = []
    for where, row in rows:
        unknown = sorted(set(row) - set(MANIFEST_COLUMNS))
        if unknown:
            problems.append(f"[{where}] unknown column(s) {', '.join(unknown)} (known: {', '.join(MANIFEST_COLUMNS)})")
        files: dict[str, Path | None] = {}
        for col in ("source", "target", "reference"):
            value = (row.get(col) or "").strip()
            if not value:
                if col != "reference":
                    problems.append(f"[{where}.{col}] missing")
                files[col] = None
                continue
            files[col] = base / value
            if not files[col].is_file():
                problems.append(f"[{where}.{col}] no such file: {files[col]} (paths are relative to the manifest)")
        if files["source"] and files["target"]:
            name = (row.get("name") or "").strip() or _name(PurePosixPath(files["source"].name))
            if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts or "\\" in name:
                # the name becomes a path in the output folder: it must stay inside it
                problems.append(f"[{where}.name] {name!r}: use a relative name without '..'")
                continue
            pairs.append(DocPair(name=name, source=files["source"], target=files["target"],
                                 reference=files["reference"]))
    if not rows:
        problems.append("lists no documents")
    if problems:
        raise ConfigError(str(path), problems)
    return pairs


def _toml_rows(path: Path, text: str) -> list[tuple[str, dict[str, str]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), [f"not valid TOML: {e}"]) from None
    docs = data.get("documents")
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        raise ConfigError(str(path), ["[documents] expected [[documents]] tables with source and target"])
    return [(f"documents.{n}", {k: v if isinstance(v, str) else repr(v) for k, v in d.items()})
            for n, d in enumerate(docs, start=1)]


def _csv_rows(text: str) -> list[tuple[str, dict[str, str]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ";" if first.count(";") > first.count(",") else ","
    rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)
            if r and any(c.strip() for c in r) and not r[0].lstrip().startswith("#")]
    header = ["source", "target", "reference"]
    if rows and rows[0][1][0].strip().lower() == "source":
        header = [c.strip().lower() for c in rows[0][1]]
        rows = rows[1:]
    out = []
    for n, row in rows:
        cells = dict(zip(header, row))
        if len(row) > len(header):
            cells["extra"] = ",".join(row[len(header):])
        out.append((f"line {n}", cells))
    return out
