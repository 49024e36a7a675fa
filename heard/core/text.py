"""Text as Heard keeps it: no control characters, nothing XML refuses.

A vertical tab or a NUL typed or pasted into a form, or carried in from a spreadsheet, means
nothing to a reader and breaks the Word and PDF editions (their XML may not hold it). Every
form, the import and the editions pass text through `printable`.
"""

from __future__ import annotations

import re

#: The noncharacters at the end of each plane above the first (U+1FFFE, U+1FFFF, ...).
_PLANE_ENDS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}-{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)

#: Every character XML 1.0 refuses (Word's files are XML): C0 controls other than tab, line
#: feed and carriage return, lone surrogates, U+FFFE and U+FFFF; with them the other
#: noncharacters (U+FDD0 to U+FDEF and each plane's last two), DEL and the C1 controls, which
#: XML allows but which mean nothing to a reader.
CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + _PLANE_ENDS + "]"
)
LINE_BREAKS = re.compile(r"[\t\r\n\x0b\x0c]+")
#: A vertical tab or a form feed (Word's line and page breaks, pasted) is a line break.
BREAKS = re.compile(r"[\x0b\x0c]")


def printable(text: str, *, lines: bool = True) -> str:
    """The text without control characters. Long text (`lines`) keeps its tabs and line
    breaks (a pasted vertical tab or form feed becomes one); in one-line text they all
    become single spaces."""
    text = LINE_BREAKS.sub(" ", text) if not lines else BREAKS.sub("\n", text)
    return CONTROL.sub("", text)
