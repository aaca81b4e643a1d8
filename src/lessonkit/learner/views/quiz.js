// The quiz (lessonkit QuizView): every question of one quiz in one widget.
//
// The kernel sends prompts and options only (in a shuffled order). This view sends
// {action: "check" | "show" | "save" | "finish", item, answer}; the kernel grades the answer,
// stores it, and only then puts that item's feedback (plain text and per-part marks) in
// `results`. Nothing here knows a right answer. All text goes in with textContent.
//
// Item types: choice and true / false / not given (radio buttons), multi (check boxes),
// short (a text box), gap (inputs inside the sentence, or a word bank: tap a word, then a gap),
// match (tap a statement's slot, then a partner; or drag a partner onto a slot), order (drag a
// row, or Move up / Move down). Every move is announced in a live region for screen readers.

const STATUS_WORDS = {
  correct: ["✔", "right"],
  almost: ["≈", "almost: check the spelling"],
  wrong: ["✘", "not right"],
  empty: ["○", "empty"],
};

let quizUid = 0;
function nextId(prefix) {
  quizUid += 1;
  return `${prefix}-${quizUid}-${Math.random().toString(36).slice(2, 7)}`;
}

function makeButton(cls, text, attrs = {}) {
  return el("button", { type: "button", class: cls, ...attrs }, text);
}

// --- drag with the pointer (mouse, pen and touch alike) --------------------------------------
// HTML drag-and-drop does not work with touch; pointer events do. `start` is called when the
// pointer has moved a few pixels, `drop` with the element under the pointer at the end.
function dragWith(handle, { start, move, drop, label }) {
  handle.addEventListener("pointerdown", (down) => {
    if (down.button !== 0) return;
    let ghost = null;
    const x0 = down.clientX;
    const y0 = down.clientY;
    const onMove = (event) => {
      if (!ghost) {
        if (Math.hypot(event.clientX - x0, event.clientY - y0) < 6) return;
        ghost = el("div", { class: "lk-ghost", "aria-hidden": "true" }, label());
        document.body.append(ghost);
        start();
      }
      ghost.style.left = `${event.clientX + 8}px`;
      ghost.style.top = `${event.clientY + 8}px`;
      if (move) move(document.elementFromPoint(event.clientX, event.clientY), event);
      event.preventDefault();
    };
    const onUp = (event) => {
      document.removeEventListener("pointermove", onMove);
      document.removeEventListener("pointerup", onUp);
      document.removeEventListener("pointercancel", onUp);
      if (!ghost) return;
      ghost.remove();
      const under = document.elementFromPoint(event.clientX, event.clientY);
      drop(event.type === "pointercancel" ? null : under, event);
    };
    document.addEventListener("pointermove", onMove);
    document.addEventListener("pointerup", onUp);
    document.addEventListener("pointercancel", onUp);
  });
}

// --- one item's controls ---------------------------------------------------------------------
// Each maker returns {node, read(), write(answer), parts(): [control per mark], disable(on)}.

function optionsControl(item, kind, onChange) {
  const multi = kind === "multi";
  const set = el("fieldset", { class: multi ? "lk-multi" : "lk-choice" });
  set.append(el("legend", { class: "lk-sr" }, multi ? "Choose all the right answers" : "Your answer"));
  const name = nextId("lk-opt");
  const inputs = item.options.map((text, i) => {
    const label = el("label", { class: "lk-option" });
    const input = el("input", { type: multi ? "checkbox" : "radio", name, value: String(i) });
    input.addEventListener("change", onChange);
    label.append(input, el("span", { class: "lk-option-text" }, text));
    label.append(el("span", { class: "lk-mark", "aria-hidden": "true" }));
    label.append(el("span", { class: "lk-sr lk-mark-words" }));
    set.append(label);
    return input;
  });
  return {
    node: set,
    read: () => {
      const on = inputs.map((input, i) => (input.checked ? i : -1)).filter((i) => i >= 0);
      return multi ? on : on.length ? on[0] : null;
    },
    write: (answer) => {
      const on = new Set(multi ? answer || [] : answer === null || answer === undefined ? [] : [answer]);
      inputs.forEach((input, i) => (input.checked = on.has(i)));
    },
    parts: () => inputs.map((input) => input.closest("label")),
    first: () => inputs[0],
    disable: (on) => inputs.forEach((input) => (input.disabled = on)),
  };
}

