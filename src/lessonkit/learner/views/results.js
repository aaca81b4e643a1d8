// The learner's results (lessonkit ResultsView) and the lesson's score (ScoreView): one small
// widget each. The kernel makes the results file and the score lines from the progress store;
// this view only sends the learner's name and class, or asks for the score, and shows what
// comes back (every text with textContent).

function field(cls, label, placeholder) {
  const id = `${cls}-${Math.random().toString(36).slice(2, 9)}`;
  const wrap = el("div", { class: `lk-field ${cls}` });
  wrap.append(el("label", { for: id }, label));
  const input = el("input", { id, type: "text", placeholder, autocomplete: "off" });
  input.addEventListener("keydown", (event) => event.stopPropagation());
  wrap.append(input);
  return [wrap, input];
}

function renderResults(model, box) {
  const [nameBox, name] = field("lk-learner-name", "Your name:", "for example: Ana Lima");
  const [classBox, group] = field("lk-learner-class", "Your class:", "for example: B1 Monday");
  const row = el("div", { class: "lk-fields" });
  row.append(nameBox, classBox);
  const make = el("button", { type: "button", class: "lk-make-results" }, "⬇ Make my results file");
  const out = el("div", { class: "lk-results", role: "status", "aria-live": "polite" });
  make.addEventListener("click", () =>
    model.send({ action: "make", name: name.value, group: group.value }),
  );
  function draw() {
    const made = model.get("made") || {};
    out.replaceChildren();
    if (!made.message) return;
    const lead = el("p");
    for (const [strong, text] of made.message) lead.append(strong ? el("strong", {}, text) : text);
    out.append(lead);
    if (made.links && made.links.length) {
      const links = el("p");
      for (const link of made.links) {
        const a = el("a", { class: "lk-download", download: link.filename, href: link.href });
        a.textContent = `⬇ ${link.label}`;
        links.append(a, el("br"));
      }
      out.append(links);
    }
  }
  model.on("change:made", draw);
  draw();
  box.append(row, make, out);
}

function renderScore(model, box) {
  const show = el("button", { type: "button", class: "lk-show-score" }, "Show my score");
  const out = el("div", { class: "lk-lesson-score", role: "status", "aria-live": "polite" });
  show.addEventListener("click", () => model.send({ action: "score" }));
  function draw() {
    const lines = model.get("lines") || [];
    out.replaceChildren();
    if (!lines.length) return;
    const list = el("ul");
    for (const line of lines) list.append(el("li", {}, line));
    out.append(list);
  }
  model.on("change:lines", draw);
  draw();
  box.append(show, out);
}

function render({ model, el: root }) {
  const kind = model.get("kind");
  const box = el("section", {
    class: `lk-results-body lk-${kind}-body`,
    "aria-label": kind === "results" ? "Your results file" : "Your score in this lesson",
  });
  if (kind === "results") renderResults(model, box);
  else renderScore(model, box);
  root.classList.add("jupyter-widgets", kind === "results" ? "lk-results-view" : "lk-score-view");
  root.append(box);
}

export default { render };
