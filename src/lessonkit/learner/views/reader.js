// The reader (lessonkit ReaderView): key-word buttons, a look-up box, the word panel, and the
// article with its key words marked. A tap, a click or Enter on a marked word opens its
// meaning right under the word's paragraph (nothing depends on hover or a mouse); Escape or
// Close shuts it and gives the focus back to the word. Every look-up is done by the kernel
// (lookup in vocab.py): the view sends {action: "lookup", word, target, seq} and draws the
// answer it gets in `panel` or `detail`.

// The panel's HTML comes from the kernel (word_panel_html in vocab.py, which escapes every
// text it puts in); the view adds a Say-it button beside the word when there is a recording.
function drawInfo(node, info, sayIt) {
  node.innerHTML = info.html || "";
  const said = sayIt(info);
  const head = node.querySelector(".lk-panel-word");
  if (said && head) {
    const row = el("div", { class: "lk-panel-head" });
    head.replaceWith(row);
    row.append(head, said);
  }
}

function render({ model, el: root }) {
  root.classList.add("jupyter-widgets", "lk-wv", "lk-reader-view");
  const box = el("section", { class: "lk-reader-box", "aria-label": "Look up words" });
  ownKeys(box);
  const say = sayer(model);
  const sayable = new Set(model.get("sayable"));
  const glosses = model.get("glosses");
  const sayIt = (info) => {
    const word = [info.word, info.lemma].find((w) => w && sayable.has(w));
    return word ? say(word) : null;
  };

  let seq = 0;
  const waiting = { panel: 0, detail: 0 };
  function ask(word, target) {
    seq += 1;
    waiting[target] = seq;
    model.send({ action: "lookup", word, target, seq });
  }

  // Key words
  const keysId = uid("lk-keys");
  const keys = el("div", { class: "lk-key-row", role: "group", "aria-labelledby": keysId });
  for (const g of glosses) {
    keys.append(
      button(g.word, { class: "lk-word-button", "aria-label": `${g.word}: show its meaning` }, () => {
        input.value = g.word;
        ask(g.word, "panel");
      }),
    );
  }

  // Look-up box
  const inputId = uid("lk-lookup");
  const listId = uid("lk-words");
  const form = el("form", { class: "lk-lookup-form", role: "search" });
  const label = el("label", { for: inputId, class: "lk-lookup-label" }, "Look up any word:");
  const row = el("div", { class: "lk-lookup-row" });
  const input = el("input", {
    id: inputId,
    type: "text",
    class: "lk-lookup",
    list: listId,
    autocomplete: "off",
    autocapitalize: "none",
    spellcheck: "false",
    enterkeyhint: "search",
    placeholder: "a word from the article",
  });
  const options = el("datalist", { id: listId });
  for (const word of model.get("words")) options.append(el("option", { value: word }));
  const go = el("button", { type: "submit", class: "lk-lookup-go" }, "Look up");
  row.append(input, go);
  form.append(label, row, options);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask(input.value, "panel");
  });
  // Enter looks the word up even where a page keeps forms from submitting (a notebook).
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      ask(input.value, "panel");
    }
  });

  const panel = el("div", {
    class: "lk-panel",
    role: "region",
    "aria-live": "polite",
    "aria-label": "Meaning of the word",
  });
  const drawPanel = () => {
    const info = model.get("panel");
    if (info.seq && info.seq !== waiting.panel) return; // an older answer
    drawInfo(panel, info, sayIt);
    panel.dataset.word = info.word || "";
  };
  drawPanel();
  model.on("change:panel", drawPanel);

  // The marked article
  const popId = uid("lk-meaning");
  const pop = el("div", { class: "lk-popover", id: popId, role: "region", "aria-live": "polite" });
  pop.hidden = true;
  let current = null;

  function close(giveFocus) {
    pop.hidden = true;
    if (current) {
      current.setAttribute("aria-expanded", "false");
      if (giveFocus) current.focus();
    }
    current = null;
  }

  function open(mark, g) {
    if (current === mark && !pop.hidden) {
      close(false);
      return;
    }
    if (current) current.setAttribute("aria-expanded", "false");
    current = mark;
    mark.setAttribute("aria-expanded", "true");
    pop.setAttribute("aria-label", `Meaning of ${g.word}`);
    const content = el("div", { class: "lk-pop-content" });
    const head = el("div", { class: "lk-panel-head" });
    const word = el("h4", { class: "lk-panel-word" }, g.word);
    if (g.ipa) word.append(" ", el("span", { class: "lk-ipa" }, g.ipa));
    head.append(word);
    if (sayable.has(g.word)) head.append(say(g.word));
    const meaning = el("p", { class: "lk-gloss" });
    meaning.append(el("strong", {}, `(${g.pos})`), ` ${g.definition}`);
    content.append(head, meaning);
    const more = button(`More about “${g.word}”`, { class: "lk-more" }, () => {
      more.setAttribute("aria-busy", "true");
      ask(g.word, "detail");
    });
    const shut = button("Close", { class: "lk-close", "aria-label": `Close the meaning of ${g.word}` }, () =>
      close(true),
    );
    const tools = el("div", { class: "lk-pop-buttons" });
    tools.append(more, shut);
    pop.replaceChildren(content, tools);
    pop.lkContent = content;
    pop.lkMore = more;
    (mark.closest("p, h3") || mark).after(pop);
    pop.hidden = false;
  }

  model.on("change:detail", () => {
    const info = model.get("detail");
    if (pop.hidden || info.seq !== waiting.detail || !pop.lkContent) return;
    drawInfo(pop.lkContent, info, sayIt); // the whole entry replaces the short meaning
    if (pop.lkMore) pop.lkMore.remove();
  });

  pop.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  });

  function fill(node, parts) {
    for (const part of parts) {
      if (typeof part === "string") {
        node.append(part);
        continue;
      }
      const [form, entry] = part;
      const g = glosses[entry];
      const mark = el(
        "button",
        {
          type: "button",
          class: "lk-glossary-word",
          "aria-expanded": "false",
          "aria-controls": popId,
          "data-word": g.word,
        },
        form,
      );
      mark.addEventListener("click", () => open(mark, g));
      mark.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && current === mark) {
          event.preventDefault();
          close(true);
        }
      });
      node.append(mark);
    }
  }

  const article = el("article", { class: "lk-reader", lang: "en" });
  const headline = el("h3", { class: "lk-headline" });
  fill(headline, model.get("headline"));
  article.append(headline);
  for (const block of model.get("blocks")) {
    if (block.kind === "heading") {
      article.append(el("h4", { class: "lk-heading" }, block.text));
      continue;
    }
    const p = el("p", { class: "lk-paragraph" });
    p.append(el("span", { class: "lk-number" }, `[${block.n}]`), " ");
    if (block.speaker) p.append(el("strong", { class: "lk-speaker" }, `${block.speaker}:`), " ");
    fill(p, block.parts);
    article.append(p);
  }

  box.append(
    el("h4", { class: "lk-keys-head", id: keysId }, "Key words of this article"),
    el("p", { class: "lk-hint" }, "Tap or click a key word to see its meaning."),
    keys,
    form,
    panel,
    el("h4", { class: "lk-article-head" }, "The article with its key words marked"),
    el(
      "p",
      { class: "lk-hint" },
      "Tap or click a marked word (or press Enter on it) to see its meaning under its paragraph.",
    ),
    article,
  );
  root.append(box);
  return () => close(false);
}

export default { render };
