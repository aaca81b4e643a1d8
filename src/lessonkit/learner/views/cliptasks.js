// Dictation and listening gap fill (lessonkit ClipTasksView). Each task plays its own stretch
// of audio. The learner's answer goes to the kernel, which grades and stores it and then sends
// the feedback; the sentence (or the missing words) arrives only then. On reopening, the kernel
// sends what the learner last wrote ("answers") and its marks ("results", flagged "earlier").

const MARKS = {
  right: ["✔", "right"],
  almost: ["≈", "check the spelling"],
  wrong: ["✘", "wrong"],
  missing: ["‸", "missing word"],
  extra: ["+", "extra word"],
};
const GAP_MARKS = {
  correct: ["✔", "right"],
  almost: ["≈", "check the spelling"],
  wrong: ["✘", "not right"],
  empty: ["○", "empty"],
};

function wordMarks(words) {
  const line = el("p", { class: "lk-marked" });
  line.append(el("strong", {}, "Your sentence: "));
  for (const [mark, given, target] of words) {
    const [symbol, name] = MARKS[mark];
    const shown = mark === "missing" ? "___" : given;
    const word = el("span", { class: `lk-w lk-w-${mark}` });
    word.append(el("span", { class: "lk-w-text" }, shown));
    word.append(el("span", { class: "lk-w-mark", "aria-hidden": "true" }, symbol));
    const say = mark === "right" ? "" : ` (${name}${target && mark !== "extra" ? `: ${target}` : ""})`;
    if (say) word.append(el("span", { class: "lk-sr" }, say));
    line.append(word, " ");
  }
  return line;
}

function render({ model, el: root }) {
  const audio = audioFrom(model);
  const kind = model.get("kind");
  const box = el("section", {
    class: `lk-cliptasks lk-${kind}`,
    "aria-label": kind === "dictation" ? "Dictation" : "Listen and fill the gaps",
    "data-lm-suppress-shortcuts": "true",
  });
  box.lkAudio = audio;
  box.append(speedButtons(model, audio));
  let stopAt = null;
  let frame = 0;
  const watch = () => {
    if (stopAt !== null && audio.currentTime >= stopAt) {
      audio.pause();
      stopAt = null;
      return;
    }
    if (!audio.paused) frame = requestAnimationFrame(watch);
  };
  audio.addEventListener("play", () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(watch);
  });
  const tasks = model.get("tasks");
  const views = {};
  for (const task of tasks) {
    const part = el("div", { class: "lk-cliptask", "data-id": task.id });
    const heading =
      kind === "dictation" ? `Sentence ${task.n} of ${tasks.length}` : "The paragraph";
    part.append(el("h4", { class: "lk-cliptask-title" }, heading));
    const play = el("button", {
      type: "button",
      class: "lk-play-clip",
      "aria-label": kind === "dictation" ? `Play sentence ${task.n}` : "Play the paragraph",
    }, "▶ Play");
    play.addEventListener("click", () => {
      audio.currentTime = task.start;
      stopAt = task.end;
      audio.play().catch(() => {});
      play.textContent = "▶ Play again";
    });
    part.append(play);
    const inputs = [];
    if (kind === "dictation") {
      const id = `lk-d-${task.id}-${Math.random().toString(36).slice(2)}`;
      part.append(el("label", { for: id, class: "lk-label" }, "Write what you hear:"));
      const input = el("textarea", {
        id,
        class: "lk-dictation-input",
        rows: "2",
        autocomplete: "off",
        autocapitalize: "off",
        spellcheck: "false",
      });
      inputs.push(input);
      part.append(input);
    } else {
      const pieces = task.text.split("___");
      const shown = el("p", { class: "lk-gap-text" });
      pieces.forEach((piece, i) => {
        shown.append(piece);
        if (i < pieces.length - 1) shown.append(el("strong", {}, `(${i + 1}) ……`));
      });
      part.append(shown);
      for (let i = 0; i < task.gaps; i++) {
        const id = `lk-g-${i}-${Math.random().toString(36).slice(2)}`;
        const row = el("div", { class: "lk-gap-row" });
        row.append(el("label", { for: id, class: "lk-label" }, `Gap ${i + 1}:`));
        const input = el("input", {
          id,
          type: "text",
          class: "lk-gap-input",
          autocomplete: "off",
          spellcheck: "false",
        });
        inputs.push(input);
        row.append(input);
        part.append(row);
      }
    }
    const buttons = el("div", { class: "lk-buttons" });
    const check = el("button", { type: "button", class: "lk-check" }, "✔ Check");
    const show = el("button", { type: "button", class: "lk-show" },
      kind === "dictation" ? "Show the sentence" : "Show the words");
    buttons.append(check, show);
    const feedback = el("div", { class: "lk-feedback", role: "status", "aria-live": "polite" });
    check.addEventListener("click", () => {
      const answer = kind === "dictation" ? inputs[0].value : inputs.map((i) => i.value);
      model.send({ action: "check", id: task.id, answer });
    });
    show.addEventListener("click", () => model.send({ action: "show", id: task.id }));
    for (const input of inputs) {
      input.addEventListener("keydown", (event) => event.stopPropagation());
    }
    part.append(buttons, feedback);
    box.append(part);
    views[task.id] = { feedback, inputs };
    const earlier = (model.get("answers") || {})[task.id];
    if (kind === "dictation" && typeof earlier === "string") inputs[0].value = earlier;
    if (kind === "gaps" && Array.isArray(earlier)) {
      inputs.forEach((input, i) => {
        if (typeof earlier[i] === "string") input.value = earlier[i];
      });
    }
  }

  function draw() {
    const results = model.get("results") || {};
    for (const [id, result] of Object.entries(results)) {
      const view = views[id];
      if (!view) continue;
      const out = view.feedback;
      out.replaceChildren();
      if (result.earlier) {
        out.append(el("p", { class: "lk-earlier" }, "Your answer from last time:"));
      }
      out.append(el("p", { class: `lk-verdict lk-${result.status}` }, result.message));
      if (result.status === "revealed") {
        const answer = Array.isArray(result.answer)
          ? result.answer.map((w, i) => `(${i + 1}) ${w}`).join("  ")
          : result.answer;
        out.append(el("p", { class: "lk-right-sentence" }, answer));
        continue;
      }
      if (result.words && result.words.length) out.append(wordMarks(result.words));
      if (result.answer) {
        const right = el("p", { class: "lk-right-sentence" });
        right.append(el("strong", {}, "The sentence: "), result.answer);
        out.append(right);
      }
      if (result.gaps) {
        result.gaps.forEach((verdict, i) => {
          const [symbol, name] = GAP_MARKS[verdict] || GAP_MARKS.wrong;
          const input = view.inputs[i];
          input.setAttribute("aria-invalid", String(verdict !== "correct"));
          input.setAttribute("aria-describedby", `${input.id}-mark`);
          let mark = input.parentElement.querySelector(".lk-gap-mark");
          if (!mark) {
            mark = el("span", { class: "lk-gap-mark", id: `${input.id}-mark` });
            input.after(mark);
          }
          mark.textContent = `${symbol} ${name}`;
        });
      }
    }
  }
  model.on("change:results", draw);
  draw();
  // "jupyter-widgets" marks a live widget, as on every stock widget (tools and tests look for it).
  root.classList.add("jupyter-widgets", "lk-cliptasks-view");
  root.append(box);
  return () => {
    audio.pause();
    cancelAnimationFrame(frame);
    URL.revokeObjectURL(audio.src);
  };
}

export default { render };