function textControl(onChange) {
  const label = el("label", { class: "lk-text" });
  label.append(el("span", { class: "lk-label" }, "Your answer: "));
  const input = el("input", {
    type: "text",
    class: "lk-text-input",
    placeholder: "Type your answer",
    autocomplete: "off",
    spellcheck: "false",
    autocapitalize: "off",
  });
  input.addEventListener("change", onChange);
  label.append(input);
  return {
    node: label,
    read: () => input.value,
    write: (answer) => (input.value = typeof answer === "string" ? answer : ""),
    parts: () => [],
    first: () => input,
    disable: (on) => (input.disabled = on),
  };
}

function gapControl(item, onChange, announce) {
  const box = el("div", { class: "lk-gap" });
  const sentence = el("p", { class: "lk-gap-text" });
  const gaps = item.pieces.length - 1;
  const slots = [];
  const bank = item.bank;
  let picked = null; // bank: the word chosen and waiting for a gap
  let chosenSlot = null; // bank: the gap chosen and waiting for a word
  const chips = [];
  const values = Array(gaps).fill("");

  function setSlot(i, word) {
    values[i] = word;
    const slot = slots[i];
    slot.querySelector(".lk-slot-word").textContent = word || "……";
    slot.setAttribute("aria-label", `Gap ${i + 1}: ${word || "empty"}`);
    slot.classList.toggle("lk-filled", Boolean(word));
  }
  function choose(chip) {
    picked = picked === chip ? null : chip;
    chips.forEach((c) => c.setAttribute("aria-pressed", String(c === picked)));
    if (picked && chosenSlot !== null) {
      place(chosenSlot, picked.dataset.word);
    } else if (picked) {
      announce(`${picked.dataset.word} chosen. Now choose a gap.`);
    }
  }
  function place(i, word) {
    setSlot(i, word);
    picked = null;
    chosenSlot = null;
    chips.forEach((c) => c.setAttribute("aria-pressed", "false"));
    slots.forEach((s) => s.setAttribute("aria-pressed", "false"));
    announce(`${word} put in gap ${i + 1}.`);
    onChange();
  }

  item.pieces.forEach((piece, i) => {
    sentence.append(piece);
    if (i >= gaps) return;
    if (bank) {
      const slot = makeButton("lk-slot", "", { "aria-pressed": "false", "data-gap": String(i) });
      slot.append(el("span", { class: "lk-gap-number", "aria-hidden": "true" }, `${i + 1}`));
      slot.append(el("span", { class: "lk-slot-word" }, "……"));
      slot.append(el("span", { class: "lk-mark", "aria-hidden": "true" }));
      slot.setAttribute("aria-label", `Gap ${i + 1}: empty`);
      slot.addEventListener("click", () => {
        if (picked) return place(i, picked.dataset.word);
        if (values[i]) {
          const word = values[i];
          setSlot(i, "");
          announce(`${word} taken out of gap ${i + 1}.`);
          onChange();
          return;
        }
        chosenSlot = chosenSlot === i ? null : i;
        slots.forEach((s, j) => s.setAttribute("aria-pressed", String(j === chosenSlot)));
        if (chosenSlot !== null) announce(`Gap ${i + 1} chosen. Now choose a word.`);
      });
      slots.push(slot);
      sentence.append(slot);
    } else {
      const input = el("input", {
        type: "text",
        class: "lk-gap-input",
        "aria-label": `Gap ${i + 1}`,
        autocomplete: "off",
        spellcheck: "false",
        autocapitalize: "off",
        "data-gap": String(i),
      });
      input.addEventListener("change", onChange);
      const wrap = el("span", { class: "lk-gap-wrap" });
      wrap.append(input, el("span", { class: "lk-mark", "aria-hidden": "true" }));
      slots.push(input);
      sentence.append(wrap);
    }
  });
  box.append(sentence);
  if (bank) {
    const pool = el("div", { class: "lk-bank", role: "group", "aria-label": "Word bank" });
    pool.append(el("span", { class: "lk-bank-title" }, "Word bank:"));
    for (const word of bank) {
      const chip = makeButton("lk-chip", word, { "aria-pressed": "false", "data-word": word });
      chip.addEventListener("click", () => choose(chip));
      dragWith(chip, {
        label: () => word,
        start: () => {},
        drop: (under) => {
          const slot = under && under.closest(".lk-slot");
          if (slot && slots.includes(slot)) place(Number(slot.dataset.gap), word);
        },
      });
      chips.push(chip);
      pool.append(chip);
    }
    box.append(pool);
  }
  return {
    node: box,
    read: () => (bank ? values.slice() : slots.map((input) => input.value)),
    write: (answer) => {
      const given = Array.isArray(answer) ? answer : [];
      slots.forEach((slot, i) => {
        const word = typeof given[i] === "string" ? given[i] : "";
        if (bank) setSlot(i, word);
        else slot.value = word;
      });
    },
    parts: () => slots,
    first: () => slots[0],
    disable: (on) => {
      slots.forEach((s) => (s.disabled = on));
      chips.forEach((c) => (c.disabled = on));
    },
  };
}

