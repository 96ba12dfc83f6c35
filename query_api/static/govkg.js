// The home page: ask a question or search keywords through the JSON API. Every question and search is
// in the address bar (/?q=…&mode=…&type=…&offset=…), so links can be shared and the back button works.
// Text from the graph only ever goes into the page as textContent.
(function () {
  const form = document.getElementById("ask-form");
  const input = document.getElementById("q");
  const out = document.getElementById("result");
  const FACETS = { type: "类型", department: "部门", year: "年度", document: "文件" };
  const PAGE = 20;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function link(text, href, cls) { const a = el("a", cls, text); a.href = href; return a; }
  function entityPath(iri) { try { return new URL(iri).pathname; } catch (e) { return "#"; } }

  function card(label, value, unit, text, source, uri) {
    const box = el("div", "answer");
    if (value !== null && value !== undefined) box.appendChild(el("span", "value", value + (unit ? " " + unit : "")));
    const head = el("div", "label");
    head.appendChild(uri ? link(label, entityPath(uri)) : document.createTextNode(label));
    box.appendChild(head);
    if (text && text !== label) box.appendChild(el("div", "text", text));
    if (source) {
      const s = el("div", "source", "来源：");
      s.appendChild(uri ? link(source, entityPath(uri)) : document.createTextNode(source));
      box.appendChild(s);
    }
    return box;
  }

  function csvOf(rows, columns) {
    const cell = v => { const s = v === null || v === undefined ? "" : String(v); return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
    return "\ufeff" + [columns.map(c => c[1])].concat(rows.map(r => columns.map(c => r[c[0]]))).map(r => r.map(cell).join(",")).join("\r\n") + "\r\n";
  }
  function answerTable(answers) {
    const columns = [["label", "名称"], ["value", "数值"], ["unit", "单位"], ["text", "说明"], ["source", "来源"]];
    const wrap = el("div");
    const tools = el("div", "table-tools");
    const dl = link("下载 CSV", URL.createObjectURL(new Blob([csvOf(answers, columns)], { type: "text/csv" })), "csv");
    dl.download = "answers.csv"; dl.id = "answers-csv";
    tools.appendChild(dl); wrap.appendChild(tools);
    const scroll = el("div", "scroll"), table = el("table", "answers");
    const tr = el("tr"); columns.forEach(c => tr.appendChild(el("th", null, c[1])));
    const thead = el("thead"); thead.appendChild(tr); table.appendChild(thead);
    const body = el("tbody");
    answers.forEach(a => {
      const row = el("tr");
      const name = el("td"); name.appendChild(a.uri ? link(a.label, entityPath(a.uri)) : document.createTextNode(a.label)); row.appendChild(name);
      const v = el("td", "num", a.value); row.appendChild(v);
      ["unit", "text"].forEach(k => row.appendChild(el("td", null, a[k])));
      const src = el("td"); if (a.source) src.appendChild(a.uri ? link(a.source, entityPath(a.uri)) : document.createTextNode(a.source));
      row.appendChild(src);
      body.appendChild(row);
    });
    table.appendChild(body); scroll.appendChild(table); wrap.appendChild(scroll);
    return wrap;
  }
  // A ranking, breakdown or change: two or more figures in one unit, drawn as bars (signed, as printed).
  function answerChart(answers) {
    const figures = answers.filter(a => typeof a.value === "number");
    const units = new Set(figures.map(a => a.unit));
    if (figures.length < 2 || units.size !== 1 || !window.echarts) return null;
    const box = el("div", "chart"); box.id = "answer-chart";
    box.style.height = Math.max(220, 36 * figures.length + 60) + "px";
    requestAnimationFrame(() => {
      const c = echarts.init(box, null, { renderer: "svg" });
      window.addEventListener("resize", () => c.resize());
      const rows = figures.slice().reverse();
      c.setOption({ grid: { left: 8, right: 60, top: 10, bottom: 10, containLabel: true }, tooltip: { renderMode: "richText" },
        xAxis: { type: "value", name: figures[0].unit || "" },
        yAxis: { type: "category", data: rows.map(a => a.label.length > 18 ? a.label.slice(0, 17) + "…" : a.label) },
        series: [{ type: "bar", data: rows.map(a => a.value), label: { show: true, position: "right" } }] });
      c.on("click", p => { const a = rows[p.dataIndex]; if (a.uri) location.href = entityPath(a.uri); });
    });
    return box;
  }

  // Two figures compared (比上年增加了多少, 两个部门比较): a bar each, and the signed difference b − a drawn as
  // a dashed line at a's height, labelled, so the gap between the line and b's bar is the difference.
  function comparisonChart(cmp) {
    if (!window.echarts) return null;
    const box = el("div", "chart"); box.id = "comparison-chart";
    box.dataset.difference = String(cmp.difference);
    const r = Math.round(cmp.difference * 10000) / 10000;  // as printed, without float noise
    const signed = (r > 0 ? "+" : r < 0 ? "−" : "±") + Math.abs(r) + " " + (cmp.unit || "");
    // long labels wrap to the width there is, recomputed when the window changes (390 px phones too)
    const option = width => ({ title: { text: "差额 " + signed, subtext: cmp.label, left: "center", textStyle: { fontSize: 15 },
        subtextStyle: { width: width - 40, overflow: "break" } },
      grid: { left: 8, right: 72, top: width < 600 ? 100 : 76, bottom: 10, containLabel: true }, tooltip: { renderMode: "richText" },
      xAxis: { type: "category", data: [cmp.a.label, cmp.b.label], axisLabel: { width: width / 2 - 50, overflow: "break", interval: 0 } },
      yAxis: { type: "value", name: cmp.unit || "" },
      series: [{ type: "bar", barMaxWidth: 80, data: [cmp.a.value, cmp.b.value], label: { show: true, position: "top" },
        markLine: { symbol: "none", lineStyle: { type: "dashed" }, data: [{ yAxis: cmp.a.value }],
          label: { formatter: signed, position: "end" } } }] });
    requestAnimationFrame(() => {
      const c = echarts.init(box, null, { renderer: "svg" });
      c.setOption(option(box.clientWidth));
      window.addEventListener("resize", () => { c.resize(); c.setOption(option(box.clientWidth)); });
    });
    return box;
  }

  function showAnswer(reply) {
    out.appendChild(el("p", "message", reply.message));
    if (reply.entities && reply.entities.length) {
      const p = el("p", "entities", "识别出：");
      reply.entities.forEach(e => {
        const tag = el("span", "tag");
        const uri = (e.uris || [])[0];
        tag.appendChild(uri ? link(e.label, entityPath(uri)) : document.createTextNode(e.label));
        p.appendChild(tag);
      });
      out.appendChild(p);
    }
    const answers = reply.answers || [];
    const chart = reply.comparison ? comparisonChart(reply.comparison) : answerChart(answers);
    if (chart) out.appendChild(chart);
    // a list is a table (each row linking to its entity and source); a single answer is a card
    if (answers.length > 1) out.appendChild(answerTable(answers));
    else answers.forEach(a => out.appendChild(card(a.label, a.value, a.unit, a.text, a.source, a.uri)));
    if (reply.sparql) {
      const d = el("details"); d.appendChild(el("summary", null, "使用的 SPARQL（" + reply.intent + "）"));
      d.appendChild(el("pre", null, reply.sparql)); out.appendChild(d);
    }
  }

  function showSearch(reply, state) {
    const layout = el("div", "layout"), side = el("aside", "facets"), list = el("div", "hits");
    Object.entries(FACETS).forEach(([name, title]) => {
      const values = reply.facets[name] || [];
      if (!values.length) return;
      side.appendChild(el("h3", null, title));
      values.slice(0, 12).forEach(v => {
        const label = el("label"), box = el("input");
        box.type = "checkbox"; box.name = name; box.value = v.value; box.checked = state[name] === v.value;
        box.addEventListener("change", () => go(Object.assign({}, state, { [name]: box.checked ? v.value : "", offset: 0 })));
        label.appendChild(box); label.appendChild(document.createTextNode(" " + v.label + " (" + v.count + ")"));
        side.appendChild(label);
      });
    });
    const from = reply.total ? reply.offset + 1 : 0, to = reply.offset + reply.results.length;
    // the query's common words rank the results and find none (the API's `common`): say so beside the count
    const common = (reply.common || []).length ? "（常见词 " + reply.common.join("、") + " 只用于排序）" : "";
    list.appendChild(el("p", "message", "找到 " + reply.total + " 个结果" + (reply.total ? "，第 " + from + "–" + to + " 个" : "") + common));
    reply.results.forEach(r => {
      const where = [r.department_label, r.year ? r.year + "年" : null].filter(Boolean).join(" · ");
      list.appendChild(card("[" + r.type_label + "] " + r.label, r.value, r.unit, [where, r.snippet].filter(Boolean).join("\n"), r.source, r.uri));
    });
    const pager = el("div", "pager");
    if (reply.offset > 0) { const b = el("button", "secondary", "上一页"); b.id = "prev"; b.addEventListener("click", () => go(Object.assign({}, state, { offset: Math.max(0, reply.offset - PAGE) }))); pager.appendChild(b); }
    if (to < reply.total) { const b = el("button", "secondary", "下一页"); b.id = "next"; b.addEventListener("click", () => go(Object.assign({}, state, { offset: reply.offset + PAGE }))); pager.appendChild(b); }
    list.appendChild(pager);
    layout.appendChild(side); layout.appendChild(list); out.appendChild(layout);
  }

  function stateFromUrl() {
    const p = new URLSearchParams(location.search);
    const state = { q: p.get("q") || "", mode: p.get("mode") === "search" ? "search" : "ask", offset: parseInt(p.get("offset") || "0", 10) || 0 };
    Object.keys(FACETS).forEach(k => { state[k] = p.get(k) || ""; });
    return state;
  }
  function urlOf(state) {
    const p = new URLSearchParams({ q: state.q });
    if (state.mode === "search") {
      p.set("mode", "search");
      Object.keys(FACETS).forEach(k => { if (state[k]) p.set(k, state[k]); });
      if (state.offset) p.set("offset", state.offset);
    }
    return "/?" + p.toString();
  }

  async function run(state) {
    input.value = state.q;
    document.title = state.q + " · govkg";
    out.textContent = "…";
    const api = state.mode === "ask" ? "/api/ask?q=" + encodeURIComponent(state.q)
      : "/api/search?" + new URLSearchParams(urlOf(state).slice(2)).toString() + "&limit=" + PAGE;
    let reply;
    try { reply = await (await fetch(api)).json(); } catch (e) { out.textContent = "请求失败：" + e.message; return; }
    out.textContent = "";
    if (reply.error) { out.appendChild(el("p", "error", reply.error.message)); return; }
    if (state.mode === "ask") showAnswer(reply); else showSearch(reply, state);
  }
  function go(state) {  // a new question or search: a new history entry, then the answer
    history.pushState(state, "", urlOf(state));
    run(state);
  }

  form.addEventListener("submit", e => {
    e.preventDefault();
    const mode = (e.submitter && e.submitter.value) || "ask";
    if (input.value.trim()) go({ q: input.value.trim(), mode: mode, offset: 0 });
  });
  document.querySelectorAll(".example").forEach(a => a.addEventListener("click", e => {
    e.preventDefault(); go({ q: a.textContent, mode: "ask", offset: 0 });
  }));
  window.addEventListener("popstate", () => { const s = stateFromUrl(); if (s.q) run(s); else out.textContent = ""; });
  const first = stateFromUrl();
  if (first.q) run(first);
})();
