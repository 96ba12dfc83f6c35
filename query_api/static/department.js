// The department page's charts (ECharts, SVG renderer), fed by the aggregate API.
(function () {
  const AGGREGATE_URL = "/api/aggregate";  // the cube (issue 11): cut, drilldown, aggregate → cells
  const holder = document.getElementById("functional-chart");
  if (!holder || !window.echarts) return;
  const department = holder.dataset.department;
  const tables = JSON.parse(holder.dataset.tables || "[]");
  const docSelect = document.getElementById("chart-doc");
  const note = document.getElementById("chart-note");
  const charts = {};
  const factNames = JSON.parse(holder.dataset.factLabels || "{}");
  const PHASES = { budget: "预算", final_account: "决算" };

  function url(params, format) {
    const q = new URLSearchParams();
    params.forEach(([k, v]) => q.append(k, v));
    q.append("limit", "10000");
    if (format) q.append("format", format);
    return AGGREGATE_URL + "?" + q.toString();
  }
  async function aggregate(params) {
    const reply = await fetch(url(params));
    if (!reply.ok) throw new Error((await reply.json()).error.message);
    return reply.json();
  }
  // A document's printed line items (one fetch per document), for each figure's link to its line and for
  // the levels the cube cannot answer in time.
  const printedCache = new Map();
  function printedRows(doc) {
    if (!printedCache.has(doc)) printedCache.set(doc, fetch("/api/observations?" + new URLSearchParams({ document: doc, kind: "line_item" }))
      .then(r => r.json()).then(j => j.rows));
    return printedCache.get(doc);
  }
  function chart(id) {
    const el = document.getElementById(id);
    if (!charts[id]) charts[id] = echarts.init(el, null, { renderer: "svg" });
    return charts[id];
  }
  function empty(id, text) {
    const c = chart(id);
    c.clear();
    c.setOption({ title: { text: text, left: "center", top: "middle", textStyle: { fontSize: 14, color: "#57606a" } } });
  }
  function signed(x) {
    const r = Math.round(x * 10000) / 10000;  // the difference of two printed figures, without float noise
    return (r > 0 ? "+" : r < 0 ? "−" : "±") + Math.abs(r);
  }
  // Where a figure was printed for both 汇总 and 本级, the 汇总 one; the others as they come.
  function preferConsolidated(cells, keyOf) {
    const best = new Map();
    cells.forEach(c => {
      const k = keyOf(c), old = best.get(k);
      if (!old || (old.scope !== "consolidated" && c.scope === "consolidated")) best.set(k, c);
    });
    return Array.from(best.values());
  }

  async function functional(doc) {
    const pick = tables.find(t => t.doc === doc && t.scheme === "functional");
    const label = document.getElementById("functional-table");
    if (!pick) { label.textContent = ""; empty("functional-chart", "该文件没有按功能分类的支出表"); return; }
    label.textContent = "（" + pick.table + " · " + pick.column + "）";
    const params = [["cut", "document:" + doc], ["cut", "scheme:functional"], ["cut", "table:" + pick.table],
      ["cut", "column:" + pick.column], ["drilldown", "code.class"], ["drilldown", "code.section"], ["drilldown", "code.item"]];
    document.getElementById("functional-csv").href = url(params, "csv");
    // The table's printed rows, for each node's link to its line (and a level should the cube not answer).
    const rows = await printedRows(doc);
    const printed = new Map(rows.filter(r => r.table === pick.table && r.column === pick.column).map(r => [r.code, r]));
    // 类, 款 and 项 from the cube, one level at a time (a 类 cell is the printed 类 row, never its parts re-added).
    // A level the cube cannot answer (and those below it) is read from the table's printed rows, and said so.
    const levels = ["code.class", "code.section", "code.item"];
    const fromRows = width => Array.from(printed.values()).filter(r => r.code.length === width).map(r =>
      ({ "code.class": r.code.slice(0, 3), "code.section": r.code.slice(0, 5), "code.item": r.code, value: Number(r.value) }));
    const replies = [];
    for (let i = 0; i < levels.length; i++) {
      const failed = replies.some(r => r.status !== "fulfilled");
      replies.push(failed ? { status: "skipped" } : await aggregate(params.slice(0, 4).concat(levels.slice(0, i + 1).map(l => ["drilldown", l])))
        .then(value => ({ status: "fulfilled", value: value }), () => ({ status: "rejected" })));
    }
    const missing = [];
    const root = [], index = new Map();
    replies.forEach((reply, depth) => {
      let cells = reply.status === "fulfilled" ? reply.value.cells : null;
      if (!cells) { missing.push("类款项"[depth]); cells = fromRows([3, 5, 7][depth]); }
      cells.forEach(cell => {
        const code = cell[levels[depth]];
        // the nearest level above that was drawn (a table may print a 项 without its 款)
        const parent = levels.slice(0, depth).reverse().map(l => index.get(cell[l])).find(Boolean) || null;
        if (index.has(code) || (depth && !parent)) return;  // a level that repeats its parent's code
        const row = printed.get(code);
        const node = { name: code + " " + ((row && row.code_label) || cell[levels[depth] + "_label"] || ""), code: code,
          value: cell.value, source: row ? row.observation : null };
        index.set(code, node);
        if (parent) (parent.children = parent.children || []).push(node); else root.push(node);
      });
    });
    if (missing.length) note.textContent = "汇总接口未能及时算出" + missing.join("、") + "级的数字，这些层级取自表中印出的行。";
    let leaves = 0;
    index.forEach(node => { if (!node.children) leaves += 1; });
    holder.dataset.leaves = String(leaves);
    const c = chart("functional-chart");
    c.clear();
    c.setOption({
      tooltip: { renderMode: "richText", formatter: p => p.name + "：" + p.value + " 万元" + (p.data && p.data.source ? "（点击查看来源）" : "") },
      series: [{ type: "treemap", name: "全部", data: root, roam: false, width: "100%", height: "88%", nodeClick: "zoomToNode",
        top: 0, label: { formatter: "{b}\n{c}" }, upperLabel: { show: true, height: 22 },
        breadcrumb: { show: true, bottom: 0 },
        levels: [{ itemStyle: { borderWidth: 2, gapWidth: 2, borderColor: "#fff" } }, { itemStyle: { gapWidth: 1 } }] }],
    });
    c.off("click");
    c.on("click", p => { if (p.data && p.data.source && !p.data.children) location.href = entityPath(p.data.source); });
  }

  // A bar of one printed figure links to its line: cells[series][index] is the cell drawn there.
  function linkBars(c, cells) {
    c.off("click");
    c.on("click", p => { const cell = (cells[p.seriesIndex] || [])[p.dataIndex]; if (cell && cell.source) location.href = entityPath(cell.source); });
  }

  function entityPath(iri) { try { return new URL(iri).pathname; } catch (e) { return iri; } }

  async function economic(doc) {
    const picks = tables.filter(t => t.doc === doc && t.scheme === "economic");
    document.getElementById("economic-table").textContent = picks.length ? "（" + picks.map(p => p.table).join("；") + "）" : "";
    if (!picks.length) { empty("economic-chart", "该文件没有按经济分类的表"); return; }
    const rows = await printedRows(doc);
    const replies = await Promise.all(picks.map(p => aggregate([["cut", "document:" + doc], ["cut", "scheme:economic"],
      ["cut", "table:" + p.table], ["cut", "column:" + p.column], ["drilldown", "code.class"]]).catch(() => {
      note.textContent = "汇总接口未能及时算出经济分类的数字，图中取自表中印出的类级行。";
      return { cells: rows.filter(r => r.table === p.table && r.column === p.column && r.code.length === 3)
        .map(r => ({ "code.class": r.code, "code.class_label": r.code_label, value: Number(r.value), source: r.observation })) };
    })));
    const classes = new Map();
    replies.forEach(r => r.cells.forEach(c => classes.set(c["code.class"], c["code.class_label"])));
    const codes = Array.from(classes.keys()).sort();
    const drawn = replies.map((r, i) => codes.map(code => {
      const cell = r.cells.find(x => x["code.class"] === code);
      const row = rows.find(x => x.table === picks[i].table && x.column === picks[i].column && x.code === code);
      return cell ? Object.assign({ source: row && row.observation }, cell) : null;
    }));
    linkBars(chart("economic-chart"), drawn);
    chart("economic-chart").setOption({
      tooltip: { trigger: "axis", renderMode: "richText" }, legend: { top: 0, type: "scroll" }, grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
      xAxis: { type: "value", name: "万元" }, yAxis: { type: "category", data: codes.map(c => c + " " + classes.get(c)) },
      series: replies.map((r, i) => ({ type: "bar", stack: "all", name: picks[i].table,
        data: drawn[i].map(c => c ? c.value : 0) })),
    }, true);
  }

  // Both the largest and the smallest printing of each figure: where a document prints it twice differently, say so.
  // The department's facts as printed, to link each bar to its line: the row of the same key, year, scope and value.
  let factRows = null;
  async function withSources(cells) {
    if (!factRows) factRows = fetch("/api/observations?" + new URLSearchParams({ department: department, kind: "fact" })).then(r => r.json()).then(j => j.rows);
    const rows = await factRows;
    return cells.map(c => {
      const row = rows.find(r => r.fact_key === (c.fact || c.key) && r.year === c.year && (!c.scope || r.scope === c.scope) && Number(r.value) === c.value);
      return Object.assign({ source: row ? row.observation : null }, c);
    });
  }
  async function facts(keys, drill) {
    const params = [["cut", "department:" + department], ["cut", "fact:" + keys.join("|")]].concat(drill.map(d => ["drilldown", d]));
    const [most, least] = await Promise.all([aggregate(params.concat([["aggregate", "max"]])), aggregate(params.concat([["aggregate", "min"]]))]);
    const odd = most.cells.filter((c, i) => least.cells[i] && least.cells[i].value !== c.value);
    return { cells: await withSources(most.cells.map(c => Object.assign({ fact: keys.length === 1 ? keys[0] : c.fact }, c))), odd: odd };
  }

  async function totals() {
    const { cells, odd } = await facts(["expenditure_total"], ["year", "phase", "scope"]);
    const picked = preferConsolidated(cells, c => c.year + c.phase);
    const years = Array.from(new Set(picked.map(c => c.year))).sort();
    if (!years.length) { empty("totals-chart", "没有支出合计数据"); return; }
    const cell = (y, ph) => picked.find(x => x.year === y && x.phase === ph) || null;
    const value = (y, ph) => { const c = cell(y, ph); return c ? c.value : null; };
    const lines = [];
    years.forEach((y, i) => {
      const b = value(y, "budget"), f = value(y, "final_account");
      if (b !== null && f !== null) lines.push(y + "年决算较预算 " + signed(f - b) + " 万元");
      const prev = i > 0 ? value(years[i - 1], "budget") : null;
      if (b !== null && prev !== null) lines.push(y + "年预算较" + years[i - 1] + "年 " + signed(b - prev) + " 万元");
    });
    if (odd.length) lines.push("注意：同一文件两处印出的支出合计不一致，图中取较大者。");
    note.textContent = lines.join("；");
    linkBars(chart("totals-chart"), ["budget", "final_account"].map(ph => years.map(y => cell(y, ph))));
    chart("totals-chart").setOption({
      tooltip: { trigger: "axis", renderMode: "richText" }, legend: { top: 0 }, grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
      xAxis: { type: "category", data: years.map(String) }, yAxis: { type: "value", name: "万元" },
      series: ["budget", "final_account"].map(ph => ({ type: "bar", name: PHASES[ph],
        label: { show: true, position: "top", formatter: p => {
          const y = years[p.dataIndex], b = value(y, "budget");
          return ph === "final_account" && b !== null && p.value !== null ? p.value + "（" + signed(p.value - b) + "）" : p.value;
        } }, data: years.map(y => value(y, ph)) })),
    }, true);
  }

  async function threePublic() {
    const keys = ["three_public_budget", "three_public_actual", "administrative_operating_cost"];
    const { cells } = await facts(keys, ["year", "fact", "scope"]);
    const picked = preferConsolidated(cells, c => c.year + c.fact);
    const years = Array.from(new Set(picked.map(c => c.year))).sort();
    if (!years.length) { empty("three-public-chart", "没有“三公”经费或机关运行经费数据"); return; }
    const names = new Map(picked.map(c => [c.fact, c.fact_label || factNames[c.fact] || c.fact]));
    const shown = keys.filter(k => names.has(k));
    const drawn = shown.map(k => years.map(y => picked.find(x => x.year === y && x.fact === k) || null));
    linkBars(chart("three-public-chart"), drawn);
    chart("three-public-chart").setOption({
      tooltip: { trigger: "axis", renderMode: "richText" }, legend: { top: 0, type: "scroll" }, grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
      xAxis: { type: "category", data: years.map(String) }, yAxis: { type: "value", name: "万元" },
      series: shown.map((k, i) => ({ type: "bar", name: names.get(k), label: { show: true, position: "top" },
        data: drawn[i].map(c => c ? c.value : null) })),
    }, true);
  }

  function show(doc) {
    Promise.all([functional(doc), economic(doc)]).catch(e => { note.textContent = "图表加载失败：" + e.message; });
  }
  docSelect.addEventListener("change", () => show(docSelect.value));
  show(docSelect.value);
  Promise.all([totals(), threePublic()]).catch(e => { note.textContent = "图表加载失败：" + e.message; });
  window.addEventListener("resize", () => Object.values(charts).forEach(c => c.resize()));
})();