function matchControl(item, onChange, announce) {
  const box = el("div", { class: "lk-match" });
  const chosen = item.lefts.map(() => null);
  let waiting = null; // the statement whose partner is being chosen
  let picked = null; // a partner chosen first
  const list = el("ol", { class: "lk-match-list" });
  const slots = item.lefts.map((left, i) => {
    const row = el("li", { class: "lk-match-row" });
    row.append(el("span", { class: "lk-match-left" }, left));
    const slot = makeButton("lk-slot lk-match-slot", "", { "aria-pressed": "false", "data-left": String(i) });
    slot.append(el("span", { class: "lk-slot-word" }, "Choose a partner"));
    slot.append(el("span", { class: "lk-mark", "aria-hidden": "true" }));
    slot.setAttribute("aria-label", `Partner for “${left}”: none yet`);
    slot.addEventListener("click", () => {
      if (picked !== null) return pair(i, picked);
      waiting = waiting === i ? null : i;
      slots.forEach((s, j) => s.setAttribute("aria-pressed", String(j === waiting)));
      if (waiting !== null) announce(`Now choose the partner for “${left}”.`);
    });
    row.append(slot);
    list.append(row);
    return slot;
  });
  const pool = el("div", { class: "lk-partners", role: "group", "aria-label": "Partners" });
  const chips = item.rights.map((right, r) => {
    const chip = makeButton("lk-chip lk-partner", right, { "aria-pressed": "false", "data-right": String(r) });
    chip.addEventListener("click", () => {
      if (waiting !== null) return pair(waiting, r);
      picked = picked === r ? null : r;
      chips.forEach((c, j) => c.setAttribute("aria-pressed", String(j === picked)));
      if (picked !== null) announce(`“${right}” chosen. Now choose its statement.`);
    });
    dragWith(chip, {
      label: () => right,
      start: () => {},
      drop: (under) => {
        const slot = under && under.closest(".lk-match-slot");
        if (slot && slots.includes(slot)) pair(Number(slot.dataset.left), r);
      },
    });
    pool.append(chip);
    return chip;
  });
  const clears = [];
  function show(i) {
    const r = chosen[i];
    const slot = slots[i];
    slot.querySelector(".lk-slot-word").textContent = r === null ? "Choose a partner" : item.rights[r];
    slot.classList.toggle("lk-filled", r !== null);
    slot.setAttribute(
      "aria-label",
      `Partner for “${item.lefts[i]}”: ${r === null ? "none yet" : item.rights[r]}`,
    );
    clears[i].hidden = r === null;
  }
  slots.forEach((slot, i) => {
    const clear = makeButton("lk-clear", "✕", { "aria-label": `Take away the partner of “${item.lefts[i]}”` });
    clear.hidden = true;
    clear.addEventListener("click", () => {
      chosen[i] = null;
      show(i);
      announce(`The partner of “${item.lefts[i]}” is taken away.`);
      onChange();
      slot.focus();
    });
    clears.push(clear);
    slot.after(clear);
  });
  function pair(i, r) {
    chosen[i] = r;
    waiting = null;
    picked = null;
    slots.forEach((s) => s.setAttribute("aria-pressed", "false"));
    chips.forEach((c) => c.setAttribute("aria-pressed", "false"));
    show(i);
    announce(`“${item.lefts[i]}” goes with “${item.rights[r]}”.`);
    onChange();
  }
  box.append(el("p", { class: "lk-how" }, "Tap a statement's box, then its partner (or drag a partner onto the box)."));
  box.append(list, pool);
  return {
    node: box,
    read: () => chosen.slice(),
    write: (answer) => {
      const given = Array.isArray(answer) ? answer : [];
      chosen.forEach((_, i) => {
        const r = given[i];
        chosen[i] = Number.isInteger(r) && r >= 0 && r < item.rights.length ? r : null;
        show(i);
      });
    },
    parts: () => slots,
    first: () => slots[0],
    disable: (on) => [...slots, ...chips, ...clears].forEach((b) => (b.disabled = on)),
  };
}

