"""Evidence shown as it is: text from articles and metadata made safe for Markdown and HTML.

Everything a report cell shows comes from the corpus (quotes, outlets, ids, file
names), so none of it may become markup: no raw HTML (``<script>``,
``<img onerror>``), no live link or image (``[x](javascript:...)``,
``![x](http://...)``), no emphasis or code that changes what is read, no ``|``
that opens a new column, no carriage return or newline that opens a new row.
Control characters are made visible (``␍``, ``␊``, ``\\x85``) instead of dropped,
and so are the invisible characters that reorder text (bidi overrides).
"""

from __future__ import annotations

import html
import re

# C0 controls and DEL: shown as their Unicode control pictures (U+2400 block).
_C0 = re.compile("[\x00-\x1f\x7f]")
# C1 controls, line/paragraph separators, bidi embeddings, overrides and isolates,
# zero-width characters and the BOM: shown as \x.. / \u.... escapes.
_INVISIBLE = re.compile("[\x80-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# Characters with a meaning in Markdown inline syntax or in a GitHub table row. A cell
# never starts a block, so "-", "+", "#", "." are safe; "(" and "!" are harmless once
# "[" and "]" are escaped (no link or image can open).
# An underscore inside a word ("more_than") is never emphasis in GitHub's or
# python-markdown's rules, so only one at a word's edge is escaped.
_MARKDOWN = re.compile(r"[\\`*\[\]|~<>&]|(?<![^\W_])_|_(?![^\W_])")
# A URL scheme or www. that GitHub would turn into a live link by itself.
_AUTOLINK = re.compile(r"(?i)\b(?:(https?|ftp|javascript|data|vbscript|file|mailto)(:)|(www)(\.))")


def visible(text: str) -> str:
    """``text`` with control and invisible characters shown.

    >>> visible("Outlet\\rB\\u202e")
    'Outlet␍B\\\\u202e'
    """
    text = _C0.sub(lambda found: "␡" if found[0] == "\x7f" else chr(0x2400 + ord(found[0])),
                   text)
    return _INVISIBLE.sub(lambda found: f"\\u{ord(found[0]):04x}" if ord(found[0]) > 0xFF
                          else f"\\x{ord(found[0]):02x}", text)


def markdown_cell(value: object) -> str:
    r"""A value as literal text in Markdown (a table cell, a list item, a paragraph).

    HTML's special characters become entities, Markdown's are backslash-escaped,
    and control characters are shown; None is the empty cell.

    >>> print(markdown_cell("<script>alert(1)</script> | ![x](http://e.x/a.png) *y*"))
    &lt;script&gt;alert(1)&lt;/script&gt; \| !\[x\](http\://e.x/a.png) \*y\*
    >>> markdown_cell(None)
    ''
    """
    if value is None:
        return ""
    text = visible(str(value))

    def escape(found: re.Match[str]) -> str:
        char = found[0]
        return {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(char, "\\" + char)

    text = _MARKDOWN.sub(escape, text)
    return _AUTOLINK.sub(lambda found: f"{found[1] or found[3]}\\{found[2] or found[4]}", text)


def html_cell(value: object) -> str:
    """A value as literal text in HTML (element content or a quoted attribute).

    >>> html_cell('<img src=x onerror="alert(1)">\\r')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;␍'
    """
    if value is None:
        return ""
    return html.escape(visible(str(value)), quote=True)


def code_span(value: object) -> str:
    """A value as Markdown inline code, safe in a GitHub table cell.

    The fence is longer than any run of backticks inside, ``|`` is escaped (GitHub
    splits table rows on it even in code) and control characters are shown.

    >>> print(code_span("rules/a.yaml:3"), code_span("a`b|c"))
    `rules/a.yaml:3` `` a`b\\|c ``
    """
    text = visible("" if value is None else str(value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if longest else text
    return f"{fence}{padded}{fence}"
