"""The structured record of one budget document: what the parsers produce and the mapper reads.

`Record.to_json()` is what `govkg parse --json FILE` prints. Its keys follow the contract in
../shared/gold/README.md (department, fiscal_year, document_type, scope, duties, internal_units,
subordinate_units, totals, line_items, programs, indicators) and add provenance and narrative facts.

Every amount is in 万元 (documents printed in 元 are converted exactly, see `ingest.text.yuan_to_wan`).
Every value carries a `Source`: the table or section it came from and its line (1-based, in the
extracted text the parser read) and page where known.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

UNIT_WAN = "万元"
# decimals of an amount in 万元 that a figure printed in 元 with its 分 needs (42,034,723.58 元 = 4203.472358 万元):
# sums and differences are rounded here only to drop float noise, never to fewer places than the document printed
AMOUNT_PLACES = 6


def adds_up(parts: Iterable[float], whole: float) -> bool:
    """Whether the amounts add up to `whole` exactly as printed (人员 + 公用 = 基本支出): summed as decimals,
    never as floats."""
    return sum(Decimal(str(p)) for p in parts) == Decimal(str(whole))

DOCUMENT_TYPES = ("budget", "final_account")  # 部门预算, 部门决算
SCOPES = ("consolidated", "standalone")  # 汇总, 本级
COMPARATORS = (">=", "<=", ">", "<", "=")

# Keys of `Record.totals` (the gold contract) with their Chinese labels.
TOTAL_KEYS: dict[str, str] = {
    "revenue_total": "本年收入合计",
    "expenditure_total": "本年支出合计",
    "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出",
    "carryover_begin": "年初结转和结余",
    "carryover_end": "年末结转和结余",
    "grand_total": "总计",
    "three_public_budget": "“三公”经费预算",
    "three_public_actual": "“三公”经费支出",
    "administrative_operating_cost": "机关运行经费",
    "government_procurement": "政府采购",
}

# Labels of the summary-table rows that print a total (leading 一、/1. removed), by total key.
TOTAL_ROW_LABELS: dict[str, str] = {
    "本年收入合计": "revenue_total",
    "本年支出合计": "expenditure_total",
    "年初结转和结余": "carryover_begin",
    "年末结转和结余": "carryover_end",
    "总计": "grand_total",
    "收入总计": "grand_total",
}

# Further fact keys the parsers may emit (narrative facts). A parser may add a key here when it
# finds a new kind of fact; the mapper and the question layer read labels from this table.
FACT_KEYS: dict[str, str] = {
    **TOTAL_KEYS,
    "general_budget_revenue": "一般公共预算财政拨款收入",
    "government_fund_revenue": "政府性基金预算财政拨款收入",
    "state_capital_revenue": "国有资本经营预算财政拨款收入",
    "fiscal_appropriation_revenue": "财政拨款收入合计",
    # the two parts of 基本支出 by use (人员经费 / 人员支出 and 公用经费 / 日常公用支出), read from the row that
    # gives 基本支出 (not part of the gold contract's totals)
    "personnel_expenditure": "人员支出",
    "public_expenditure": "日常公用支出",
    "fiscal_appropriation_expenditure": "财政拨款支出合计",  # every fund's appropriation spent (one is below)
    "general_budget_expenditure": "一般公共预算财政拨款支出",
    "general_budget_expenditure_budget": "一般公共预算财政拨款支出年初预算",  # a final account's plan of it
    "government_fund_expenditure": "政府性基金预算财政拨款支出",
    # a final account's spending against its plan where only the difference is stated (比年初预算数增加3,320.27万元)
    "general_budget_expenditure_vs_plan": "一般公共预算财政拨款支出决算比年初预算增减",
    "government_fund_expenditure_vs_plan": "政府性基金预算财政拨款支出决算比年初预算增减",
    "revenue_change": "收入比上年增减",
    "revenue_change_pct": "收入比上年增减幅度",
    "expenditure_change": "支出比上年增减",
    "expenditure_change_pct": "支出比上年增减幅度",
    "general_budget_revenue_change": "一般公共预算财政拨款收入比上年增减",
    "general_budget_revenue_change_pct": "一般公共预算财政拨款收入比上年增减幅度",
    "general_budget_expenditure_change": "一般公共预算财政拨款支出比上年增减",
    "government_fund_revenue_change": "政府性基金预算财政拨款收入比上年增减",
    "fiscal_appropriation_revenue_change": "财政拨款收入比上年增减",
    "fiscal_appropriation_expenditure_change": "财政拨款支出比上年增减",
    "basic_expenditure_change": "基本支出比上年增减",
    "project_expenditure_change": "项目支出比上年增减",
    "three_public_change": "“三公”经费比上年增减",
    "three_public_outbound": "因公出国（境）费",
    "three_public_vehicle": "公务用车购置及运行维护费",
    "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_operation": "公务用车运行维护费",
    "three_public_reception": "公务接待费",
    "three_public_outbound_change": "因公出国（境）费比上年增减",
    "three_public_reception_change": "公务接待费比上年增减",
    "three_public_vehicle_change": "公务用车购置及运行维护费比上年增减",
    "three_public_vehicle_purchase_change": "公务用车购置费比上年增减",
    "three_public_vehicle_operation_change": "公务用车运行维护费比上年增减",
    "administrative_operating_cost_change": "机关运行经费比上年增减",
    "commissioned_services": "委托业务费",  # stated only in a prose section (ingest.section_amounts)
    "commissioned_services_change": "委托业务费比上年增减",
    "meeting_costs": "会议费",  # stated as a sentence's subject beside the “三公” (ingest.section_amounts)
    "meeting_costs_change": "会议费比上年增减",
    "training_costs": "培训费",
    "training_costs_change": "培训费比上年增减",
    "procurement_goods": "政府采购货物类",
    "procurement_works": "政府采购工程类",
    "procurement_services": "政府采购服务类",
    "procurement_sme": "授予中小企业合同金额",
    "fixed_assets": "固定资产金额",
    "fixed_assets_net": "固定资产净值",
    "fixed_assets_purchase": "拟购置固定资产金额",
    "state_assets_total": "国有资产总额",
    "vehicles": "车辆数",
    # the staff the narrative counts (ingest.staff_counts), in 人
    "staff_authorized": "编制数",
    "staff_actual": "实有人员数",
    "staff_active": "在职人员数",
    "staff_retired": "离退休人员数",
    # the counts the “三公” narrative prints beside its money (ingest.three_public_counts), each in its printed unit
    "reception_batches": "国内公务接待批次",
    "reception_persons": "国内公务接待人次",
    "outbound_groups": "因公出国（境）团组数",
    "outbound_persons": "因公出国（境）人次",
    "vehicle_purchases": "公务用车购置数",
    # the counts the 一般性支出 narrative prints beside the 会议费 and 培训费 (ingest.three_public_counts)
    "training_persons": "培训人数",
    "training_sessions": "培训期数",
    "meeting_count": "会议次数",
    "meeting_persons": "参会人数",
    "large_equipment": "单价100万元以上设备数",
    "execution_rate": "预算执行率",
    # the 部门整体支出绩效自评's whole-year budget and what was executed of it (全年预算数 / 执行数)
    "overall_expenditure": "部门整体支出执行数",
    "overall_expenditure_budget": "部门整体支出全年预算数",
    "performance_score": "绩效自评得分",
    "performance_target_programs": "编报绩效目标的项目数",
    "performance_target_amount": "编报绩效目标的项目预算金额",
    # how many programs the narrative says were evaluated (ingest.program_counts), listed or not
    "evaluated_programs": "开展绩效自评的项目数",
    "key_evaluated_programs": "开展重点绩效评价的项目数",
    "graded_programs": "获评该绩效等级的项目数",  # of each grade (the fact's label: 优, 良 …), as printed
    # how many units the narrative says there are (ingest.unit_counts), listed one by one or not
    "internal_unit_count": "内设机构数",
    "subordinate_unit_count": "下属单位数",
    "budget_unit_count": "纳入预算编制范围的单位数",
    "stated_share": "文件写明的占比",  # a share printed beside an amount (ingest.stated_shares), its clause the text
    "stated_part": "文件写明的组成部分",  # a part printed with its own amount after 其中 / 主要包括 (ingest.stated_parts)
    "goal_count": "绩效目标写明的数量",  # a count a program's goal states in its own unit (覆盖32个单位: ingest.stated_parts)
    # a count a cost's 明细表 row prints beside its amount, in its own unit (人数 95: 人, 天数 2: 天; ingest.cost_details)
    "stated_part_count": "明细表所列人数或天数",
}

# The income side's other sources of a 收支总表 (beside the appropriations): a row each, and its change stated
REVENUE_SOURCES: dict[str, str] = {
    "上级补助收入": "superior_subsidy_revenue", "事业收入": "business_revenue", "经营收入": "operating_revenue",
    "附属单位上缴收入": "affiliated_revenue", "其他收入": "other_revenue"}
FACT_KEYS |= {key: label for label, key in REVENUE_SOURCES.items()}
FACT_KEYS |= {f"{key}_change": f"{label}比上年增减" for label, key in REVENUE_SOURCES.items()}

# a final account's plan of each “三公” part, printed beside its actual (its table's 预算数 columns, '公务接待费支出
# 决算为0.37万元，完成预算2.00万元'): of the budget phase, as `three_public_budget` is of the whole
FACT_KEYS |= {f"{key}_budget": f"{FACT_KEYS[key]}预算" for key in (
    "three_public_outbound", "three_public_reception", "three_public_vehicle", "three_public_vehicle_purchase",
    "three_public_vehicle_operation")}

# each change's rate as the sentence stating the change prints it (比上年减少4.98万元，下降9.0%: -9.0)
FACT_KEYS |= {f"{key}_pct": f"{label}幅度" for key, label in FACT_KEYS.items() if key.endswith("_change")
              and f"{key}_pct" not in FACT_KEYS}

# Columns of a LineItem read from the narrative beside the tables (ingest.item_changes): the item's
# signed change on the year before, and last year's executed or budgeted figure.
CHANGE_COLUMN, PREVIOUS_EXECUTED, PREVIOUS_BUDGET = "比上年增减", "上年执行数", "上年预算数"
NARRATIVE_COLUMNS = (CHANGE_COLUMN, PREVIOUS_EXECUTED, PREVIOUS_BUDGET)

# Units of facts that are not amounts in 万元.
FACT_UNITS: dict[str, str] = {
    "revenue_change_pct": "%",
    "expenditure_change_pct": "%",
    "general_budget_revenue_change_pct": "%",
    "execution_rate": "%",
    "vehicles": "辆",
    "reception_batches": "批次",
    "reception_persons": "人次",
    "outbound_groups": "个",
    "outbound_persons": "人次",
    "vehicle_purchases": "辆",
    "training_persons": "人",
    "training_sessions": "期",
    "meeting_count": "次",
    "meeting_persons": "人",
    "large_equipment": "台",
    "performance_score": "分",
    "performance_target_programs": "个",
    "evaluated_programs": "个",
    "key_evaluated_programs": "个",
    "graded_programs": "个",
    "internal_unit_count": "个",
    "subordinate_unit_count": "个",
    "budget_unit_count": "个",
    "staff_authorized": "人",
    "staff_actual": "人",
    "staff_active": "人",
    "staff_retired": "人",
    "stated_share": "%",
    "goal_count": "个",  # or the measure word its goal prints (台, 次 …): each fact keeps its own
    "stated_part_count": "人",  # or 天: each fact keeps its own
} | {key: "%" for key in FACT_KEYS if key.endswith("_change_pct")}


@dataclass
class Source:
    """Where a value was read: the table or section, the 1-based line of the text, the page, and
    the file when the record joins several (a publication in parts, see `ingest.parts`)."""

    table: str | None = None
    line: int | None = None
    page: int | None = None
    file: str | None = None


@dataclass
class Duty:
    text: str
    number: int | None = None
    source: Source = field(default_factory=Source)


@dataclass
class Unit:
    """An internal unit (内设机构) or a subordinate unit (下属单位)."""

    name: str
    responsibilities: str | None = None
    note: str | None = None  # e.g. "不单列预算" for a subordinate unit without its own budget
    source: Source = field(default_factory=Source)


@dataclass(frozen=True)
class Block:
    """Which block of its table a row is printed in, where one table prints the same codes more than
    once: rows keyed by two economic codes side by side (部门经济 301 under 政府经济 501 and again under
    505), a table printed unit by unit, or blocks the table does not name. Sums of a code's rows hold
    within a block, never across blocks."""

    unit: str | None = None  # the spending unit of a table printed unit by unit (单位名称 / 预算单位)
    code: str | None = None  # the 类 of the other economic code printed beside the row (505)
    name: str | None = None  # that 类's name as printed (对事业单位经常性补助)
    ordinal: int | None = None  # a block the table does not name: the n-th time its 类 is printed

    def label(self) -> str:
        """The block in words (苏州市便民服务中心 · 505 对事业单位经常性补助 · 第2组)."""
        parts = [self.unit, " ".join(filter(None, (self.code, self.name))) or None,
                 f"第{self.ordinal}组" if self.ordinal else None]
        return " · ".join(p for p in parts if p)


@dataclass
class LineItem:
    """A classified row of a table: `values` maps each column header to its number (万元)."""

    table: str
    code: str
    name: str
    values: dict[str, float]
    classification: str | None = None  # "functional" (功能分类) or "economic" (经济分类)
    unit: str = UNIT_WAN
    source: Source = field(default_factory=Source)
    parent: str | None = None  # a row printed without a code: the name of the row it is part of
    block: Block | None = None  # where the table prints its codes in several blocks: this row's
    description: str | None = None  # what the narrative says its money is for (主要用于…: ingest.item_changes)


@dataclass
class Program:
    """A 项目: `amount` its budget, `funding` the amount per funding source, `executed` for final accounts."""

    name: str
    unit: str | None = None
    amount: float | None = None
    executed: float | None = None
    performance_target: str | None = None
    funding: dict[str, float] = field(default_factory=dict)
    description: str | None = None
    source: Source = field(default_factory=Source)
    # the change on the year before its own paragraph states ('2.口岸管理业务40,000.70万元,…较2025年年初预算增加
    # 569.63万元': ingest.program_prose), signed, in 万元; the figure compared (CHANGE_BASES) and the line stating it
    change: float | None = None
    change_base: str | None = None
    change_source: Source | None = None


# the figures of the year before a program's stated change is on, as its sentence names them
CHANGE_BASES = ("上年年初预算", "上年预算执行数", "上年决算", "上年预算")


def program_change_column(base: str) -> str:
    """The column of a program's stated change on `base` (比上年年初预算增减): the store's and the answers' word."""
    return f"比{base}增减"


