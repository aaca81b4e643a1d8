// The word list (lessonkit GlossaryView): a part-of-speech filter and a sort order (the kernel
// filters and sorts, glossary_rows in vocab.py, and sends the rows back), the table, and a
// CSV download. On a narrow screen each row is drawn as a small card (the table's roles are
// set, so a screen reader still reads a table).

const HEADS = {
  word: "Word",
  "to learn": "To learn",
  "in the easier text": "In the easier text",
  "part of speech": "Part of speech",
  level: "Level",
  meaning: "Meaning",
  example: "Example",
  paragraph: "Paragraph",
};

function render({ model, el: root }) {
  root.classList.add("jupyter-widgets", "lk-wv", "lk-glossary");
  const box = el("section", { class: "lk-words-box", "aria-label": "Word list" });
  ownKeys(box);
  const say = sayer(model);
  const sayable = new Set(model.get("sayable"));

  const choose = (name, cls, options, value) => {
    const id = uid(cls);
    const wrap = el("div", { class: "lk-choose" });
    const label = el("label", { for: id }, name);
    const select = el("select", { id, class: cls });
    for (const [v, text] of options) {
      const option = el("option", { value: v }, text);
      if (v === value) option.selected = true;
      select.append(option);
    }
    wrap.append(label, select);
    return [wrap, select];
  };
  const [posBox, pos] = choose(
    "Part of speech:",
    "lk-glossary-pos",
    [["all", "All"], ...model.get("kinds").map((k) => [k, k])],
    model.get("pos"),
  );
  const [sortBox, sort] = choose("Sort by:", "lk-glossary-sort", model.get("sorts"), model.get("sort"));
  pos.addEventListener("change", () => {
    model.set("pos", pos.value);
    model.save_changes();
  });
  sort.addEventListener("change", () => {
    model.set("sort", sort.value);
    model.save_changes();
  });
  const controls = el("div", { class: "lk-glossary-controls" });
  controls.append(posBox, sortBox);

  const count = el("p", { class: "lk-glossary-count", "aria-live": "polite" });
  const table = el("table", { class: "lk-glossary-table", role: "table" });
  const link = el("a", { class: "lk-download" }, "⬇ Download this word list (CSV)");

  function draw() {
    const columns = model.get("columns");
    const rows = model.get("rows");
    count.textContent = `${rows.length} ${rows.length === 1 ? "word" : "words"}`;
    const head = el("thead", { role: "rowgroup" });
    const hr = el("tr", { role: "row" });
    for (const c of columns) hr.append(el("th", { scope: "col", role: "columnheader" }, HEADS[c] || c));
    head.append(hr);
    const body = el("tbody", { role: "rowgroup" });
    for (const r of rows) {
      const tr = el("tr", { role: "row" });
      columns.forEach((c, i) => {
        const value = r[c] === null || r[c] === undefined ? "" : String(r[c]);
        const cell = el(i === 0 ? "th" : "td", { role: i === 0 ? "rowheader" : "cell", "data-label": HEADS[c] || c });
        if (i === 0) cell.setAttribute("scope", "row");
        cell.append(el("span", { class: "lk-cell-text" }, value));
        if (c === "word" && sayable.has(value)) cell.append(" ", say(value));
        if (!value) cell.classList.add("lk-cell-empty");
        tr.append(cell);
      });
      body.append(tr);
    }
    table.replaceChildren(head, body);
    link.setAttribute("href", model.get("csv_href"));
    link.setAttribute("download", model.get("filename"));
  }
  model.on("change:rows", draw);
  model.on("change:csv_href", () => link.setAttribute("href", model.get("csv_href")));
  draw();
  box.append(controls, count, table, link);
  root.append(box);
}

export default { render };
