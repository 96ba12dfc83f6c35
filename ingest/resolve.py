"""Entity resolution: which names are the same real thing, and the deterministic IRI each thing gets.

Names are compared in a canonical key form (`name_key`): NFKC, no whitespace, dash runs folded,
quotation marks dropped. IRIs carry a short sha1 of that key instead of the Chinese itself, so they
are plain ASCII and round-trip unchanged through every store (Oxigraph, Virtuoso, rdflib); the
Chinese name is the resource's rdfs:label.
"""

from __future__ import annotations

import hashlib
import re

from ingest.text import normalize_name

_QUOTES = re.compile(r"[\"'“”‘’「」『』〝〞]")
_PROGRAM_SUFFIX = "项目"
_YEAR_WORD = re.compile(r"^((?:19|20)\d\d)年度?(?=.)")  # the 年 of a year opening a program's name
# The administrative region a department's name starts with: 上海市普陀区, 清远市, 广东省广州市白云区…
_REGION = re.compile(r"^(.{2,4}?省|.{2,6}?自治区)?(.{2,6}?市|.{2,8}?自治州)?(.{2,5}?[区县旗])?")
_OWN_LEVEL = re.compile(r"[（(]?本级[）)]?$")

# Top-level (类) codes of the national 政府收支分类科目 with their standard names, used to label
# ancestor codes that a document's tables do not print themselves.
FUNCTIONAL_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出",
    "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出",
    "215": "资源勘探工业信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出", "309": "资本性支出（基本建设）", "310": "资本性支出",
    "311": "对企业补助（基本建设）", "312": "对企业补助", "313": "对社会保障基金补助", "399": "其他支出",
}

FUNCTIONAL = "functional"
ECONOMIC = "economic"


def name_key(name: str) -> str:
    """The form in which two names of the same organisation compare equal."""
    return _QUOTES.sub("", normalize_name(name))


def region_levels(department: str) -> list[str]:
    """The region a department's name starts with, level by level:
    '上海市普陀区司法局' → ['上海市', '普陀区']; '清远市政务服务数据管理局' → ['清远市']."""
    match = _REGION.match(normalize_name(department))
    return [level for level in match.groups() if level] if match else []


def region_of(department: str) -> str:
    """The region prefix of a department's name ('上海市普陀区司法局' → '上海市普陀区'), or ''."""
    return "".join(region_levels(department))


def qualify(name: str, department: str) -> str:
    """A unit's name completed with the part of its department's region it leaves out.

    Documents write a unit under a department both in full and without the leading region
    ('普陀区法律援助中心' under '上海市普陀区司法局' is '上海市普陀区法律援助中心'); completing it lets
    both spellings be one organisation. A name that does not start with a tail of the region is kept.
    """
    name = normalize_name(name)
    levels = region_levels(department)
    for cut in range(1, len(levels)):  # the tail must itself be whole levels (普陀区, not 陀区)
        head, tail = "".join(levels[:cut]), "".join(levels[cut:])
        if name.startswith(tail) and not name.startswith(head) and len(name) > len(tail):
            return head + name
    return name


def short_names(name: str) -> list[str]:
    """The name without the leading levels of its region, down to the last level:
    '广州市白云区政务服务数据管理局' → ['白云区政务服务数据管理局']. Documents and questions both use them."""
    full = normalize_name(name)
    levels = region_levels(full)
    if len(full) <= len("".join(levels)):
        return []
    return [full[len("".join(levels[:cut])):] for cut in range(1, len(levels))]


def is_own_level(name: str, department: str) -> bool:
    """Whether a program's spending unit means the department itself: its name, '本级', or 'name（本级）'."""
    key = name_key(name)
    rest = _OWN_LEVEL.sub("", key)
    return key == name_key(department) or rest in ("", name_key(department))


def program_key(name: str) -> str:
    """Like `name_key`, and a trailing 项目 or the 年 of a leading year does not make a different program (documents
    differ on them: the program table's 2026驻京经费 is its indicator table's 2026年驻京经费)."""
    key = _YEAR_WORD.sub(r"\1", name_key(name))
    if key.endswith(_PROGRAM_SUFFIX) and len(key) > len(_PROGRAM_SUFFIX):
        key = key[: -len(_PROGRAM_SUFFIX)]
    return key


def short_hash(*parts: object) -> str:
    """12 hex digits of sha1 over the parts (joined by a separator no part contains)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def org_iri(base: str, name: str) -> str:
    """A department, subordinate unit or spending unit: one IRI per normalised name, everywhere."""
    return f"{base}org/{short_hash(name_key(name))}"


def internal_unit_iri(base: str, department: str, unit: str) -> str:
    """An internal unit is only unique inside its department (every department has an 办公室)."""
    return f"{base}org/{short_hash(name_key(department))}-{short_hash(name_key(unit))}"


def program_iri(base: str, fiscal_year: int, spending_unit: str, name: str) -> str:
    """One program per year, spending unit and name: shared by the 本级 and 汇总 documents of a year."""
    return f"{base}program/{fiscal_year}-{short_hash(name_key(spending_unit))}-{short_hash(program_key(name))}"


def duty_iri(base: str, organisation: str, text: str) -> str:
    return f"{base}duty/{short_hash(name_key(organisation))}-{short_hash(name_key(text))}"


def document_id(sha256: str, source_file: str) -> str:
    """16 hex digits naming a document: its content hash, or its file name's when none was recorded."""
    digest = sha256 or hashlib.sha256(source_file.encode("utf-8")).hexdigest()
    return digest[:16].lower()


def classify_code(code: str, declared: str | None) -> str | None:
    """'functional', 'economic', or None when `code` is not a classification code.

    The parser's own classification wins; otherwise 2xx codes are functional and 3xx economic
    (the national scheme numbers them so).
    """
    if not code.isdigit() or len(code) not in (3, 5, 7):
        return None
    if declared in (FUNCTIONAL, ECONOMIC):
        if declared == ECONOMIC and len(code) == 7:
            return None
        return declared
    if code[0] == "2":
        return FUNCTIONAL
    if code[0] == "3" and len(code) in (3, 5):
        return ECONOMIC
    return None


def code_iri(base: str, scheme: str, code: str) -> str:
    return f"{base}code/{scheme}/{code}"


def code_ancestors(code: str) -> list[str]:
    """The code itself and its parents by the code's own structure: 2010301 → [2010301, 20103, 201]."""
    return [code[:n] for n in (7, 5, 3) if n <= len(code)]


def standard_class_name(scheme: str, code: str) -> str | None:
    table = FUNCTIONAL_CLASSES if scheme == FUNCTIONAL else ECONOMIC_CLASSES
    return table.get(code)
