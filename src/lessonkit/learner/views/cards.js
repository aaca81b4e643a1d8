// Flashcards and the word review (lessonkit FlashcardView, ReviewView): one card at a time.
// A tap or click on the card, or the Turn over button, turns it; then "I knew it" or
// "Not yet" (sent to the kernel, which counts it and, in the review, schedules and saves it)
// moves on. Previous / Next move without marking. The tally says marks with symbols and words.

function render({ model, el: root }) {
  root.classList.add("jupyter-widgets", "lk-wv", "lk-flashcards");
  const title = model.get("title");
  const box = el("section", { class: "lk-cards-box", "aria-label": title });
  ownKeys(box);
  const say = sayer(model);
  const sayable = new Set(model.get("sayable"));
  const cards = model.get("cards");

  const face = el("div", { class: "lk-card", role: "group", "aria-live": "polite" });
  const turn = button("Turn over", { class: "lk-flip", "aria-pressed": "false" });
  const knew = button("✔ I knew it", { class: "lk-knew" });
  const notYet = button("✘ Not yet", { class: "lk-not-yet" });
  const prev = button("← Previous", { class: "lk-prev", "aria-label": "Previous card" });
  const next = button("Next →", { class: "lk-next", "aria-label": "Next card" });
  const status = el("p", { class: "lk-card-status", "aria-live": "polite" });
  const marking = el("div", { class: "lk-buttons lk-mark-buttons", role: "group", "aria-label": "Did you know it?" });
  marking.append(knew, notYet);
  const moving = el("div", { class: "lk-buttons", role: "group", "aria-label": "Move" });
  moving.append(prev, next);
  const turning = el("div", { class: "lk-buttons" });
  turning.append(turn);

  const set = (changes) => {
    for (const [key, value] of Object.entries(changes)) model.set(key, value);
    model.save_changes();
  };
  const index = () => (cards.length ? model.get("index") % cards.length : 0);

  function draw() {
    if (!cards.length) {
      face.replaceChildren(el("p", { class: "lk-card-empty" }, model.get("empty_text")));
      for (const b of [turn, knew, notYet, prev, next]) b.hidden = true;
      status.textContent = "";
      return;
    }
    const card = cards[index()];
    const flipped = model.get("flipped");
    face.classList.toggle("lk-card-back", flipped);
    face.classList.toggle("lk-card-front", !flipped);
    const word = el("p", { class: "lk-card-word" }, card.front);
    const parts = [word];
    if (flipped) {
      word.append(el("span", { class: "lk-card-pos" }, ` (${card.pos})`));
      parts.push(el("p", { class: "lk-card-meaning" }, card.back));
      if (card.example) {
        const p = el("p", { class: "lk-card-example" });
        p.append(el("em", {}, card.example));
        parts.push(p);
      }
      if (card.in_article && card.in_article !== card.example) {
        const p = el("p", { class: "lk-card-article" });
        p.append(el("strong", {}, "In the article:"), ` ${card.in_article}`);
        parts.push(p);
      }
    } else {
      parts.push(el("p", { class: "lk-card-ask" }, "What does it mean? Think, then turn the card over."));
    }
    face.replaceChildren(...parts);
    face.setAttribute("aria-label", `Card ${index() + 1} of ${cards.length}, ${flipped ? "back" : "front"}`);
    turn.textContent = flipped ? "Turn back" : "Turn over";
    turn.setAttribute("aria-pressed", String(flipped));
    const old = turning.querySelector(".lk-say");
    if (old) old.remove();
    if (sayable.has(card.id)) turning.append(say(card.front, { id: card.id }));
    const marks = model.get("marks");
    const known = Object.values(marks).filter((v) => v).length;
    const mark = card.id in marks ? (marks[card.id] ? " · this card: ✔ I knew it" : " · this card: ✘ Not yet") : "";
    status.textContent =
      `Card ${index() + 1} of ${cards.length} · ✔ I knew it: ${known} · ` +
      `✘ Not yet: ${Object.keys(marks).length - known}${mark}`;
  }

  const flip = () => set({ flipped: !model.get("flipped") });
  const move = (step) => set({ index: (index() + step + cards.length) % cards.length, flipped: false });
  face.addEventListener("click", (event) => {
    if (event.target.closest("button")) return;
    if (cards.length) flip();
  });
  turn.addEventListener("click", flip);
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  const markIt = (value) => {
    if (!cards.length) return;
    model.send({ action: "mark", id: cards[index()].id, knew: value });
    move(1);
  };
  knew.addEventListener("click", () => markIt(true));
  notYet.addEventListener("click", () => markIt(false));

  model.on("change:index", draw);
  model.on("change:flipped", draw);
  model.on("change:marks", draw);
  draw();
  box.append(face, turning, marking, moving, status);
  root.append(box);
}

export default { render };
