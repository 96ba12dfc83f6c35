"""The parsers' fast scans find exactly what the plain scans they replace find: each is run beside the
plain one on text made of the fragments the patterns read (words, amounts, stops), in a fixed random
order, so a difference shows as a failing example, never by chance."""

from __future__ import annotations

import random

from ingest import gd_facts

SPLIT_FRAGMENTS = ["支出", "预算", "决算", "合计", "总额", "数", "为", "共", "1,234.56", "80", "万元", "元", "万", "。", "；",
                   "，", "、", "：", "其中", "基本支出", "项目支出", "财政拨款", "本部门", "2026年", "收入", "人员"]


def _texts(sentences: list[str], fragments: list[str], count: int, seed: int) -> list[str]:
    """Sentences the pattern reads, among fragments, each piece sometimes cut, doubled or split by a fragment."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        pieces = [rng.choice(sentences) if rng.random() < 0.3 else rng.choice(fragments) for _ in range(rng.randint(1, 30))]
        for i, piece in enumerate(pieces):
            at = rng.randrange(len(piece) + 1)
            pieces[i] = rng.choice([piece, piece[:at], piece[at:], piece[:at] + rng.choice(fragments) + piece[at:], piece * 2])
        out.append("".join(pieces))
    return out


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


SPLITS = ["部门支出预算合计100万元，其中：基本支出60万元，项目支出40万元", "预算支出为1,234.56万元。其中基本支出1,000万元、项目支出234.56万元",
          "本年支出决算总额80万元，其中：基本支出预算数为50万元；项目支出合计30万元", "决算支出共9元其中基本支出5万元项目支出4万元",
          "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一预算支出100万元其中基本支出60万元项目支出40万元"]


def test_spending_split_scan_finds_what_the_plain_scan_finds():
    found = 0
    for text in _texts(SPLITS, SPLIT_FRAGMENTS, 3000, seed=10):
        plain = _spans(gd_facts._SPLIT.finditer(text))
        assert _spans(gd_facts._splits(text)) == plain, text
        found += len(plain)
    assert found > 50  # the fragments do make matches, so the comparison is not of empty lists


def test_spending_split_keeps_the_sentence_before_its_total():
    text = "本部门2026年财政拨款收入80万元。部门支出预算合计100万元，其中：基本支出60万元，项目支出40万元。"
    (m,) = gd_facts._splits(text)
    assert m.group("head") == "部门" and m.group(3, 4) == ("60", "40")
