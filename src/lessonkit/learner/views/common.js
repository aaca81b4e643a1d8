// Helpers every lessonkit view shares. anywidget loads each view's module alone (it cannot
// import a sibling file), so lessonkit.learner.frontend puts this file in front of each view's
// own module when the widget class is made: one copy in the package, none in the views.

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function audioFrom(model) {
  const bytes = model.get("audio");
  const blob = new Blob([bytes], { type: "audio/mpeg" });
  const audio = new Audio();
  audio.preload = "auto";
  audio.src = URL.createObjectURL(blob);
  audio.preservesPitch = true; // the speed changes, the voice does not
  audio.mozPreservesPitch = true;
  audio.webkitPreservesPitch = true;
  return audio;
}

function speedButtons(model, audio, onChange) {
  const group = el("div", { class: "lk-speeds", role: "group", "aria-label": "Speed" });
  const buttons = model.get("speeds").map((rate) => {
    const label = `${rate}×`;
    const button = el("button", {
      type: "button",
      class: "lk-speed",
      "data-rate": String(rate),
      "aria-pressed": String(rate === 1),
      "aria-label": `Speed ${rate}`,
    }, label);
    button.addEventListener("click", () => {
      audio.playbackRate = rate;
      audio.defaultPlaybackRate = rate;
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
      if (onChange) onChange(rate);
    });
    group.append(button);
    return button;
  });
  return group;
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function uid(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

function button(text, attrs = {}, onClick = null) {
  const node = el("button", { type: "button", ...attrs }, text);
  if (onClick) node.addEventListener("click", onClick);
  return node;
}

// "Say it": the kernel sends a word's recording only when the learner presses the button
// (a message {action: "say", ...extra}; the reply {action: "audio", found} carries the MP3 as
// its buffer). sayer(model) listens once per view and returns a maker of Say-it buttons.
function sayer(model) {
  let audio = null;
  let pressed = null;
  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.action !== "audio" || !pressed) return;
    const which = pressed;
    pressed = null;
    which.removeAttribute("aria-busy");
    if (!msg.found || !buffers || !buffers.length) {
      which.textContent = "No recording";
      return;
    }
    if (audio) {
      audio.pause();
      URL.revokeObjectURL(audio.src);
    }
    audio = new Audio(URL.createObjectURL(new Blob([buffers[0]], { type: "audio/mpeg" })));
    which.lkAudio = audio; // for tests
    audio.play().catch(() => {});
  });
  return function sayButton(word, extra = {}) {
    const node = button("▶ Say it", {
      class: "lk-say",
      "aria-label": `Say “${word}” aloud`,
    });
    node.addEventListener("click", (event) => {
      event.stopPropagation();
      pressed = node;
      node.setAttribute("aria-busy", "true");
      model.send({ action: "say", word, ...extra });
    });
    return node;
  };
}

// Keys typed in a view are the view's, not JupyterLab's notebook shortcuts (Lumino reads
// this attribute on the target's ancestors).
function ownKeys(node) {
  node.setAttribute("data-lm-suppress-shortcuts", "true");
}
