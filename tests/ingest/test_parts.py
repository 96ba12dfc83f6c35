"""A publication in parts: the 情况说明 and the 报表 of one budget as two files, the tables without a
cover. `govkg parse A B` and a folder batch join them into one record that lists both files, and
every value keeps its own file and line. Built from the bundled fictional sample."""

from __future__ import annotations

import json

import pytest

from govkg.cli import main
from ingest import parts
from ingest.parse import parse_paths
from ingest.reader import read_document


def split_sample(samples_dir) -> tuple[str, str]:
    """(narrative, tables) of the sample budget: the tables are its second part, without a cover."""
    lines = (samples_dir / "haizhou_data_2025_budget.txt").read_text(encoding="utf-8").split("\n")
    starts = [i for i, t in enumerate(lines) if t.startswith("第二部分")]
    tables_at = starts[-1]  # the first one is in the contents
    text_again = next(i for i, t in enumerate(lines) if i > tables_at and t.startswith("第三部分"))
    return "\n".join(lines[:tables_at] + lines[text_again:]), "\n".join(lines[tables_at + 1:text_again])


@pytest.fixture()
def folder(tmp_path, samples_dir):
    text, tables = split_sample(samples_dir)
    (tmp_path / "说明.txt").write_text(text, encoding="utf-8")
    (tmp_path / "报表.txt").write_text(tables, encoding="utf-8")
    return tmp_path


def test_parts_are_known_by_what_they_hold(folder, samples_dir):
    assert parts.kind_of(read_document(folder / "说明.txt")) == "text"
    assert parts.kind_of(read_document(folder / "报表.txt")) == "tables"
    assert parts.kind_of(read_document(samples_dir / "haizhou_data_2025_budget.txt")) == "whole"
    department, year, _kind = parts.identity(read_document(folder / "报表.txt"))
    assert (department, year) == ("海州市数据资源局", None)  # its 单位名称 label; no year printed


def test_a_folder_of_two_parts_gives_one_record_naming_both_files(folder):
    outcomes = list(parse_paths([folder]))
    assert len(outcomes) == 1 and outcomes[0].error is None
    record = outcomes[0].record
    assert [p.rsplit("/", 1)[-1] for p in record.parts] == ["说明.txt", "报表.txt"]
    assert record.duties and record.line_items and record.programs
    assert {d.source.file for d in record.duties} == {"说明.txt"}
    assert {i.source.file for i in record.line_items} == {"报表.txt"}
    tables = (folder / "报表.txt").read_text(encoding="utf-8").split("\n")
    first = record.line_items[0]
    assert first.code in tables[first.source.line - 1]  # the line is the tables file's own
    assert "合并" in record.warnings[0]


def test_parsing_processes_send_a_whole_documents_outcome_and_a_parts_lines(folder, samples_dir):
    """What a parsing process sends the joiner: a whole document's outcome, not its lines; a part's lines,
    unparsed (it is parsed with its partner)."""
    from ingest.parse import _read

    whole = samples_dir / "haizhou_data_2025_budget.txt"
    part, outcome = _read(whole)
    assert part is None and outcome.record.line_items
    for name, kind in (("说明.txt", "text"), ("报表.txt", "tables")):
        part, outcome = _read(folder / name)
        assert outcome is None and part[0].lines and part[1] == kind
    (folder / "whole.txt").write_text(whole.read_text(encoding="utf-8"), encoding="utf-8")
    outcomes = list(parse_paths([folder], workers=2))  # the parts joined, the whole one alone
    assert sorted(len(o.record.parts) for o in outcomes) == [0, 2]


def test_the_command_line_joins_the_files_it_is_given(folder, capsys):
    assert main(["parse", "--json", str(folder / "说明.txt"), str(folder / "报表.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert isinstance(record, dict) and len(record["parts"]) == 2


def test_parts_of_another_year_stay_apart(folder):
    tables = (folder / "报表.txt").read_text(encoding="utf-8")
    (folder / "报表.txt").write_text("2019年部门预算报表\n" + tables, encoding="utf-8")
    outcomes = list(parse_paths([folder]))
    assert len(outcomes) == 2 and not any(o.record and o.record.parts for o in outcomes)


def test_two_whole_documents_are_never_joined(tmp_path, samples_dir):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((samples_dir / "haizhou_data_2025_budget.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    outcomes = list(parse_paths([tmp_path]))
    assert len(outcomes) == 2 and all(o.record and not o.record.parts for o in outcomes)


def test_the_graph_of_a_joined_record_names_each_values_file(folder):
    from ingest.rdf import record_to_graph
    from ontology.namespace import GK

    record = next(iter(parse_paths([folder]))).record
    _iri, graph = record_to_graph(record)
    files = {str(o) for o in graph.objects(None, GK.sourceFile)}
    assert files == {"说明.txt", "报表.txt"}


def test_a_tables_part_alone_takes_its_department_and_year_from_its_titles_and_headers(tmp_path, samples_dir):
    _text, tables = split_sample(samples_dir)
    path = tmp_path / "报表.txt"
    path.write_text(tables.replace("收支总体情况表", "2025年收支总体情况表", 1), encoding="utf-8")
    outcome = next(iter(parse_paths([path])))
    record = outcome.record
    assert outcome.error is None and (record.department, record.fiscal_year) == ("海州市数据资源局", 2025)
    assert "没有封面" in record.warnings[0] and record.parts == []
    first = record.line_items[0]
    assert first.source.file == "报表.txt" and first.code in path.read_text(encoding="utf-8").split("\n")[first.source.line - 1]


def test_a_tables_part_that_prints_no_year_is_refused_alone(tmp_path, samples_dir):
    _text, tables = split_sample(samples_dir)
    path = tmp_path / "报表.txt"
    path.write_text(tables, encoding="utf-8")
    outcome = next(iter(parse_paths([path])))
    assert outcome.record is None and "年度" in str(outcome.error)


def test_a_table_of_figures_that_never_says_budget_is_not_made_one(tmp_path):
    rows = "\n".join(f"{k}\t样例指标{k}\t{k}0.00\t{k}1.00" for k in range(1, 9))
    path = tmp_path / "统计.txt"
    path.write_text(f"2025年样例统计表\n单位名称：东海市样例统计局\n{rows}\n", encoding="utf-8")
    outcome = next(iter(parse_paths([path])))
    assert outcome.record is None and outcome.error is not None


def test_pdf_parts_join_with_each_value_on_its_own_files_page(tmp_path, samples_dir):
    pdfium = pytest.importorskip("pypdfium2")
    whole = samples_dir / "pdf" / "sample_budget.pdf"
    source = pdfium.PdfDocument(whole)
    tables_pages = [3, 4]  # the sample's tables (pages 4 and 5); the narrative is before and after them
    for name, pages in (("说明.pdf", [p for p in range(len(source)) if p not in tables_pages]), ("报表.pdf", tables_pages)):
        part = pdfium.PdfDocument.new()
        part.import_pages(source, pages)
        part.save(tmp_path / name)
    outcomes = list(parse_paths([tmp_path]))
    assert len(outcomes) == 1 and outcomes[0].error is None
    joined, alone = outcomes[0].record, next(iter(parse_paths([whole]))).record
    assert len(joined.parts) == 2 and joined.department == alone.department
    assert sorted((i.code, tuple(i.values.items())) for i in joined.line_items) == \
        sorted((i.code, tuple(i.values.items())) for i in alone.line_items)
    assert {(i.source.file, i.source.page) for i in joined.line_items} <= {("报表.pdf", 1), ("报表.pdf", 2)}
    assert joined.totals == alone.totals
