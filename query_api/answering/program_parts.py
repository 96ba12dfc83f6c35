"""A part of a program that its description prints with an amount of its own (口岸管理业务40,000.70万元，主要包括：
口岸管养工作38,297.20万元，…): asked by the part's words, the program's whole amount is not the answer. The store
keeps the description without the line it was printed on, so the part's figure is quoted in the message, with
its program and document, and no number is answered in its place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph_store.base import Store, check_iri
from query_api import queries
from query_api.answering.rows import TIMEOUT
from query_api.lexicon import normalise

if TYPE_CHECKING:
    from query_api.nlu import Question

DESCRIPTIONS = "SELECT ?p ?text WHERE {{ VALUES ?p {{ {iris} }} ?p gk:description ?text }}"
# a part and its amount: the words since the last separator, then the figure in 万元
_PART = re.compile(r"([^，,；;：:。、（）()\s\d]{2,30}?)\s*(\d[\d,]*(?:\.\d+)?)\s*万元")


def printed_part(store: Store, q: Question, answers: list[dict]) -> str | None:
    """The clause of an answered program's description that prints the question's topic as a part of it with an
    amount (口岸管养工作38,297.20万元), as a sentence naming the program; None when none does, or when the part is
    the program itself (its own name before its own amount)."""
    topic = normalise(q.topic or "")
    programs = {a["uri"]: a for a in answers if a.get("uri") and a.get("type") == "program"}
    if len(topic) < 2 or not programs:
        return None
    iris = " ".join(f"<{check_iri(uri)}>" for uri in sorted(programs))
    for r in store.query(queries.sparql(DESCRIPTIONS, iris=iris), timeout=TIMEOUT):
        program = programs[str(r.p)]
        for part in _PART.finditer(normalise(str(r.text))):
            name = part.group(1)
            if _said_in(topic, name) and name not in normalise(program["label"]):
                where = f"（项目见{program['source']}）" if program.get("source") else ""
                return f"{program['label']}{where}的说明写明其中“{name}{part.group(2)}万元”"
    return None


def _said_in(topic: str, name: str) -> bool:
    """Whether `name` holds the topic's characters in order, its first two together (定点飞行检查: 定点机构飞行检查)."""
    rest = iter(name)
    return topic[:2] in name and all(char in rest for char in topic)
