// The SPARQL editor: CodeMirror with SPARQL mode; runs the query against /sparql and shows a readable
// table (labels for IRIs, plain numbers), downloads in every format, the truncation notice and parse errors.
(function () {
  const area = document.getElementById("query");
  const editor = CodeMirror.fromTextArea(area, { mode: "application/sparql-query", lineNumbers: true, viewportMargin: Infinity,
    extraKeys: { "Ctrl-Enter": () => run(), "Cmd-Enter": () => run() } });
  window.govkgEditor = editor;  // for the browser tests and the console
  const status = document.getElementById("status"), results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  const declared = area.dataset.prefixes.trim().split("\n");
  let marked = null;

  function el(tag, cls, text) { const n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; }
  function localPath(iri) { try { const u = new URL(iri); return u.origin === "null" ? iri : u.pathname; } catch (e) { return iri; } }

  // Our prefixes the query uses but does not declare are put in front of it.
  function withPrefixes(text) {
    const missing = declared.filter(line => {
      const name = line.split(/\s+/)[1];
      return new RegExp("(^|[\\s(/^|,;.{])" + name.replace(":", "\\:")).test(text) && !new RegExp("PREFIX\\s+" + name, "i").test(text);
    });
    return missing.concat([text]).join("\n");
  }
  function kindOf(text) {
    const body = text.replace(/#[^\n]*/g, "").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, "").replace(/BASE\s*<[^>]*>/gi, "");
    const m = body.match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i);
    return m ? m[1].toUpperCase() : "SELECT";
  }
  function showDownloads(text) {
    downloads.textContent = "下载：";
    const graph = ["CONSTRUCT", "DESCRIBE"].includes(kindOf(text));
    const words = graph ? [["turtle", "Turtle"], ["nt", "N-Triples"], ["json-ld", "JSON-LD"], ["xml", "RDF/XML"]]
      : [["csv", "CSV"], ["tsv", "TSV"], ["json", "JSON"], ["xml", "XML"]];
    words.forEach(([word, name]) => {
      const a = el("a", "download", name);
      a.href = "/sparql?" + new URLSearchParams({ query: text, format: word }).toString();
      a.download = "result." + (word === "json-ld" ? "jsonld" : word === "turtle" ? "ttl" : word);
      a.style.marginRight = ".6rem";
      downloads.appendChild(a);
    });
  }

  async function labels(iris) {
    if (!iris.length) return {};
    const q = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + iris.slice(0, 500).map(i => "<" + i + ">").join(" ") +
      " } ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } GROUP BY ?s";
    const r = await fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
      body: new URLSearchParams({ query: q }) });
    if (!r.ok) return {};
    const found = {};
    (await r.json()).results.bindings.forEach(b => { found[b.s.value] = b.label.value; });
    return found;
  }

  function cell(term, names) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = el("a", null, names[term.value] || term.value); a.href = localPath(term.value); a.title = term.value; td.appendChild(a);
    } else {
      td.textContent = term.value;  // the value as stored: no quotes, language tag or datatype
      const numeric = /#(decimal|integer|double|float|int|long)$/.test(term.datatype || "");
      if (numeric) td.className = "num";
      if (term.datatype || term["xml:lang"]) td.title = term.datatype || "@" + term["xml:lang"];
    }
    return td;
  }

  async function run() {
    if (marked) { editor.removeLineClass(marked, "background", "error-line"); marked = null; }
    const text = withPrefixes(editor.getValue());
    showDownloads(text);
    status.textContent = "运行中…"; results.textContent = "";
    const started = performance.now();
    const reply = await fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/sparql-results+json, text/turtle;q=0.9" }, body: new URLSearchParams({ query: text }) });
    status.textContent = "";
    if (!reply.ok) {
      let message = reply.status + " " + reply.statusText;
      try { message = (await reply.json()).error.message; } catch (e) { /* not our JSON error */ }
      const box = el("div", "error", message); box.id = "sparql-error"; status.appendChild(box);
      const at = message.match(/(?:at|line)\s*(\d+):(\d+)/);
      const offset = text.split("\n").length - editor.lineCount();  // prefixes added in front of the editor's text
      if (at && +at[1] - 1 - offset >= 0) { marked = +at[1] - 1 - offset; editor.addLineClass(marked, "background", "error-line"); }
      return;
    }
    const truncated = reply.headers.get("Govkg-Result-Truncated");
    const type = reply.headers.get("Content-Type") || "";
    if (type.includes("turtle")) {
      results.appendChild(el("pre", null, await reply.text()));
    } else {
      const data = await reply.json();
      if ("boolean" in data) { results.appendChild(el("p", "figure", data.boolean ? "是 (true)" : "否 (false)")); }
      else {
        const vars = data.head.vars, rows = data.results.bindings;
        const iris = Array.from(new Set(rows.flatMap(r => vars.map(v => r[v]).filter(t => t && t.type === "uri").map(t => t.value))));
        const names = await labels(iris);
        const table = el("table", "results"); table.id = "result-table";
        const head = el("tr"); vars.forEach(v => head.appendChild(el("th", null, "?" + v)));
        const thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
        const body = el("tbody");
        rows.forEach(r => { const tr = el("tr"); vars.forEach(v => tr.appendChild(cell(r[v], names))); body.appendChild(tr); });
        table.appendChild(body); results.appendChild(table);
        status.appendChild(el("p", "message", rows.length + " 行，" + Math.round(performance.now() - started) + " 毫秒"));
      }
    }
    if (truncated) {
      const n = el("p", "notice", "结果已截断：只返回前 " + truncated + " 行（服务器上限）。请加 LIMIT 或缩小查询范围。"); n.id = "truncated";
      status.appendChild(n);
    }
  }

  document.getElementById("sparql-form").addEventListener("submit", e => { e.preventDefault(); editor.save(); run(); });
})();
