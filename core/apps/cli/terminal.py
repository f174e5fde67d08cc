"""What casereview prints cannot take over the terminal.

Text from agencies' files reaches the screen (`chronology`, `import --dry-run`, `agencies
list`, error messages). A control character in it could clear the screen, set the window's
title, write to the clipboard (OSC 52) or hide a link (OSC 8), and a bidirectional override can
make text read as something else. Everything the command line prints goes through
`SafeStream`, which shows each such character visibly as its code (`\\u001b`) instead: nothing
is silently lost, and inside a JSON string the same six characters are the escape for the
character itself, so JSON output keeps its meaning.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# C0 controls but tab and newline, DEL, C1 controls, bidirectional controls, zero-width and
# invisible characters, and the line and paragraph separators.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                    "\u2060-\u2069\ufeff\u00ad\u180e]")


def visible(text: str) -> str:
    """`text` with every character that could act on a terminal shown as its code."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class SafeStream:
    """A text stream that passes on what is written with unsafe characters made visible."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text) if isinstance(text, str) else text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, buffer, encoding, isatty, fileno ...
        return getattr(self._stream, name)


@contextmanager
def safe_streams() -> Iterator[None]:
    """Standard output and standard error made safe while a command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
