"""The gate policy: what a delivery must meet, read from TOML and validated all at once.

A policy is an ``evaluator.toml`` (or the ``[tool.evaluator]`` table of a ``pyproject.toml``)::

    source_lang = "pl"                 # run settings (command-line options win over them)
    target_lang = "en"
    checks = ["alignment", "language"]
    glossary = "terms.tsv"             # relative to the policy file
    embedder = "usem"

    [limits]
    min_score = 90                     # MQM document score, 0-100
    max_penalty_per_1000 = 60          # MQM penalty per 1,000 words

    [limits.severities]                # most findings allowed per severity
    critical = 0

    [limits.categories]                # most findings allowed per category
    entity.substituted = 0             # dotted keys are category names

Validation follows spaCy's config style: every problem is reported at once as ``[path] message``,
so a user fixes the file in one round trip instead of one error per run.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import ConfigError, InputError
from ..types import CATEGORIES, SEVERITIES

POLICY_FILES = ("evaluator.toml", ".evaluator.toml")
_LANG = re.compile(r"^[a-z]{2,3}$")
_TOP_KEYS = ("source_lang", "target_lang", "checks", "glossary", "embedder", "limits")
_LIMIT_KEYS = ("min_score", "max_penalty_per_1000", "severities", "categories")


@dataclass(frozen=True)
class Limits:
    min_score: float | None = None
    max_penalty_per_1000: float | None = None
    severities: tuple[tuple[str, int], ...] = ()  # (severity, most allowed), in SEVERITIES order
    categories: tuple[tuple[str, int], ...] = ()  # (category, most allowed), sorted

    @property
    def empty(self) -> bool:
        return (self.min_score is None and self.max_penalty_per_1000 is None
                and not self.severities and not self.categories)


@dataclass(frozen=True)
class Policy:
    source: str  # where it was read from, for messages and reports
    limits: Limits
    source_lang: str | None = None
    target_lang: str | None = None
    checks: tuple[str, ...] | None = None
    glossary: str | None = None  # resolved path
    embedder: str | None = None

    def run_options(self, src_lang: str | None, tgt_lang: str | None, embedder: str,
                    checks: str | None, glossary: Path | None,
                    default_embedder: str = "usem") -> tuple[str | None, str | None, str, str | None, Path | None]:
        """Command-line values win; the policy fills what was left unset (the embedder when at its default)."""
        if embedder == default_embedder and self.embedder:
            embedder = self.embedder
        return (src_lang or self.source_lang, tgt_lang or self.target_lang, embedder,
                checks or (",".join(self.checks) if self.checks else None),
                glossary or (Path(self.glossary) if self.glossary else None))


def load_policy(path: str | Path) -> Policy:
    """Read a policy file; a pyproject.toml is read from its [tool.evaluator] table."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, expected a policy file (TOML)") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(str(path), ["not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(str(path), [f"not valid TOML: {e}"]) from None
    source = str(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("evaluator") if isinstance(data.get("tool"), dict) else None
        if not isinstance(table, dict):
            raise ConfigError(source, ["[tool.evaluator] no such table: put the policy there or pass an evaluator.toml"])
        data, source = table, f"{path} [tool.evaluator]"
    return parse_policy(data, source=source, base_dir=path.parent)


def find_policy(folder: str | Path = ".") -> Path | None:
    """The policy a run picks up without --policy: evaluator.toml, then pyproject.toml's [tool.evaluator]."""
    folder = Path(folder)
    for name in POLICY_FILES:
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return None  # not ours to judge; the user may still pass --policy
        if isinstance(data.get("tool"), dict) and "evaluator" in data["tool"]:
            return pyproject
    return None


def parse_policy(data: dict[str, Any], *, source: str = "policy", base_dir: str | Path = ".") -> Policy:
    problems: list[str] = []
    _unknown_keys(data, _TOP_KEYS, "", problems)

    src_lang = _language(data, "source_lang", problems)
    tgt_lang = _language(data, "target_lang", problems)
    checks = _checks(data.get("checks"), problems)
    glossary = _glossary(data.get("glossary"), Path(base_dir), problems)
    embedder = data.get("embedder")
    if embedder is not None and (not isinstance(embedder, str) or not embedder.strip()):
        problems.append(f"[embedder] expected a model name such as \"usem\", got {embedder!r}")
        embedder = None

    limits = _limits(data.get("limits", {}), problems)
    if not problems and limits.empty:
        problems.append("[limits] no limits set, so the gate could never fail: set min_score, "
                        "max_penalty_per_1000, [limits.severities] or [limits.categories]")
    if problems:
        raise ConfigError(source, problems)
    return Policy(source=source, limits=limits, source_lang=src_lang, target_lang=tgt_lang, checks=checks,
                  glossary=glossary, embedder=embedder.strip() if embedder else None)


def _limits(raw: Any, problems: list[str]) -> Limits:
    if not isinstance(raw, dict):
        problems.append(f"[limits] expected a table, got {_kind(raw)}")
        return Limits()
    _unknown_keys(raw, _LIMIT_KEYS, "limits", problems)
    min_score = _number(raw, "min_score", "limits", problems, lambda v: 0 <= v <= 100, "a number from 0 to 100")
    max_pen = _number(raw, "max_penalty_per_1000", "limits", problems, lambda v: v >= 0, "a number ≥ 0")
    severities = _counts(raw.get("severities", {}), "limits.severities", SEVERITIES, "severity", problems)
    categories = _counts(_flatten(raw.get("categories", {})), "limits.categories", CATEGORIES, "category", problems)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return Limits(min_score=min_score, max_penalty_per_1000=max_pen,
                  severities=tuple(sorted(severities.items(), key=lambda kv: order[kv[0]])),
                  categories=tuple(sorted(categories.items())))


def _flatten(raw: Any, prefix: str = "") -> Any:
    """`entity.substituted = 0` in TOML is a nested table; category names are the dotted path."""
    if not isinstance(raw, dict):
        return raw
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _counts(raw: Any, where: str, known: tuple[str, ...], what: str, problems: list[str]) -> dict[str, int]:
    if not isinstance(raw, dict):
        problems.append(f"[{where}] expected a table of {what} = most findings allowed, got {_kind(raw)}")
        return {}
    out: dict[str, int] = {}
    for key, value in raw.items():
        if key not in known:
            problems.append(f"[{where}.{key}] unknown {what}{_suggest(key, known)}")
        elif not _is_int(value) or value < 0:
            problems.append(f"[{where}.{key}] expected a whole number ≥ 0, got {value!r}")
        else:
            out[key] = int(value)
    return out


def _number(raw: dict, key: str, where: str, problems: list[str], ok: Callable[[float], bool],
            expected: str) -> float | None:
    if key not in raw:
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not ok(value):
        problems.append(f"[{where}.{key}] expected {expected}, got {value!r}")
        return None
    return float(value)


def _language(data: dict, key: str, problems: list[str]) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not _LANG.match(value):
        problems.append(f"[{key}] expected an ISO 639 code such as \"pl\", got {value!r}")
        return None
    return value


def _checks(value: Any, problems: list[str]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.append(f"[checks] expected a non-empty list of check names, got {value!r}")
        return None
    from ..pipeline import load_registries
    from ..registry import checks as registry

    load_registries()
    known = tuple(registry.names())
    for name in value:
        if name not in registry:
            problems.append(f"[checks] unknown check {name!r}{_suggest(name, known)} (known: {', '.join(known)})")
    return tuple(dict.fromkeys(value))


def _glossary(value: Any, base: Path, problems: list[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"[glossary] expected a path to a TSV/CSV glossary, got {value!r}")
        return None
    path = (base / value).resolve()
    if not path.is_file():
        problems.append(f"[glossary] no such file: {path} (paths are relative to the policy file)")
        return None
    from ..load.glossary import load_glossary

    try:
        load_glossary(path)
    except InputError as e:
        problems.append(f"[glossary] {e}")
        return None
    return str(path)


def _unknown_keys(raw: dict, known: tuple[str, ...], where: str, problems: list[str]) -> None:
    for key in raw:
        if key not in known:
            path = f"{where}.{key}" if where else key
            problems.append(f"[{path}] unknown setting{_suggest(key, known)}")


def _suggest(word: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else f"; expected one of: {', '.join(known)}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}.get(type(value), repr(value))
