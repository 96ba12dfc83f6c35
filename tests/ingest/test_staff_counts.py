"""The staff the narrative counts (核定编制25人，实有人员30人，其中在职22人、离退休8人): a fact of each kind in 人 with its
sentence and line, the first of each; a count of one kind of post (行政编制10名) is no count of the whole."""

from __future__ import annotations

from ingest.prose import Paragraph
from ingest.staff_counts import staff_counts


def _found(*texts: str) -> dict[str, tuple]:
    return {f.key: (f.value, f.unit, f.source.line) for f in staff_counts([Paragraph(t, 10 + i) for i, t in enumerate(texts)])}


def test_each_count_of_the_sentence_is_read_in_people_with_its_line():
    found = _found("二、机构人员情况", "本部门核定编制25人，实有人员30人，其中在职22人、离退休8人。")
    assert found == {"staff_authorized": (25, "人", 11), "staff_actual": (30, "人", 11),
                     "staff_active": (22, "人", 11), "staff_retired": (8, "人", 11)}


def test_a_count_in_chinese_numerals_and_the_first_of_a_kind():
    found = _found("编制总数为二十人。", "编制数30人。")
    assert found == {"staff_authorized": (20, "人", 10)}


def test_one_kind_of_post_and_money_are_no_count_of_the_staff():
    assert _found("行政编制10名、事业编制15名，在职行政人员6人。", "在职人员经费3,098.93万元，离退休人员经费12.5万元。") == {}
