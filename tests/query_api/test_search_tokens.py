"""A store's entries are cut into search words with a memo of jieba's blocks (`Lexicon.search_tokens` with
`blocks`, `search._memo`): the same words as each text cut whole, whatever texts came before."""

from __future__ import annotations

import random
from pathlib import Path

from graph_store.registry import open_store
from graph_store.shared import description_of
from ingest.parse import parse_parts, read_document
from ingest.rdf import record_to_described, record_to_graph
from query_api.ask import knowledge_for
from query_api.search import _memo
from query_api.search_entries import hits_of

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _texts_and_lexicon():
    store = open_store("memory")
    texts = []
    for name in ("haizhou_data_2025_budget.txt", "haizhou_data_2024_final_account.txt"):
        record = parse_parts([read_document(SAMPLES / name)])
        store.replace_graph(*record_to_graph(record))
        document, lines = record_to_described(record)
        texts += [t for hit in hits_of(description_of(document, lines)) for t in (hit.label, hit.text or "")]
    # mixed runs: Han, Latin, digits, punctuation and spaces, full-width forms, an empty text
    texts += ["", "  ", "12345热线（2024年）", "ＡＢＣ政务云-运维 v2.0；合计：1,234.5万元", "一般公共服务支出\n201 01",
              "Office/IT 服务费 & 其他%", "……", "政务热线外包服务项目政务热线外包服务项目"]
    return texts, knowledge_for(store).lexicon


def test_words_cut_block_by_block_are_the_words_of_the_whole_text():
    texts, lexicon = _texts_and_lexicon()
    assert len(set(texts)) > 100
    whole = [lexicon.search_tokens(t) for t in texts]
    assert sum(map(len, whole)) > 500
    blocks: dict = {}
    assert [lexicon.search_tokens(t, blocks) for t in texts] == whole
    assert len(blocks) < len(set(texts)) * 3  # the blocks recur across texts
    shuffled = list(range(len(texts)))
    random.Random(7).shuffle(shuffled)
    memo = _memo(lexicon)
    assert {i: memo(texts[i]) for i in shuffled} == dict(enumerate(whole))
    small = _memo(lexicon, most=20)  # cleared as it fills
    assert [small(t) for t in texts] == whole
