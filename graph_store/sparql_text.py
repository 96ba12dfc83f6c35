"""Small facts about a SPARQL text, read without a full parser: its query form, whether it names its own
dataset (FROM / FROM NAMED), its top-level LIMIT. Strings, IRIs and comments are blanked first so a
keyword inside a literal ("FROM" in a label) is never mistaken for syntax.
"""

from __future__ import annotations

import re

# One alternation, tried left to right: long strings, short strings, IRIs, comments. A string never
# closed runs to the end of the text (a short one to the end of its line): the engine reports it as a
# syntax error, and matching it whole keeps the scan linear. (Were it to fail, every later quote would
# start a new scan to the end: hours for a 1 MB body of ''' followed by \' repeated.)
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*(?:"|(?=\n)|\Z)'
    r"|'(?:[^'\\\n]|\\.)*(?:'|(?=\n)|\Z)"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.S,
)


def keyword(words: str) -> str:
    """A pattern of one of `words` (an alternation) as a keyword, not a variable (?ask), a prefix (ask:) or part
    of a prefixed name (x:limit, my-from); the word is group 1."""
    return rf"(?<![\w:?$.-])({words})(?![\w:-])"


FORM = re.compile(keyword("SELECT|ASK|CONSTRUCT|DESCRIBE"), re.I)
_UPDATE = re.compile(keyword("INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH"), re.I)
_FROM = re.compile(keyword("FROM"), re.I)
_GRAPH = re.compile(keyword("GRAPH"), re.I)
_LIMIT = re.compile(keyword("LIMIT") + r"\s+(\d+)", re.I)


def blank_opaque(sparql: str) -> str:
    """The text with string literals, IRIs and comments replaced by spaces of the same length."""
    return _OPAQUE.sub(lambda m: " " * len(m.group(0)), sparql)


def query_form(sparql: str) -> str | None:
    """'SELECT', 'ASK', 'CONSTRUCT' or 'DESCRIBE' — the first form keyword after the prologue; None if
    there is none (an update, or not SPARQL at all)."""
    m = FORM.search(blank_opaque(sparql))
    return m.group(1).upper() if m else None


def looks_like_update(sparql: str) -> bool:
    """True if the text has no query form but an update keyword: it must not reach a query endpoint."""
    bare = blank_opaque(sparql)
    return FORM.search(bare) is None and _UPDATE.search(bare) is not None


def has_dataset_clause(sparql: str) -> bool:
    """True if the query names its own dataset with FROM or FROM NAMED."""
    return _FROM.search(blank_opaque(sparql)) is not None


def has_graph_pattern(sparql: str) -> bool:
    """True if the query has a GRAPH pattern (and so reads the named graphs of its dataset)."""
    return _GRAPH.search(blank_opaque(sparql)) is not None


def brace_depths(bare: str) -> list[int]:
    """The brace depth before each character of a text whose strings and IRIs are blanked."""
    depth, out = 0, []
    for ch in bare:
        if ch == "}":
            depth -= 1
        out.append(depth)
        if ch == "{":
            depth += 1
    return out


def top_level(pattern: re.Pattern, bare: str, depths: list[int], start: int = 0) -> re.Match | None:
    """The first match of `pattern` from `start` outside every brace (a solution modifier of the query itself)."""
    return next((m for m in pattern.finditer(bare, start) if depths[m.start()] == 0), None)


def top_level_limit(sparql: str) -> int | None:
    """The LIMIT of the query itself (not of a sub-select), or None."""
    bare = blank_opaque(sparql)
    found = top_level(_LIMIT, bare, brace_depths(bare))
    return int(found.group(2)) if found else None


_ECHAR = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def string_literal(text: str) -> str:
    """`text` as a SPARQL string literal that every store parses back to the same text: quotes and
    backslashes escaped, line breaks and tabs as \\n \\r \\t (rdflib reads \\uXXXX before parsing,
    so \\u000D there is a raw CR, a syntax error), every other control character as \\uXXXX (Virtuoso
    refuses a raw NUL). Lone surrogates (undecodable file names) cannot be sent as UTF-8 and become
    U+FFFD."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