function orderControl(item, onChange, announce) {
  const box = el("div", { class: "lk-order" });
  box.append(el("p", { class: "lk-how" }, "Drag ⠿ or use the arrow buttons to put them in order."));
  const list = el("ol", { class: "lk-order-list" });
  let order = item.events.map((_, i) => i); // positions in item.events, top to bottom
  const rows = item.events.map((text, i) => {
    const row = el("li", { class: "lk-order-row", "data-event": String(i) });
    const handle = el("span", { class: "lk-handle", "aria-hidden": "true" }, "⠿");
    const place = el("span", { class: "lk-place", "aria-hidden": "true" });
    const words = el("span", { class: "lk-order-text" }, text);
    const up = makeButton("lk-up", "↑", { "aria-label": `Move up: ${text}` });
    const down = makeButton("lk-down", "↓", { "aria-label": `Move down: ${text}` });
    up.addEventListener("click", () => move(i, -1, up));
    down.addEventListener("click", () => move(i, 1, down));
    const tools = el("span", { class: "lk-order-tools" });
    tools.append(up, down);
    row.append(handle, place, words, el("span", { class: "lk-mark", "aria-hidden": "true" }));
    row.append(el("span", { class: "lk-sr lk-mark-words" }), tools);
    dragWith(handle, {
      label: () => text,
      start: () => row.classList.add("lk-dragging"),
      drop: (under, event) => {
        row.classList.remove("lk-dragging");
        if (!under || !list.contains(under)) return;
        // The place whose middle is below the pointer: the row goes in front of it.
        let to = order.length - 1;
        for (let p = 0; p < order.length; p++) {
          const r = rows[order[p]].getBoundingClientRect();
          if (event.clientY < r.top + r.height / 2) {
            to = p > order.indexOf(i) ? p - 1 : p;
            break;
          }
        }
        moveTo(i, to, null);
      },
    });
    return row;
  });
  function draw() {
    order.forEach((e, p) => {
      const row = rows[e];
      row.querySelector(".lk-place").textContent = `${p + 1}.`;
      row.querySelector(".lk-up").disabled = p === 0 || box.dataset.locked === "true";
      row.querySelector(".lk-down").disabled = p === order.length - 1 || box.dataset.locked === "true";
      list.append(row);
    });
  }
  function moveTo(e, to, keep) {
    const from = order.indexOf(e);
    if (to < 0 || to >= order.length || to === from) return;
    order.splice(from, 1);
    order.splice(to, 0, e);
    draw();
    announce(`“${item.events[e]}” is now number ${to + 1} of ${order.length}.`);
    onChange();
    if (keep) {
      // The button pressed may now be disabled (top or bottom): keep focus in the row.
      (keep.disabled ? rows[e].querySelector(keep.classList.contains("lk-up") ? ".lk-down" : ".lk-up") : keep).focus();
    }
  }
  function move(e, step, pressed) {
    moveTo(e, order.indexOf(e) + step, pressed);
  }
  box.append(list);
  draw();
  return {
    node: box,
    read: () => order.slice(),
    write: (answer) => {
      const ok =
        Array.isArray(answer) &&
        answer.length === order.length &&
        [...answer].sort((a, b) => a - b).every((v, i) => v === i);
      if (ok) {
        order = answer.slice();
        draw();
      }
    },
    parts: () => order.map((e) => rows[e]),
    first: () => rows[order[0]].querySelector(".lk-down"),
    disable: (on) => {
      box.dataset.locked = String(on);
      draw();
    },
  };
}

