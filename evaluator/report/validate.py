"""Reading a saved JSON report back: it must be valid against the schema before we render it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..load.encoding import read_text
from .json import load_schema


def read_report(path: str | Path) -> dict[str, Any]:
    import jsonschema

    path = str(path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(path, f"not JSON: {e.msg}", place=f"line {e.lineno}, column {e.colno}") from None
    errors = sorted(jsonschema.Draft202012Validator(load_schema()).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.path) or "(top)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise InputError(path, f"not an evaluator report: {first.message}{more}", place=where)
    return data
