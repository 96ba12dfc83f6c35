"""Small fictional records for the web tests, mapped by the real mapper: a department with a budget and a
final account (tables with 类/款/项 subtotal rows, programs, indicators met and not met, 三公 facts), and
the same built with hostile names (`<script>`, `"><img onerror=…>`) to check that pages escape them."""

from __future__ import annotations

from graph_store.registry import open_store
from ingest.rdf import record_to_graph
from ingest.record import Duty, Fact, Indicator, LineItem, Program, Record, Source, Unit

DEPT = "临江市西湖区统计局"
SCRIPT = "<script>window.pwned=1</script>"
IMG = '"><img src=x onerror="window.pwned=1">'
# The spending table by 功能分类 of the budget: the 项 rows are the leaves (the 类 and 款 rows are subtotals);
# 213 is a 类 printed without rows under it, so it is a leaf too.
FUNCTIONAL = [("201", "一般公共服务支出", 150.0), ("20105", "统计信息事务", 150.0), ("2010501", "行政运行", 100.25),
              ("2010505", "专项统计业务", 49.75), ("208", "社会保障和就业支出", 30.0), ("20805", "行政事业单位养老支出", 30.0),
              ("2080505", "机关事业单位基本养老保险缴费支出", 30.0), ("213", "农林水支出", 5.5)]
LEAVES = {"2010501": 100.25, "2010505": 49.75, "2080505": 30.0, "213": 5.5}


def records(dept: str = DEPT, hostile: str = "") -> list[Record]:
    """The department's 2025 budget and 2024 final account; `hostile` is put into every name."""
    budget = Record(dept, 2025, "budget", "consolidated", f"budget{hostile}.txt", "c" * 64, "tsv")
    budget.duties = [Duty(f"负责全区统计调查工作{hostile}", 1, Source("主要职责", 3))]
    budget.internal_units = [Unit(f"综合股{hostile}", "负责机关日常运转", source=Source("内设机构", 6))]
    budget.subordinate_units = [Unit(f"临江市西湖区普查中心{hostile}", source=Source("下属单位", 7))]
    budget.programs = [Program(f"经济普查经费{hostile}", dept, 60.5, performance_target=f"完成普查{hostile}",
                               funding={"一般公共预算": 60.5}, source=Source("项目表", 20)),
                       Program("统计调查经费", dept, 25.0, source=Source("项目表", 21))]
    budget.line_items = [LineItem("支出总体情况表", code, f"{name}{hostile}", {"合计": value, "基本支出": value / 2},
                                  "functional", source=Source("支出总体情况表", 40 + i))
                         for i, (code, name, value) in enumerate(FUNCTIONAL)]
    budget.line_items += [LineItem("收入总体情况表", "201", "一般公共服务支出", {"合计": 999.0}, "functional",
                                   source=Source("收入总体情况表", 60)),
                          LineItem("基本支出表", "301", "工资福利支出", {"预算": 70.0}, "economic", source=Source("基本支出表", 70)),
                          LineItem("基本支出表", "30101", "基本工资", {"预算": 70.0}, "economic", source=Source("基本支出表", 71)),
                          LineItem("基本支出表", "302", "商品和服务支出", {"预算": 15.0}, "economic", source=Source("基本支出表", 72))]
    budget.facts = [Fact("expenditure_total", 185.5, source=Source("收支总表", 10)),
                    Fact("three_public_budget", 3.2, source=Source("三公", 50))]
    final = Record(dept, 2024, "final_account", "consolidated", f"final{hostile}.txt", "d" * 64, "tsv")
    final.programs = [Program(f"经济普查经费{hostile}", dept, 50.0, executed=48.0, source=Source("项目表", 30))]
    final.indicators = [Indicator(f"普查覆盖率{hostile}", ">=", 95, "%", f"经济普查经费{hostile}", actual=97, met=True,
                                  source=Source("绩效表", 80)),
                        Indicator("数据报送及时率", ">=", 99, "%", f"经济普查经费{hostile}", actual=92.5, met=False,
                                  source=Source("绩效表", 81))]
    final.facts = [Fact("expenditure_total", 170.0, source=Source("收支总表", 11)),
                   Fact("three_public_actual", 2.9, source=Source("三公", 51)),
                   Fact("three_public_budget", 3.0, source=Source("三公", 52))]
    return [budget, final]


def store_of(recs: list[Record], base: str | None = None):
    store = open_store("memory")
    for record in recs:
        store.replace_graph(*(record_to_graph(record, base) if base else record_to_graph(record)))
    return store