// --- feedback --------------------------------------------------------------------------------

function explanationBox(parts) {
  const box = el("div", { class: "lk-explanation" });
  const why = el("p");
  why.append(el("strong", {}, "Why: "), parts.why || "");
  box.append(why);
  if (parts.say) {
    const say = el("p");
    say.append(el("em", {}, "Say it: "), parts.say);
    box.append(say);
  }
  if (parts.quote) {
    const quote = el("p");
    quote.append(el("em", {}, `${parts.lead}: `), `“${parts.quote}”`);
    box.append(quote);
  }
  return box;
}

function markPart(part, mark) {
  // mark: true / false / null, or a gap verdict ("correct", "almost", "wrong", "empty").
  const verdict = mark === true ? "correct" : mark === false ? "wrong" : mark;
  part.classList.remove("lk-part-correct", "lk-part-wrong", "lk-part-almost", "lk-part-empty");
  const symbol = part.querySelector(".lk-mark") || (part.nextElementSibling && part.nextElementSibling.classList.contains("lk-mark") ? part.nextElementSibling : null);
  const words = part.querySelector(".lk-mark-words");
  if (!verdict) {
    if (symbol) symbol.textContent = "";
    if (words) words.textContent = "";
    part.removeAttribute("aria-invalid");
    const label = part.getAttribute("aria-label");
    if (label) part.setAttribute("aria-label", label.split(" — ")[0]);
    return;
  }
  const [sign, name] = STATUS_WORDS[verdict] || STATUS_WORDS.wrong;
  part.classList.add(`lk-part-${verdict}`);
  if (symbol) symbol.textContent = `${sign} ${name}`;
  if (words) words.textContent = ` (${name})`;
  if (part.tagName === "INPUT" || part.tagName === "BUTTON") {
    part.setAttribute("aria-invalid", String(verdict !== "correct"));
    const base = part.getAttribute("aria-label");
    if (base) part.setAttribute("aria-label", `${base.split(" — ")[0]} — ${name}`);
  }
}

// --- the quiz --------------------------------------------------------------------------------

