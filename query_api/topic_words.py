"""The topic of a question: its words that are no name, slot or question word (`topic_of`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from query_api.answer_type import KIND_NOUNS
from query_api.lexicon import ORG_KINDS, Lexicon
from query_api.slots import YEAR

if TYPE_CHECKING:
    from query_api.mentions import Mention

# Words that carry no topic (question words, verbs of relation, generic nouns).
STOPWORDS = set("""
哪些 哪个 哪家 什么 多少 几个 是 的 了 吗 呢 有 有哪些 都 和 与 及 或 在 对 中 其 所 该 各 个 请问 请 列出 告诉 我 一下
涉及 有关 相关 关于 包括 包含 含有 涉 相关的 项目 项 项目有 经费 部门 单位 机构 负责 承担 主管 管理 工作 职责 主要 职能
哪 些 谁 由 为 用于 用 来 做 目标 目标值 预算 决算 金额 资金 年 年度 数 是否 情况 方面 上 下 及其 等 哪里 归 所属
跟 同 向 把 被 让 给 从 按 查 查询 查找 搜索 找 看看 显示 相关联 挂钩 关联 联系 事项 事务 方面的 这个 那个 一些 哪几个 什么样
关系 有关系 名称 名字 里 中 叫 带 含 带有 含有 都 呢 啊 吧 管 吗 所有 全部 类 列举 统计 有没有 是否有
花 花了 钱 花费 开支 开销 安排 一共 总共 共 合计 总计 加起来 分别
万元 元 亿元 千元 万
科室 股室 处室 内设机构 科 股 处 室 进行
今年 本年 本年度 当年 明年 去年 上年 本级 汇总 即可 可以 只 实施 执行 开展
一年 每年 全年 一年里 那边 这边 那里 这里 那块 这块 有个 有一个 一个
身上 要 需要 得 打算 准备 计划 要花 得花 要用 需花
清单 列表 名单 一览
""".split())

# The section asked for, by answer_type's own noun, so 哪些科技项目 keeps its 科 (科技, 处理 are no sections)
_SECTION_ASKED = re.compile(rf"哪(?:个|些|几个)?(?:{dict(KIND_NOUNS)['internal_unit']})")


def topic_of(text: str, mentions: list[Mention], lexicon: Lexicon) -> str | None:
    """The question's words that are not question words, slots or named entities (None if none)."""
    rest = text
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.kinds & set(ORG_KINDS):
            rest = rest[:mention.start] + " " + rest[mention.end:]
    rest = YEAR.sub(" ", rest)
    rest = re.sub(r"(?<=[上要得])(?=花|用了|投入|开支)", "，", rest)  # 在安保上花, 出国要花: jieba glues 上花 into one word (a space is normalised away)
    # 哪个科管防汛: the section asked for is no topic, and jieba glues its noun onto the verb (科管)
    rest = _SECTION_ASKED.sub(" ", rest)
    # the asking words at the end go first: jieba glues 有 of 有多少 onto the word before (存量款有)
    rest = re.sub(r"(?:有|是|为|共|总共|一共|合计)?(?:多少(?:钱|万元|亿元|千元|元)?|几个|哪些|什么)\W*$", " ", rest)  # 是多少万元: the unit is no topic
    # 那两个原水管道工程: how many is said (and the demonstrative pointing at them), not a topic
    rest = re.sub(r"[那这]?(?<!第)[两一二三四五六七八九十\d]+(?:个|项(?!目)|笔|条|类(?=项目|工程|专项))", " ", rest)  # (96196项目: no count)
    numbers = set(_NAMING_NUMBER.findall(rest))
    words = [_strip_stopwords(t) for t in lexicon.tokens(rest)]
    # stripped again once joined: jieba may cut a stopword (加起来 → 加 / 起来) into parts that are none
    return _strip_stopwords("".join(w for w in words if w and (w in numbers or not re.fullmatch(r"[\d.]+", w)))) or None


# A number that names a thing (a hotline's 12345, 96196): three digits or more, no amount, count or share
# (超过2000万, 大于2000, 前3个, 80%) — a topic word like any other; other numbers are the question's slots.
_NAMING_NUMBER = re.compile(r"(?<![\d.超过于到足达比至≥≤><=])(\d{3,})(?![\d.]|\s*(?:万|元|亿|千|百|%|％|年|个|项(?!目)|笔|天|人|次|家|倍|以上|以下))")


def _strip_stopwords(token: str) -> str:
    """`token` without stopwords at either end ("哪些项目" → "")."""
    changed = True
    while token and changed:
        changed = False
        for word in STOPWORDS:
            if token == word:
                return ""
            if len(word) > 1 and token.startswith(word):
                token, changed = token[len(word):], True
            elif len(word) > 1 and token.endswith(word):
                token, changed = token[:-len(word)], True
    return token
