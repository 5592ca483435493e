"""A draft's readable text with, for each character, where it sits in the submitted text.

Ingest reads an HTML article with trafilatura, which gives text but no offsets back into
the file. A draft under review must point into what the editor submitted, so HTML drafts
are read by this small parser instead: visible text, whitespace collapsed as a browser
does, block elements as paragraph breaks, and every character mapped to its source span.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Literal

Format = Literal["text", "markdown", "html"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html")
HIDDEN = {"script", "style", "head", "title", "nav", "footer", "aside", "form", "noscript",
          "template", "svg", "button", "select", "textarea", "iframe", "object"}
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
          "article", "main", "header", "blockquote", "pre", "table", "tr", "td", "th", "hr",
          "figure", "figcaption", "dd", "dt", "dl", "caption"}
_ENTITY_END = re.compile(r"[^a-zA-Z0-9]")


@dataclass
class Readable:
    """The text read from a draft, and each character's [start, end) in the submitted one."""

    text: str
    starts: list[int] | None = None  # None: the text is the submitted text itself
    ends: list[int] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The submitted text's span of the readable text's [start, end) (never empty)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def readable_span(self, start: int, end: int) -> tuple[int, int]:
        """The readable text's span of a submitted span that `source_span` gave."""
        if self.starts is None or self.ends is None:
            return start, end
        return bisect_left(self.starts, start), bisect_left(self.ends, end) + 1


def readable(submitted: str, fmt: Format) -> Readable:
    """The draft as the sentence splitter sees it; plain text and Markdown are read as is."""
    if fmt != "html":
        return Readable(submitted)
    parser = _Visible(submitted)
    parser.feed(submitted)
    parser.close()
    return Readable("".join(parser.chars), parser.starts, parser.ends)


class _Visible(HTMLParser):
    """Collects visible characters with their source offsets."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.hidden = 0

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _put(self, char: str, start: int, end: int) -> None:
        if char.isspace():
            if not self.chars or self.chars[-1].isspace():
                return  # collapsed, as a browser shows it
            char = " "
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def _break(self) -> None:
        """A paragraph break (zero-width in the source): sentences never run across it."""
        if not self.chars:
            return
        while self.chars and self.chars[-1] == " ":
            for column in (self.chars, self.starts, self.ends):
                column.pop()
        if self.chars and self.chars[-1] != "\n":
            at = self._at()
            for char in "\n\n":
                self.chars.append(char)
                self.starts.append(at)
                self.ends.append(at)

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS and not self.hidden:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS and not self.hidden:
            self._break()

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS and not self.hidden:
            self._break()

    def handle_data(self, data):
        if self.hidden:
            return
        at = self._at()
        for i, char in enumerate(data):
            self._put(char, at + i, at + i + 1)

    def handle_entityref(self, name):
        self._reference(f"&{name}")

    def handle_charref(self, name):
        self._reference(f"&#{name}")

    def _reference(self, raw: str) -> None:
        if self.hidden:
            return
        at = self._at()
        end = at + len(raw)
        if self.source.startswith(";", end):
            end += 1
        for char in unescape(self.source[at:end]):
            self._put(char, at, end)