@dataclass
class Indicator:
    """A 绩效指标 with its target; `actual` and `met` where a final account reports them."""

    name: str
    comparator: str | None = None
    target: float | None = None
    unit: str | None = None
    program: str | None = None
    actual: float | None = None
    met: bool | None = None
    text: str | None = None
    source: Source = field(default_factory=Source)


@dataclass
class UnitTotal:
    """A budget unit's own total as a table prints it per unit (收入总表: one row per 单位)."""

    name: str
    code: str | None
    value: float
    column: str = "合计"
    source: Source = field(default_factory=Source)
    # what the row totals: the unit's income (收入总表), or its 基本支出 / 项目支出 where a table of them prints a row per
    # unit that spends (支出项目类别（资金使用单位）: ingest.gd_units)
    measure: str = "revenue_total"


# The fact key of a unit's own total of each measure (UnitTotal.measure), and the words naming it.
UNIT_TOTAL_KEYS: dict[str, tuple[str, str]] = {"revenue_total": ("unit_total", "收入合计"),
                                               "basic_expenditure": ("unit_basic_expenditure", "基本支出"),
                                               "project_expenditure": ("unit_project_expenditure", "项目支出")}


@dataclass
class Fact:
    """A narrative or summary figure, keyed by one of `FACT_KEYS`; `text` is the sentence it came from."""

    key: str
    value: float | str
    unit: str | None = UNIT_WAN
    label: str | None = None
    text: str | None = None
    source: Source = field(default_factory=Source)


