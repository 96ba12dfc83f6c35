"""jieba and spaCy imported without the parts govkg never runs, for the commands that must start fast
(`govkg ask` from a cold process, `govkg serve`); 0.3 s of CPU of the ~0.7 s the two cost.

- spaCy's package imports its command line (`spacy.cli`: typer, weasel, httpx, rich, …) only to offer
  `spacy.info`; it is stood in for by an empty module while spaCy loads, then the stand-in is taken away,
  so a later `import spacy.cli` loads the real one.
- jieba imports setuptools' pkg_resources (~0.1 s) only to find its dictionary file, and reads the file
  from its own folder when pkg_resources is missing; it is hidden while jieba loads, then shown again.

Both are the libraries' own code paths; nothing of theirs is changed. Importing them normally afterwards
(tests do) finds the modules already loaded.
"""

from __future__ import annotations

import importlib
import sys
import types
from contextlib import contextmanager


@contextmanager
def _stood_in(names: dict[str, types.ModuleType | None]):
    """`sys.modules[name]` is `module` for the names not yet imported, while the block runs."""
    replaced = [name for name in names if name not in sys.modules]
    for name in replaced:
        sys.modules[name] = names[name]
    try:
        yield
    finally:
        for name in replaced:
            if sys.modules.get(name) is names[name]:
                del sys.modules[name]


def load(spacy: bool = True) -> None:
    """Import jieba and, with `spacy`, spaCy (each once per process), leaving out what only their command lines
    use (`govkg ingest` needs jieba alone)."""
    if "jieba" not in sys.modules:
        with _stood_in({"pkg_resources": None}):  # None: `import pkg_resources` raises ImportError
            import jieba  # noqa: F401
    if spacy and "spacy" not in sys.modules:
        cli = types.ModuleType("spacy.cli")
        cli.__path__ = []  # a package with no submodules
        info = types.ModuleType("spacy.cli.info")
        # spacy/__init__ imports the name; called (govkg never does), it runs the real one
        info.info = lambda *args, **kwargs: importlib.import_module("spacy.cli.info").info(*args, **kwargs)
        with _stood_in({"spacy.cli": cli, "spacy.cli.info": info}):
            import spacy
        if getattr(spacy, "cli", None) is cli:
            del spacy.cli  # `spacy.cli` then loads the real command line if anyone asks for it
