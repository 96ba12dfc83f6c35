"""The counts the “三公” narrative prints beside its money (国内公务接待12批次、156人次, 出国（境）团组2个、8人次, 公务用车
购置数1辆): a fact of each kind in the unit printed, with its sentence and line; the foreign visitors received, another
year's counts and the money are none of them."""

from __future__ import annotations

import pytest

from ingest.prose import Paragraph
from ingest.three_public_counts import three_public_counts


def _found(*texts: str, year: int | None = 2024) -> dict[str, tuple]:
    paras = [Paragraph(t, 10 + i) for i, t in enumerate(texts)]
    return {f.key: (f.value, f.unit, f.source.line) for f in three_public_counts(paras, year)}


@pytest.mark.parametrize("text, batches, persons", [
    ("公务接待费支出决算为5.20万元，国内公务接待12批次，156人次。", (12, "批次"), (156, "人次")),
    ("3. 公务接待费支出0.37万元，主要用于交流考察学习的公务接待，共接待国外、境外来访团组3个，来访外宾20人次；"
     "发生国内接待9次，接待人数共77人。", (9, "次"), (77, "人")),
])
def test_the_domestic_receptions_and_their_persons_in_their_units(text, batches, persons):
    assert _found(text) == {"reception_batches": (*batches, 10), "reception_persons": (*persons, 10)}


def test_the_groups_abroad_the_vehicles_bought_and_the_first_statement_of_each():
    found = _found("因公出国（境）费支出3.5万元，全年使用财政拨款安排出国（境）团组2个、累计8人次。",
                   "公务用车购置及运行维护费支出10万元，其中：公务用车购置支出8万元，公务用车购置数1辆。",
                   "因公出国（境）团组5个，20人次。")  # a later statement: the first one's counts stand
    assert found == {"outbound_groups": (2, "个", 10), "outbound_persons": (8, "人次", 10),
                     "vehicle_purchases": (1, "辆", 11)}


def test_no_count_of_visitors_received_of_another_year_or_of_money():
    assert _found("共接待国外、境外来访团组3个，来访外宾20人次。",
                  "2023年国内公务接待30批次，300人次。",  # last year's, in a 2024 document
                  "公务接待费支出12万元，比上年减少3万元。",
                  "外事团组接待交流等执行公务所需住宿费、交通费。") == {}


def test_a_clause_of_money_or_of_another_part_ends_the_reception():
    """The count after a clause of another part's money (公务用车…3.00万元) or naming another spending (会议培训)
    is not a reception's."""
    assert _found("公务接待费支出2.00万元，共接待300人次，公务用车运行维护费3.00万元，保障全年公务出行约560次。") == {
        "reception_persons": (300, "人次", 10)}
    assert _found("公务接待费支出3.00万元，比上年减少1.00万元，主要是压减接待，全年会议培训参会120人。") == {}


def test_the_counts_beside_the_training_and_meeting_money_are_their_own():
    found = _found("（三）一般性支出情况：2026年本单位会议费预算3万元，拟召开会议2次，参会人数80人；培训费预算2万元，"
                   "拟开展职业能力提升的培训，人数11人，岗位技能培训等。", year=2026)
    assert found == {"meeting_count": (2, "次", 10), "meeting_persons": (80, "人", 10), "training_persons": (11, "人", 10)}
    # a 绩效目标表 read as prose: a target, no count
    assert _found("三级指标目标值会议费、差旅费超标准使用次数≤0次，培训超标人数≤0人。", year=2026) == {}


def test_a_target_table_run_together_as_prose_gives_no_count_however_long_its_sentence():
    # a 绩效目标表's cells joined into one paragraph after a 接待中心: '专家评审>=2次' is a target, no reception
    table = "项目支出绩效目标表单位名称项目名称" + "年度绩效目标一级指标二级指标三级指标" * 12
    assert _found(table + "来访接待中心运行经费产出指标数量指标专家评审>=2次40活动") == {}