function render({ model, el: root }) {
  const assessment = model.get("assessment");
  const box = el("section", {
    class: `lk-quiz-body${assessment ? " lk-assessment-mode" : ""}`,
    "aria-label": model.get("title"),
    "data-lm-suppress-shortcuts": "true",
  });
  const live = el("div", { class: "lk-sr lk-announce", "aria-live": "polite", role: "status" });
  const announce = (text) => {
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 30);
  };
  for (const [kind, text] of model.get("notes")) {
    if (kind === "warning") {
      const p = el("p", { class: "lk-warning", role: "alert" });
      p.append(el("strong", {}, "⚠ Note: "), text);
      box.append(p);
    } else {
      box.append(el("p", { class: `lk-${kind}` }, text));
    }
  }
  const views = {};
  const pending = new Set(); // items checked here and waiting for their feedback
  const items = model.get("items");
  const saveTimers = {};
  for (const item of items) {
    const part = el("div", { class: `lk-item lk-item-${item.type}`, "data-item": item.id });
    const promptId = nextId("lk-prompt");
    part.setAttribute("role", "group");
    part.setAttribute("aria-labelledby", promptId);
    const prompt = el("p", { class: "lk-prompt", id: promptId, tabindex: "-1" });
    prompt.append(el("strong", {}, `Question ${item.n} of ${items.length}. `), item.prompt);
    part.append(prompt);
    const onChange = () => {
      if (!assessment) {
        // Marks of the last check no longer fit a changed answer.
        control.parts().forEach((p) => markPart(p, null));
        return;
      }
      if (model.get("finished")) return;
      clearTimeout(saveTimers[item.id]);
      saveTimers[item.id] = setTimeout(() => {
        model.send({ action: "save", item: item.id, answer: control.read() });
      }, 250);
    };
    let control;
    if (item.type === "choice" || item.type === "multi" || item.type === "tfng") {
      control = optionsControl(item, item.type, onChange);
    } else if (item.type === "short") {
      control = textControl(onChange);
    } else if (item.type === "gap") {
      control = gapControl(item, onChange, announce);
    } else if (item.type === "match") {
      control = matchControl(item, onChange, announce);
    } else {
      control = orderControl(item, onChange, announce);
    }
    part.append(control.node);
    const buttons = el("div", { class: "lk-buttons" });
    const feedback = el("div", { class: "lk-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    if (!assessment) {
      const check = makeButton("lk-check", "✔ Check");
      const show = makeButton("lk-show", "Show answer");
      check.addEventListener("click", () => {
        pending.add(item.id);
        model.send({ action: "check", item: item.id, answer: control.read() });
      });
      show.addEventListener("click", () => {
        pending.add(item.id);
        model.send({ action: "show", item: item.id, answer: control.read() });
      });
      // A learner's Enter in a text box checks the answer (JupyterLab must not get the keys).
      part.addEventListener("keydown", (event) => {
        event.stopPropagation();
        if (event.key === "Enter" && event.target.tagName === "INPUT" && event.target.type === "text") {
          check.click();
        }
      });
      buttons.append(check, show);
    } else {
      part.addEventListener("keydown", (event) => event.stopPropagation());
      buttons.append(el("span", { class: "lk-saved", "aria-live": "polite" }));
      // Typing saves too, a moment after the last key (not only when the box loses focus).
      part.addEventListener("input", (event) => {
        if (event.target.tagName === "INPUT" && event.target.type === "text") onChange();
      });
    }
    part.append(buttons, feedback);
    box.append(part);
    views[item.id] = { item, part, control, feedback, buttons, shown: "" };
  }
  const score = el("p", { class: "lk-score", role: "status", "aria-live": "polite" });
  box.append(score);

  let finish = null;
  if (assessment) {
    const end = el("div", { class: "lk-finish-box" });
    finish = makeButton("lk-finish", "Finish");
    const confirm = el("div", { class: "lk-confirm", hidden: "" });
    confirm.append(el("p", {}, "Finish the test? After this you cannot change your answers."));
    const yes = makeButton("lk-finish-yes", "Yes, finish");
    const no = makeButton("lk-finish-no", "Not yet");
    confirm.append(yes, no);
    finish.addEventListener("click", () => {
      confirm.hidden = false;
      yes.focus();
    });
    no.addEventListener("click", () => {
      confirm.hidden = true;
      finish.focus();
    });
    yes.addEventListener("click", () => {
      confirm.hidden = true;
      // Every answer as it is now is saved first, so nothing is lost to a pending timer.
      for (const view of Object.values(views)) {
        clearTimeout(saveTimers[view.item.id]);
        model.send({ action: "save", item: view.item.id, answer: view.control.read() });
      }
      model.send({ action: "finish" });
      finish.disabled = true;
      finish.textContent = "Finishing…";
    });
    end.append(finish, confirm);
    box.insertBefore(end, score);
  }

  function drawFeedback(view, result) {
    const out = view.feedback;
    out.replaceChildren();
    if (!result) return;
    out.append(el("p", { class: `lk-verdict lk-${result.status}` }, result.message));
    const marks = result.marks || [];
    const parts = view.control.parts();
    parts.forEach((part, i) => markPart(part, i < marks.length ? marks[i] : null));
    if (result.status === "revealed" || result.answer) {
      const p = el("p", { class: "lk-answer" });
      p.append(el("strong", {}, result.status === "revealed" ? "" : "The answer: "), result.answer);
      out.append(p);
    }
    if (result.notes && result.notes.length) {
      if (view.item.type === "choice") {
        for (const [, note] of result.notes) out.append(el("p", { class: "lk-option-note" }, note));
      } else {
        const list = el("ul", { class: "lk-option-feedback" });
        for (const [text, note] of result.notes) list.append(el("li", {}, `“${text}”: ${note}`));
        out.append(list);
      }
    }
    if (result.hint) out.append(el("p", { class: "lk-hint" }, result.hint));
    if (result.explanation) out.append(explanationBox(result.explanation));
    if (result.note) {
      const note = el("p", { class: "lk-shown-note" });
      note.append(el("em", {}, result.note));
      out.append(note);
    }
  }

  function focusAfter(view, result) {
    // Right or shown: the feedback (it is read out, and Tab goes on to the next question).
    // Partly right or wrong: the first part to change. Empty: the first control.
    if (result.status === "empty") return (view.control.first() || view.feedback).focus();
    const marks = result.marks || [];
    const parts = view.control.parts();
    const wrong = marks.findIndex((m) => m === false || m === "wrong" || m === "almost" || m === "empty");
    if (["wrong", "partial", "almost"].includes(result.status) && wrong >= 0 && parts[wrong]) {
      const part = parts[wrong];
      const target = part.matches("button, input") ? part : part.querySelector("input, button:not([disabled])");
      if (target) return target.focus();
    }
    view.feedback.focus();
  }

  function draw() {
    const results = model.get("results") || {};
    const finished = model.get("finished");
    for (const view of Object.values(views)) {
      const result = results[view.item.id];
      const key = JSON.stringify(result || null);
      if (key === view.shown) continue;
      view.shown = key;
      drawFeedback(view, result);
      if (result && pending.has(view.item.id)) {
        pending.delete(view.item.id);
        focusAfter(view, result);
      }
    }
    if (assessment) {
      for (const view of Object.values(views)) view.control.disable(finished);
      if (finished && finish) {
        finish.closest(".lk-finish-box").hidden = true;
      }
    }
    score.textContent = model.get("score") || "";
  }
  function drawSaved() {
    const saved = model.get("saved") || {};
    for (const view of Object.values(views)) {
      const mark = view.buttons.querySelector(".lk-saved");
      if (mark && saved[view.item.id]) mark.textContent = "Answer saved";
    }
  }
  const answers = model.get("answers") || {};
  for (const [id, answer] of Object.entries(answers)) if (views[id]) views[id].control.write(answer);
  const wasFinished = model.get("finished");
  model.on("change:results", draw);
  model.on("change:score", draw);
  model.on("change:finished", () => {
    draw();
    if (model.get("finished") && !wasFinished) {
      announce(model.get("score"));
      score.setAttribute("tabindex", "-1");
      score.focus();
    }
  });
  model.on("change:saved", drawSaved);
  draw();
  drawSaved();
  box.append(live);
  // "jupyter-widgets" marks a live widget, as on every stock widget (tools and tests look for it).
  root.classList.add("jupyter-widgets", model.get("css_class"));
  root.append(box);
  return () => Object.values(saveTimers).forEach(clearTimeout);
}

export default { render };
