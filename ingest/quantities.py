"""Physical quantities a program's goal states (过水能力由现状40万m3/d提高到160万m3/d, 新建管网12.5公里, 年处理污泥3万吨),
each unit in one written form whichever way it is printed or asked (万m3/d, 万立方米/日, 万立方米每天 → 万立方米/日;
km, 千米 → 公里), so a question in words finds a figure printed in symbols.

    QUANTITY                 a number and its unit (groups n, unit) in a document's or a question's text
    UNIT                     a unit alone (what a question asks in: 多少万立方米每天)
    unit_form(unit)          the one written form of a unit
"""

from __future__ import annotations

import re

# the measure itself (a symbol, then its words), longest first; 米 only as no part of another word's
_MEASURES = [(r"m3|m³|立方米|方(?=/|每)", "立方米"), (r"m2|㎡|平方米", "平方米"), (r"km|公里|千米", "公里"),
             (r"千瓦时|kWh|kW·h", "千瓦时"), (r"兆瓦|MW", "兆瓦"), (r"千瓦|kW", "千瓦"), (r"公顷", "公顷"), (r"亩", "亩"),
             (r"吨|t(?![a-zA-Z])", "吨"), (r"(?<![平立千])米(?![\u4e00-\u9fff])|m(?![a-zA-Z0-9³²])", "米")]
# per a span of time: /d, /日, 每天, 每日 → /日
_PER = [(r"/d|/日|/天|每天|每日|日均", "/日"), (r"/h|/小时|每小时", "/小时"), (r"/a|/年|每年", "/年")]
_MAGNITUDE = r"(?:万|亿|千)?"
UNIT = re.compile(_MAGNITUDE + "(?:" + "|".join(p for p, _ in _MEASURES) + ")(?:" + "|".join(p for p, _ in _PER) + ")?")
QUANTITY = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>" + UNIT.pattern + ")")


def unit_form(unit: str) -> str:
    """The one written form of a unit (万m3/d → 万立方米/日), its magnitude kept (万, 亿)."""
    magnitude = re.match(_MAGNITUDE, unit).group()
    rest = unit[len(magnitude):]
    for pattern, form in _MEASURES:
        if measure := re.match(pattern, rest):
            return magnitude + form + next((per for p, per in _PER if re.fullmatch(p, rest[measure.end():])), "")
    return unit
