"""Small text helpers shared by the parsers: amounts, name normalisation, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from decimal import Decimal, InvalidOperation
from typing import TypeVar

T = TypeVar("T")

_AMOUNT = re.compile(r"^[-－]?\d[\d,，]*(?:\.\d+)?$")
# What Decimal is given: a number as documents print it. Decimal itself also takes '1e3', 'NaN',
# 'Infinity' and '1_000', none of which a budget prints as an amount.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑‒–—―－]{2,}")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


# what one of each unit of money a table or sentence prints in is, in 万元
UNIT_FACTORS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "万元": Decimal(1), "亿元": Decimal(10000)}


def half_cent(unit: str = "万元") -> Decimal:
    """The bound on two printings of one amount printed to the cent in `unit`, in 万元: half a cent (0.005 万元 for
    an amount in 万元, 0.00005 for one in 元) — a figure rounded to the cent is within it of its exact value, so a
    prose amount is a table's within it, and a total printed rounded is its parts' sum within it per part."""
    return Decimal("0.005") * UNIT_FACTORS[unit]


def squeeze(text: str | None) -> str:
    """Text without whitespace (PDF extraction puts spaces inside Chinese words and numbers)."""
    # str.split() splits on exactly the characters `\s` matches, and is twice as fast as a regex.
    return "".join(text.split()) if text else ""


def first_of_each(items: Iterable[T], key: Callable[[T], Hashable]) -> list[T]:
    """The items in order, each kept only the first time its key is met."""
    seen: set[Hashable] = set()
    out: list[T] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def is_amount(token: str) -> bool:
    return bool(_AMOUNT.match(token.strip()))


def parse_amount(token: str) -> float | None:
    """'1,234.56' → 1234.56 (万元 as printed); '-' or '' → None."""
    token = token.strip().replace(",", "").replace("，", "").replace("－", "-")
    if not _PLAIN_NUMBER.fullmatch(token):
        return None
    try:
        return float(Decimal(token))
    except InvalidOperation:
        return None


def amount_text(value: float) -> str:
    """An amount as a text says it, every digit it holds (380.8085, not `:g`'s 380.808; 1000, not 1e+03)."""
    return format(Decimal(str(value)).normalize(), "f")


def yuan_to_wan(token: str | Decimal) -> float | None:
    """An amount printed in 元 → 万元, exactly: '351,684,000.00' → 35168.4, '70,540,547.00' → 7054.0547."""
    if isinstance(token, Decimal):
        value = token
    else:
        cleaned = token.strip().replace(",", "").replace("，", "")
        if not _PLAIN_NUMBER.fullmatch(cleaned):
            return None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return None
    return float((value / Decimal(10000)).normalize())


def normalize_name(name: str) -> str:
    """Canonical form of an organisation or program name: NFKC, no whitespace, dash runs as '--'."""
    name = unicodedata.normalize("NFKC", name)
    name = _SPACE.sub("", name).lstrip(".·•")  # a cover may print a stray dot before the name ('.长春市信访局')
    return _DASHES.sub("--", name)


def program_key(name: str, normal: Callable[[str], str] = normalize_name) -> str:
    """A program's name as two tables may print it, `normal`ised (the caller's form of names) first: a year's 年
    (年度) dropped and 项目 cut from the end, so 2026年驻京经费, 2026驻京经费 and 2026年度驻京经费项目 are one."""
    return re.sub(r"(\d{4})年度?", r"\1", normal(name)).removesuffix("项目")


def chinese_number(text: str) -> int | None:
    """'十三' → 13, '二十四' → 24, '7' → 7; None if it is not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def sentence_of(text: str, m: re.Match, limit: int = 300) -> str:
    """The sentence of `text` (from the 。 before the match to the one after it, kept) holding the match `m`,
    at most `limit` characters: the text a fact read from prose keeps as its evidence."""
    start = text.rfind("。", 0, m.start()) + 1
    end = text.find("。", m.end())
    return text[start: end + 1 if end >= 0 else len(text)][:limit]
