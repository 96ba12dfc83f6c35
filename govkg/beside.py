"""What `govkg ingest`'s writing process makes in a thread while its parsing processes parse."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future


class Beside:
    """What the writing process needs later, made in a thread beside the parsing, started once the parsing
    processes are forked (a thread running at the fork would leave its locks held in them): the ontology graph
    (`read`: ingest.rdf.ontology_document, a few ms) for the first write, then with `dictionary` jieba's for the prepare after
    the writes (`load_dictionary`) and the modules the prepare imports. Not at the first record: the slowest files are parsed first, so the first
    record in file order can come late."""

    def __init__(self, read: Callable[[], object], dictionary: bool) -> None:
        self.read, self.dictionary = read, dictionary
        self.graph: Future = Future()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="beside", daemon=True)
            self.thread.start()

    def ontology(self) -> object:
        self.start()
        return self.graph.result()

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
        if self.dictionary:  # the command is over: a lexicon made later in this process copies jieba's as before
            from query_api.lexicon import base_from_file

            base_from_file(False)

    def _run(self) -> None:
        try:
            self.graph.set_result(self.read())
        except BaseException as exc:  # noqa: BLE001 - raised where the graph is asked for
            self.graph.set_exception(exc)
        if self.dictionary:
            load_dictionary()
            from query_api.prepare import import_prepare

            import_prepare()  # beside the writes (a bulk load leaves the interpreter to this thread)


def load_dictionary() -> None:
    """jieba's dictionary, which preparing the lexicon after the writes needs, saved in the cache (once per
    cache) beside the parsing, and a copy left for the next new cache on this machine: the lexicon then reads
    it from that file (lexicon.base_from_file). Loaded (~0.7 s of CPU) and written (~0.5 s) only where this
    machine keeps no copy: 1.2 s of CPU at every ingest into a new cache before."""
    from query_api import knowledge_cache
    from query_api.lexicon import base_dictionary, base_from_file

    base_from_file()  # this process makes one lexicon
    if knowledge_cache.jieba_base_file() is None:
        base, total = base_dictionary()
        name = knowledge_cache.save_base(base, total=total)
        if name is not None:
            knowledge_cache.leave_machine_copy(name)
