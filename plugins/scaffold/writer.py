"""`casereview plugin new NAME`: a starting package for a new methodology plugin.

The package is written from the templates in plugins/scaffold/templates/ (package data): a
pyproject with the entry point, the hooks with docstrings, example material for the fictional
Child A case, a report template and a conformance test. It installs with pip and passes the
conformance kit as written, so an author starts from something that works and changes it step
by step (docs/writing-a-methodology.md).
"""

from __future__ import annotations

import re
from pathlib import Path

from core.kernel.errors import InvalidValue

TEMPLATES = Path(__file__).parent / "templates"
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def package_name(name: str) -> str:
    """The Python package for methodology `name`: casereview_ and the name with underscores."""
    return "casereview_" + name.replace("-", "_")


def new_plugin(name: str, into: Path) -> list[Path]:
    """Write the starting package for methodology `name` in the new folder `into`; the files
    written, in order."""
    if not NAME.match(name):
        raise InvalidValue(f"{name!r} is not a methodology name: use lower-case words joined by "
                           "hyphens, e.g. significant-event")
    if into.exists() and any(into.iterdir()):
        raise InvalidValue(f"{into} already holds files; give a new folder with --out")
    words = {"{{name}}": name, "{{package}}": package_name(name),
             "{{title}}": name.replace("-", " ").capitalize()}
    written = []
    for template in sorted(TEMPLATES.rglob("*.tmpl")):
        relative = str(template.relative_to(TEMPLATES)).removesuffix(".tmpl")
        target = into / relative.replace("PACKAGE", words["{{package}}"])
        text = template.read_text(encoding="utf-8")
        for placeholder, value in words.items():
            text = text.replace(placeholder, value)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
