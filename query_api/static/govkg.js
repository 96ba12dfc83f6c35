// The page's only script: ask or search through the JSON API and show answers with their sources.
(function () {
  const form = document.getElementById("ask-form");
  const input = document.getElementById("q");
  const out = document.getElementById("result");
  let mode = "ask";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function card(label, value, unit, text, source) {
    const box = el("div", "answer");
    if (value !== null && value !== undefined) box.appendChild(el("span", "value", value + (unit ? " " + unit : "")));
    box.appendChild(el("div", "label", label));
    if (text && text !== label) box.appendChild(el("div", "text", text));
    if (source) box.appendChild(el("div", "source", "来源：" + source));
    return box;
  }

  async function run(q) {
    out.textContent = "…";
    const url = (mode === "ask" ? "/api/ask?q=" : "/api/search?q=") + encodeURIComponent(q);
    const reply = await (await fetch(url)).json();
    out.textContent = "";
    if (reply.error) { out.appendChild(el("p", "message", reply.error.message)); return; }
    if (mode === "ask") {
      out.appendChild(el("p", "message", reply.message));
      reply.answers.forEach(a => out.appendChild(card(a.label, a.value, a.unit, a.text, a.source)));
      if (reply.sparql) {
        const d = el("details"); d.appendChild(el("summary", null, "使用的 SPARQL（" + reply.intent + "）"));
        d.appendChild(el("pre", null, reply.sparql)); out.appendChild(d);
      }
    } else {
      out.appendChild(el("p", "message", "找到 " + reply.results.length + " 个结果"));
      reply.results.forEach(r => out.appendChild(card("[" + (r.type_label || r.type) + "] " + r.label, r.value, r.unit, r.snippet, r.source)));
    }
  }

  form.addEventListener("submit", e => {
    e.preventDefault();
    mode = (e.submitter && e.submitter.value) || "ask";
    if (input.value.trim()) run(input.value.trim());
  });
  const asked = new URLSearchParams(location.search);  // /?q=… (or &mode=search) answers on load: shareable links
  if (asked.get("q")) { input.value = asked.get("q"); mode = asked.get("mode") === "search" ? "search" : "ask"; run(input.value); }
  document.querySelectorAll(".example").forEach(a => a.addEventListener("click", e => {
    e.preventDefault(); input.value = a.textContent; mode = "ask"; run(a.textContent);
  }));
})();
