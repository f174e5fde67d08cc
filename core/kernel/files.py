"""Reading the YAML files coordinators and reviewers write, with a clear error when one is bad.

Every YAML file the core and the methodologies read goes through `read_yaml`, so a problem is
always reported the same way: the file, the line where YAML found it, and what was expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.kernel.errors import InputProblem

_SHAPES: dict[type, str] = {dict: "key: value pairs", list: "a list"}


def read_yaml(path: str | Path, what: str, *, shape: type[dict] | type[list] | None = None,
              expected: str | None = None) -> Any:
    """The data in the YAML (or JSON) file at `path`, which a person knows as `what` (e.g.
    "the case file"). With `shape` (dict or list) an empty file reads as an empty one and any
    other kind of content is refused; `expected` says in the message what the file should hold.
    Raises InputProblem naming the file, and the line for a YAML syntax error."""
    import yaml  # only when a file is read: not at start-up

    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise InputProblem(f"cannot read {what}: {error.strerror or error}",
                           file=where) from error
    except UnicodeDecodeError as error:
        raise InputProblem(f"{what} is not UTF-8 text", file=where,
                           expected="a text file saved as UTF-8") from error
    try:
        # libyaml's safe loader when installed: the same rules, several times faster
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputProblem(f"not valid YAML: {getattr(error, 'problem', None) or error}",
                           file=where, line=mark.line + 1 if mark else None,
                           expected=expected) from error
    except ValueError as error:  # a date YAML recognises but cannot make, e.g. 2025-02-30
        raise InputProblem(f"a value that cannot be read: {error}", file=where) from error
    if shape is None:
        return data
    if data is None:
        return shape()
    if not isinstance(data, shape):
        raise InputProblem(f"{what} does not hold {_SHAPES[shape]}", file=where,
                           expected=expected)
    return data