@dataclass
class Record:
    department: str
    fiscal_year: int
    document_type: str
    scope: str
    source_file: str
    sha256: str
    layout: str  # "tsv", "raw" (Guangdong extracted text) or "shanghai" (Shanghai PDF family)
    duties: list[Duty] = field(default_factory=list)
    internal_units: list[Unit] = field(default_factory=list)
    subordinate_units: list[Unit] = field(default_factory=list)
    line_items: list[LineItem] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    unit_totals: list[UnitTotal] = field(default_factory=list)  # each budget unit's own total (万元)
    performance: dict[str, Any] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # full name -> short names seen (市政数局)
    warnings: list[str] = field(default_factory=list)
    # The accounting identities checked (ingest.checks): identity, table, times checked, holds, failures.
    checks: list[dict[str, Any]] = field(default_factory=list)
    # The files the record was read from, when a publication came in parts (情况说明 + 报表).
    parts: list[str] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, float]:
        """The contract's totals, taken from the first fact of each total key."""
        out: dict[str, float] = {}
        for fact in self.facts:
            if fact.key in TOTAL_KEYS and fact.key not in out and isinstance(fact.value, (int, float)):
                out[fact.key] = fact.value
        return out

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    def head(self) -> Record:
        """The record without what it lists (items, programs, facts, checks): its identity, parts and warnings."""
        return Record(self.department, self.fiscal_year, self.document_type, self.scope, self.source_file,
                      self.sha256, self.layout, warnings=self.warnings, parts=self.parts)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["totals"] = self.totals
        for fact in data["facts"]:
            fact["label"] = fact["label"] or FACT_KEYS.get(fact["key"])
        return data
