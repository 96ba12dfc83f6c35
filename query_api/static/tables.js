// Sortable tables: a click on a header sorts by that column (numbers by their data-value), again to reverse.
(function () {
  function key(cell, numeric) {
    if (!numeric) return cell.textContent.trim();
    const raw = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
    const n = parseFloat(raw);
    return isNaN(n) ? -Infinity : n;
  }
  document.querySelectorAll("table.sortable").forEach(table => {
    table.querySelectorAll("thead th").forEach((th, col) => {
      th.tabIndex = 0;
      th.title = "点击排序";
      const sort = () => {
        const numeric = th.dataset.type === "number";
        const down = th.getAttribute("aria-sort") !== "descending";
        table.querySelectorAll("thead th").forEach(h => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
          const c = numeric ? x - y : x.localeCompare(y, "zh");
          return down ? -c : c;
        });
        rows.forEach(r => body.appendChild(r));
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", e => { if (e.key === "Enter") sort(); });
    });
  });
})();
