"""Text as Heard keeps it: no control characters.

A vertical tab or a NUL typed or pasted into a form, or carried in from a spreadsheet, means
nothing to a reader and breaks the Word and PDF editions (their XML may not hold it). Every
form, the import and the editions pass text through `printable`.
"""

from __future__ import annotations

import re

#: C0 controls other than tab, line feed and carriage return; DEL; the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"[\t\r\n\x0b\x0c]+")
#: A vertical tab or a form feed (Word's line and page breaks, pasted) is a line break.
BREAKS = re.compile(r"[\x0b\x0c]")


def printable(text: str, *, lines: bool = True) -> str:
    """The text without control characters. Long text (`lines`) keeps its tabs and line
    breaks (a pasted vertical tab or form feed becomes one); in one-line text they all
    become single spaces."""
    text = LINE_BREAKS.sub(" ", text) if not lines else BREAKS.sub("\n", text)
    return CONTROL.sub("", text)
