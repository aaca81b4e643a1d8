// The writing task (lessonkit WritingView): a text box as wide as the cell, a word count,
// Check my text, and the feedback the kernel sends after it has checked and saved the text
// (writing_feedback in writing.py). The model answer reaches the page only when the learner,
// after a check, presses Show a model answer.

function render({ model, el: root }) {
  root.classList.add("jupyter-widgets", "lk-wv", "lk-writing-view");
  const box = el("section", { class: "lk-writing-box", "aria-label": "Your writing" });
  ownKeys(box);
  const id = uid("lk-writing");
  const countId = uid("lk-count");
  const label = el("label", { for: id, class: "lk-writing-label" }, "Your text:");
  const area = el("textarea", {
    id,
    class: "lk-writing",
    rows: "10",
    spellcheck: "true",
    autocapitalize: "sentences",
    placeholder: "Write your text here.",
    "aria-describedby": countId,
  });
  area.value = model.get("text");
  const count = el("p", { class: "lk-word-count", id: countId });
  const restored = el("p", { class: "lk-restored" }, "This is the text you saved last time.");
  restored.hidden = !model.get("restored");
  const check = button("✔ Check my text", { class: "lk-check-writing" });
  const feedback = el("div", { class: "lk-feedback", role: "status", "aria-live": "polite" });
  const showModel = button("Show a model answer", { class: "lk-show-model", "aria-expanded": "false" });
  const modelBox = el("div", { class: "lk-model-answer" });
  modelBox.hidden = true;

  const drawCount = () => {
    const n = model.get("words");
    count.textContent =
      `${n} ${n === 1 ? "word" : "words"} · the aim is ${model.get("min_words")} to ` +
      `${model.get("max_words")} words · your text is saved when you press Check my text`;
  };

  let timer = 0;
  const sync = () => {
    clearTimeout(timer);
    timer = 0;
    model.set("text", area.value);
    model.save_changes();
  };
  area.addEventListener("input", () => {
    restored.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(sync, 400);
  });
  area.addEventListener("blur", () => {
    if (timer) sync();
  });
  check.addEventListener("click", () => {
    if (timer) sync();
    check.setAttribute("aria-busy", "true");
    model.send({ action: "check", text: area.value });
  });
  showModel.addEventListener("click", () => {
    if (!modelBox.hidden) {
      modelBox.hidden = true;
      showModel.setAttribute("aria-expanded", "false");
      showModel.textContent = "Show a model answer";
      return;
    }
    showModel.setAttribute("aria-busy", "true");
    model.send({ action: "model" });
  });

  function drawFeedback() {
    check.removeAttribute("aria-busy");
    const lines = model.get("feedback");
    if (!model.get("checks")) {
      feedback.replaceChildren();
      showModel.hidden = true;
      return;
    }
    const list = el("ul", { class: "lk-feedback-lines" });
    for (const line of lines) list.append(el("li", {}, line));
    const what = el("p", { class: "lk-what" });
    what.append(el("em", {}, model.get("note")));
    const parts = [list, what];
    if (model.get("saved")) parts.push(el("p", { class: "lk-saved" }, "✔ Saved: your text comes back when you open this lesson again."));
    feedback.replaceChildren(...parts);
    showModel.hidden = !model.get("has_model");
  }
  function drawModel() {
    showModel.removeAttribute("aria-busy");
    const text = model.get("model_answer");
    if (!text) return;
    const head = el("p");
    head.append(el("strong", {}, "A model answer"), " (yours can be different; compare the ideas and the words):");
    const quote = el("blockquote", { class: "lk-model-text" });
    for (const para of text.split(/\n\s*\n/)) {
      const p = el("p");
      para.split("\n").forEach((line, i) => {
        if (i) p.append(el("br"));
        p.append(line);
      });
      quote.append(p);
    }
    modelBox.replaceChildren(head, quote);
    modelBox.hidden = false;
    showModel.setAttribute("aria-expanded", "true");
    showModel.textContent = "Hide the model answer";
  }
  model.on("change:words", drawCount);
  model.on("change:feedback", drawFeedback);
  model.on("change:checks", drawFeedback);
  model.on("change:saved", drawFeedback);
  model.on("change:model_answer", drawModel);
  drawCount();
  drawFeedback();
  drawModel();
  const buttons = el("div", { class: "lk-buttons" });
  buttons.append(check, showModel);
  box.append(label, area, count, restored, buttons, feedback, modelBox);
  root.append(box);
  return () => clearTimeout(timer);
}

export default { render };
