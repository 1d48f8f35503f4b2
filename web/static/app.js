// pledge serve: corrections from the pages, saved through the JSON API.
// Every value shown comes from the server as text and is set as text.
"use strict";

(function () {
  const msg = document.getElementById("msg");
  let msgTimer = 0;

  function say(text, isError) {
    msg.textContent = text;
    msg.classList.toggle("error", !!isError);
    clearTimeout(msgTimer);
    msgTimer = setTimeout(() => { msg.textContent = ""; }, isError ? 8000 : 2500);
  }

  // patch sends a correction and returns the commitment as it is now.
  async function patch(id, body) {
    const res = await fetch("/api/commitments/" + id, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) {
      throw new Error(data.error || res.statusText);
    }
    return data;
  }

  async function candidates(id) {
    const res = await fetch("/api/commitments/" + id + "/candidates");
    const data = await res.json();
    if (!res.ok) {
      throw new Error(data.error || res.statusText);
    }
    return data;
  }

  // showCandidates fills list with the earlier commitments, numbered; pick
  // is called with the one chosen.
  function showCandidates(list, items, pick) {
    list.replaceChildren();
    if (items.length === 0) {
      const li = document.createElement("li");
      li.textContent = "No earlier commitment of the same parties shares its words.";
      list.append(li);
    }
    items.forEach((c, i) => {
      const li = document.createElement("li");
      const head = document.createElement("span");
      head.className = "meta";
      head.textContent = c.id + " · " + (c.date || "no date") + " · chance " + c.candidate_similarity.toFixed(2) + " · ";
      const text = document.createElement("span");
      text.textContent = c.text;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = i < 9 ? "repeats this (" + (i + 1) + ")" : "repeats this";
      button.addEventListener("click", () => pick(c));
      li.append(head, text, button);
      list.append(li);
    });
    list.hidden = false;
  }

  // The page of one commitment: buttons, then a reload to show it all.
  const controls = document.querySelector("section.controls");
  if (controls) {
    const id = controls.dataset.id;
    const done = (what) => () => { say(what); setTimeout(() => location.reload(), 400); };
    const fail = (err) => say(err.message, true);
    controls.addEventListener("click", (ev) => {
      const action = ev.target.dataset && ev.target.dataset.action;
      if (!action) {
        return;
      }
      if (action === "label") {
        const domain = controls.querySelector(".domain-select").value;
        patch(id, { domain }).then(done("Labelled " + domain)).catch(fail);
      } else if (action === "unlabel") {
        patch(id, { label_source: "model" }).then(done("The model's label is back")).catch(fail);
      } else if (action === "new") {
        patch(id, { status: "new" }).then(done("Marked new")).catch(fail);
      } else if (action === "unlink") {
        patch(id, { link_source: "model" }).then(done("The linker decides again")).catch(fail);
      } else if (action === "choose") {
        const list = controls.querySelector(".candidates");
        candidates(id).then((items) => showCandidates(list, items, (c) => {
          patch(id, { previous_id: c.id }).then(done("Linked to " + c.id)).catch(fail);
        })).catch(fail);
      }
    });
  }

  // The review queue, driven by the keyboard.
  const cards = Array.from(document.querySelectorAll("article.card"));
  const keys = document.getElementById("keys");
  if (!cards.length || !keys) {
    return;
  }
  const readOnly = document.body.classList.contains("read-only");
  const domainOfKey = {};
  const nameOf = {};
  keys.querySelectorAll("li[data-key]").forEach((li) => {
    domainOfKey[li.dataset.key] = li.dataset.domain;
    nameOf[li.dataset.domain] = li.dataset.name;
  });
  let current = 0;
  let choosing = null; // the candidates shown after r
  const undo = [];

  const position = document.getElementById("position");

  // focus makes card i the current one, and says which it is.
  function focus(i) {
    current = Math.max(0, Math.min(cards.length - 1, i));
    cards.forEach((c, k) => c.classList.toggle("current", k === current));
    cards[current].focus({ preventScroll: true });
    cards[current].scrollIntoView({ block: "nearest" });
    if (position) {
      position.textContent = "Now on card " + (current + 1) + " of " + cards.length + " (commitment " + cards[current].dataset.id + ").";
    }
  }

  // state is what a card shows of a commitment, to undo to.
  function state(card) {
    const d = card.dataset;
    return { domain: d.domain, label_source: d.labelSource, status: d.status, previous_id: d.previous, link_source: d.linkSource };
  }

  // show puts the commitment the server returned on its card.
  function show(card, c) {
    const d = card.dataset;
    d.domain = c.domain;
    d.labelSource = c.label_source;
    d.status = c.status;
    d.previous = c.previous_id ? String(c.previous_id) : "";
    d.linkSource = c.link_source;
    const label = card.querySelector(".label");
    label.replaceChildren(
      text("domain-name", nameOf[c.domain] || c.domain), " ",
      text("prob", c.probability.toFixed(2)), " ",
      text("source source-" + c.label_source, c.label_source));
    const link = card.querySelector(".link");
    const parts = [text("status-" + c.status, c.status)];
    if (c.link_source === "person") {
      parts.push(" ", text("source source-person", "person"));
    }
    if (c.previous_id) {
      parts.push(" from " + c.previous_id + " (chance " + c.similarity.toFixed(2) + ")");
    }
    link.replaceChildren(...parts);
    card.classList.add("done");
  }

  function text(className, s) {
    const span = document.createElement("span");
    span.className = className;
    span.textContent = s;
    return span;
  }

  // correct sends a correction for the current card, keeps how to undo it,
  // and moves on to the next card, as the page says keys do.
  function correct(body, undoBody, what) {
    if (readOnly) {
      say("The database is open read-only.", true);
      return;
    }
    const card = cards[current];
    const id = card.dataset.id;
    patch(id, body).then((c) => {
      undo.push({ card, body: undoBody });
      show(card, c);
      if (cards[current] === card) {
        focus(current + 1);
      }
      const next = cards[current] === card ? "; that was the last card" : "; now on commitment " + cards[current].dataset.id;
      say(what + ": commitment " + id + next + " (u undoes)");
    }).catch((err) => say(err.message, true));
  }

  // labelUndo and linkUndo give back what a card had before.
  function labelUndo(before) {
    return before.label_source === "model" ? { label_source: "model" } : { domain: before.domain };
  }
  function linkUndo(before) {
    if (before.link_source === "model") {
      return { link_source: "model" };
    }
    return before.previous_id ? { previous_id: Number(before.previous_id) } : { status: "new" };
  }

  function closeCandidates() {
    if (choosing) {
      choosing.list.hidden = true;
      choosing = null;
    }
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) {
      return;
    }
    const tag = ev.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
      return;
    }
    const card = cards[current];
    const before = state(card);
    if (choosing) {
      if (ev.key === "Escape") {
        closeCandidates();
      } else if (/^[1-9]$/.test(ev.key) && choosing.items[Number(ev.key) - 1]) {
        const c = choosing.items[Number(ev.key) - 1];
        closeCandidates();
        correct({ previous_id: c.id }, linkUndo(before), "Repeats " + c.id);
      } else {
        return;
      }
      ev.preventDefault();
      return;
    }
    if (Object.prototype.hasOwnProperty.call(domainOfKey, ev.key)) {
      const domain = domainOfKey[ev.key];
      correct({ domain }, labelUndo(before), "Labelled " + (nameOf[domain] || domain));
    } else if (ev.key === "n") {
      correct({ status: "new" }, linkUndo(before), "Marked new");
    } else if (ev.key === "y") {
      const body = before.status === "recurring" && before.previous_id ? { previous_id: Number(before.previous_id) } : { status: "new" };
      correct(body, linkUndo(before), "Link confirmed");
    } else if (ev.key === "r") {
      const list = card.querySelector(".candidates");
      candidates(card.dataset.id).then((items) => {
        choosing = { list, items };
        showCandidates(list, items, (c) => {
          closeCandidates();
          correct({ previous_id: c.id }, linkUndo(before), "Repeats " + c.id);
        });
      }).catch((err) => say(err.message, true));
    } else if (ev.key === "j") {
      focus(current + 1);
    } else if (ev.key === "k") {
      focus(current - 1);
    } else if (ev.key === "u") {
      const last = undo.pop();
      if (!last) {
        say("Nothing to undo.");
      } else {
        patch(last.card.dataset.id, last.body).then((c) => {
          show(last.card, c);
          focus(cards.indexOf(last.card));
          say("Undone");
        }).catch((err) => say(err.message, true));
      }
    } else {
      return;
    }
    ev.preventDefault();
  });

  cards.forEach((card, i) => card.addEventListener("click", () => focus(i)));
  focus(0);
})();
