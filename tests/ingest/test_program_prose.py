"""What the narrative says a program is for becomes its description where the tables give none: the
enumerated item its name opens, and the sentences naming it before 用于 — never a sentence naming it as what
another program is used for, nor a table's text run together after it."""

from __future__ import annotations

from ingest.program_prose import describe
from ingest.prose import Paragraph
from ingest.record import Program


def _paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line=n + 1) for n, text in enumerate(texts)]


def test_the_item_a_program_s_name_opens_and_the_sentences_saying_what_it_is_for_describe_it():
    program = Program("河道应急专项经费", "临江市河务局", 40.0)
    describe([program], _paras(
        "预算增加的主要原因：1.新增了河道应急专项经费，用于提升汛期抢险能力；2.压减一般性支出。",
        "1.河道应急专项经费 40.00 万元,主要用于移动式排水泵采购。"))
    assert "汛期抢险" in program.description and "移动式排水泵" in program.description
    assert "压减一般性支出" not in program.description  # another item of the same paragraph


def test_a_description_the_tables_give_is_kept_and_a_name_after_used_for_describes_nothing():
    kept = Program("河道应急专项经费", description="表中的项目概述")
    other = Program("堤防巡查维护经费")
    describe([kept, other], _paras("2.河道应急专项经费 40 万元，主要用于堤防巡查维护经费以外的抢险开支。",
                                   "办公经费主要用于堤防巡查维护经费的补充。"))
    assert kept.description == "表中的项目概述" and other.description is None


def test_a_table_s_text_run_together_after_a_name_is_no_description():
    program = Program("堤防巡查维护经费")
    describe([program], _paras("项目名称堤防巡查维护经费主管部门临江市河务局实施单位临江市河务局年度预算资金总额80.00"
                               "指标名称指标性质指标值计量单位用于考核"))
    assert program.description is None
