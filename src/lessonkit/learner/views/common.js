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
