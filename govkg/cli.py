"""`govkg` — parse, ingest, remove, ask, serve, export, stats.

Each subcommand lives in a small module with `register(subparsers)`; this file only assembles them.
Exit status: 0 success, 1 some input failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys

from govkg import ask_command, parse_command, serve_command, store_commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govkg", description="政府预算决算知识图谱 — Chinese budget disclosures as a knowledge graph")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (parse_command, store_commands, ask_command, serve_command):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`govkg stats | head`): not an error of ours. Point stdout at devnull so the
        # interpreter's final flush does not raise again (the recipe of Python's signal module docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
