// The article read aloud (lessonkit ListeningView): play / pause, three speeds, the sentence
// being read highlighted (bold and underlined, not colour alone), click or press a sentence to
// play from it. The audio comes from the kernel as bytes: no file server is needed.

function render({ model, el: root }) {
  const audio = audioFrom(model);
  const sentences = model.get("sentences");
  const box = el("section", {
    class: "lk-player",
    "aria-label": model.get("label") || "The article read aloud",
    "data-lm-suppress-shortcuts": "true",
  });
  const bar = el("div", { class: "lk-player-bar" });
  const play = el("button", {
    type: "button",
    class: "lk-play",
    "aria-pressed": "false",
    "aria-label": "Play",
  }, "▶ Play");
  const time = el("span", { class: "lk-time" }, "0:00");
  bar.append(play, speedButtons(model, audio), time);

  const [showWords, hideWords] = model.get("text_button") || ["Show the text", "Hide the text"];
  const showText = el("button", {
    type: "button",
    class: "lk-show-text",
    "aria-expanded": "false",
  }, showWords);
  const text = el("div", { class: "lk-transcript", lang: "en" });
  text.id = `lk-transcript-${Math.random().toString(36).slice(2)}`;
  showText.setAttribute("aria-controls", text.id);
  const spans = [];
  let paragraph = null;
  let current = -1;
  sentences.forEach((s, i) => {
    if (!paragraph || paragraph.dataset.paragraph !== String(s.paragraph)) {
      paragraph = el("p", { class: "lk-paragraph", "data-paragraph": String(s.paragraph) });
      paragraph.append(el("span", { class: "lk-number" }, `[${s.paragraph}]`), " ");
      if (s.speaker) paragraph.append(el("strong", { class: "lk-speaker" }, `${s.speaker}:`), " ");
      text.append(paragraph);
    }
    const where = s.paragraph === 0 ? "the headline" : `paragraph ${s.paragraph}`;
    const span = el("span", {
      class: "lk-sentence",
      role: "button",
      tabindex: "0",
      "data-index": String(i),
      "data-start": String(s.start),
      "aria-label": `${s.text} (${where}; press to listen from here)`,
    }, s.text);
    const go = () => {
      audio.currentTime = s.start;
      mark(i);
      audio.play().catch(() => {});
    };
    span.addEventListener("click", go);
    span.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        go();
      }
    });
    spans.push(span);
    paragraph.append(span, " ");
  });

  const hidden = model.get("listen_first");
  text.hidden = hidden;
  showText.hidden = !hidden;
  showText.addEventListener("click", () => {
    text.hidden = !text.hidden;
    showText.setAttribute("aria-expanded", String(!text.hidden));
    showText.textContent = text.hidden ? showWords : hideWords;
  });

  function mark(index) {
    if (index === current) return;
    if (current >= 0) spans[current].removeAttribute("aria-current");
    current = index;
    if (index >= 0) spans[index].setAttribute("aria-current", "true");
  }

  function follow() {
    const now = audio.currentTime;
    let found = -1;
    for (let i = 0; i < sentences.length; i++) {
      if (sentences[i].start <= now + 0.05) found = i;
      else break;
    }
    mark(found);
    time.textContent = `${clock(now)} / ${clock(audio.duration)}`;
  }

  let frame = 0;
  const tick = () => {
    follow();
    if (!audio.paused) frame = requestAnimationFrame(tick);
  };
  audio.addEventListener("play", () => {
    play.textContent = "❚❚ Pause";
    play.setAttribute("aria-pressed", "true");
    play.setAttribute("aria-label", "Pause");
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(tick);
  });
  audio.addEventListener("pause", () => {
    play.textContent = "▶ Play";
    play.setAttribute("aria-pressed", "false");
    play.setAttribute("aria-label", "Play");
    follow();
  });
  audio.addEventListener("loadedmetadata", follow);
  audio.addEventListener("seeked", follow);
  play.addEventListener("click", () => {
    if (audio.paused) audio.play().catch(() => {});
    else audio.pause();
  });

  box.append(bar, showText, text);
  box.lkAudio = audio; // for tests and for other views on the page
  // "jupyter-widgets" marks a live widget, as on every stock widget (tools and tests look for it).
  root.classList.add("jupyter-widgets", "lk-player-view");
  root.append(box);
  return () => {
    audio.pause();
    cancelAnimationFrame(frame);
    URL.revokeObjectURL(audio.src);
  };
}

export default { render };
