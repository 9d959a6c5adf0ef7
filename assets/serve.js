// protracted serve: the page's only script (vanilla, no dependencies, embedded in the binary).
// It builds the lever controls from /api/scenario, re-runs on every move through /api/run
// (the newest request cancels the older one), and swaps in the server's SVG charts.
// Scenario text is set with textContent only; the SVG and the numbers table come escaped
// from the server.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { scenario: null, levers: [], values: {}, seed: null, variable: null, focus: 0,
                  inflight: null, timer: null, renders: 0, t0: 0 };
  const api = window.protracted = { state, last: null, lastMs: null };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fmt(x, step) {
    const d = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)));
    return Number(x).toFixed(d);
  }

  function body() {
    const levers = {};
    for (const l of state.levers) {
      const v = state.values[l.id];
      if (Math.abs(v - l.initial) > 1e-12) levers[l.id] = v;
    }
    const b = { scenario: state.scenario, levers };
    if (state.variable) b.variable = state.variable;
    if (state.seed !== null) b.seed = state.seed;
    return b;
  }

  async function post(path, signal) {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
                                  body: JSON.stringify(body()), signal });
    return r;
  }

  function showErrors(e) {
    $("error").textContent = e && e.error ? e.error : "";
    for (const l of state.levers) {
      const box = document.querySelector(`.lever[data-id="${l.id}"] .lever-error`);
      if (box) box.textContent = (e && e.levers && e.levers[l.id]) || "";
    }
    document.body.dataset.error = e && e.error ? "1" : "";
  }

  function schedule() {
    state.t0 = performance.now();
    clearTimeout(state.timer);
    state.timer = setTimeout(run, 30);
  }

  async function run() {
    if (state.inflight) state.inflight.abort();
    const ctl = new AbortController();
    state.inflight = ctl;
    const t0 = state.t0 || performance.now();
    $("status").textContent = "running " + document.body.dataset.runs + " runs…";
    let r;
    try {
      r = await post("/api/run", ctl.signal);
    } catch (e) {
      if (e.name !== "AbortError") $("status").textContent = "the server did not answer";
      return;
    }
    let data;
    try { data = await r.json(); } catch (e) { data = { error: "HTTP " + r.status }; }
    if (ctl !== state.inflight) return;
    state.inflight = null;
    if (!r.ok) {
      showErrors(data);
      $("status").textContent = "not run: see the message";
      return;
    }
    showErrors(null);
    for (const k of ["tipping", "outcomes", "fan"]) $("chart-" + k).innerHTML = data.charts[k];
    $("numbers").innerHTML = data.numbers;
    $("command").textContent = data.command;
    api.last = data;
    requestAnimationFrame(() => {
      const ms = performance.now() - t0;
      api.lastMs = ms;
      state.renders += 1;
      document.body.dataset.renders = String(state.renders);
      document.body.dataset.ms = ms.toFixed(0);
      $("status").textContent = `${document.body.dataset.runs} runs in ${ms.toFixed(0)} ms (server ${data.server_ms.toFixed(0)} ms)` +
        (state.seed !== null ? ` · seed ${state.seed}` : "");
    });
  }

  function setValue(l, v) {
    v = Math.min(l.max, Math.max(l.min, Math.round((v - l.min) / l.step) * l.step + l.min));
    state.values[l.id] = v;
    const box = document.querySelector(`.lever[data-id="${l.id}"]`);
    if (box) {
      box.querySelector("input").value = v;
      box.querySelector(".value").textContent = fmt(v, l.step);
      box.classList.toggle("moved", Math.abs(v - l.initial) > 1e-12);
    }
  }

  function focusLever(i) {
    const boxes = document.querySelectorAll(".lever");
    if (!boxes.length) return;
    state.focus = (i + boxes.length) % boxes.length;
    boxes.forEach((b, j) => b.classList.toggle("focused", j === state.focus));
  }

  function buildLevers(s) {
    const host = $("levers");
    host.replaceChildren();
    state.levers = s.levers;
    state.values = {};
    $("levers-note").textContent = s.levers.length === 0
      ? "This scenario has no levers: declare some in a [levers] table."
      : (s.declared ? "" : "This scenario declares no [levers]: these are the essay's levers that apply to it.");
    s.levers.forEach((l, i) => {
      const box = el("div", "lever");
      box.dataset.id = l.id;
      const head = el("label", "lever-label");
      const input = el("input");
      input.type = "range"; input.min = l.min; input.max = l.max; input.step = l.step; input.value = l.initial;
      input.id = "lever-" + l.id;
      head.htmlFor = input.id;
      head.append(el("span", "name", l.label), el("span", "value", fmt(l.initial, l.step)), el("span", "unit", l.unit));
      const path = el("div", "path", l.path);
      input.addEventListener("input", () => { setValue(l, Number(input.value)); focusLever(i); schedule(); });
      box.append(head, input, path, el("div", "lever-error"));
      host.append(box);
      state.values[l.id] = l.initial;
    });
    focusLever(0);
  }

  function buildTeaching(s) {
    const t = s.teaching, host = $("teaching");
    host.replaceChildren();
    if (!t.what_it_shows && !t.things_to_notice.length && !t.questions.length) return;
    host.append(el("h2", null, "Teaching notes"));
    if (t.what_it_shows) host.append(el("p", "shows", t.what_it_shows));
    for (const [head, items] of [["Things to notice", t.things_to_notice], ["Things to try", t.things_to_try], ["Questions", t.questions]]) {
      if (!items.length) continue;
      const d = el("div", "notes");
      d.append(el("h3", null, head));
      const ul = el("ul");
      for (const i of items) ul.append(el("li", null, i));
      d.append(ul);
      host.append(d);
    }
  }

  async function load(name) {
    const r = await fetch("/api/scenario?name=" + encodeURIComponent(name));
    if (!r.ok) { $("error").textContent = await r.text(); return; }
    const s = await r.json();
    state.scenario = s.name;
    state.seed = null;
    $("title").textContent = s.title;
    $("description").textContent = s.description;
    const sel = $("variable");
    sel.replaceChildren();
    for (const v of s.variables) {
      const o = el("option", null, v.label);
      o.value = v.key;
      sel.append(o);
    }
    const wanted = s.variables.find((v) => v.key === state.variable) || s.variables.find((v) => v.key === "front_k@0");
    if (wanted) { sel.value = wanted.key; state.variable = wanted.key; }
    buildLevers(s);
    buildTeaching(s);
    schedule();
  }

  async function download(path, fallbackName) {
    const r = await post(path);
    if (!r.ok) { showErrors(await r.json().catch(() => ({ error: "HTTP " + r.status }))); return; }
    const cd = r.headers.get("Content-Disposition") || "";
    const m = /filename="([^"]+)"/.exec(cd);
    const blob = await r.blob();
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = m ? m[1] : fallbackName;
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // For the browser test and for scripts: the text "Save scenario" downloads.
  api.savedScenarioText = async () => (await post("/api/save")).text();

  function chart(k) {
    document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.chart === k));
    document.querySelectorAll(".chart").forEach((f) => f.classList.toggle("shown", f.id === "chart-" + k));
  }

  function resetAll() {
    for (const l of state.levers) setValue(l, l.initial);
    schedule();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("scenario").addEventListener("change", (e) => load(e.target.value));
    $("variable").addEventListener("change", (e) => { state.variable = e.target.value; schedule(); });
    $("reset").addEventListener("click", resetAll);
    $("luck").addEventListener("click", () => { state.seed = (state.seed === null ? 1 : state.seed + 1); schedule(); });
    $("save").addEventListener("click", () => download("/api/save", "scenario-levers.toml"));
    $("save-report").addEventListener("click", () => download("/api/report", "report.html"));
    $("projector").addEventListener("click", () => document.body.classList.toggle("projector"));
    document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => chart(b.dataset.chart)));
    document.addEventListener("keydown", (e) => {
      const tag = e.target && e.target.tagName;
      if (e.ctrlKey || e.metaKey || e.altKey || tag === "SELECT" || tag === "TEXTAREA") return;
      const onRange = tag === "INPUT";
      const l = state.levers[state.focus];
      if (e.key === "ArrowUp" && !onRange) { focusLever(state.focus - 1); e.preventDefault(); }
      else if (e.key === "ArrowDown" && !onRange) { focusLever(state.focus + 1); e.preventDefault(); }
      else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !onRange && l) {
        setValue(l, state.values[l.id] + (e.key === "ArrowRight" ? l.step : -l.step)); schedule(); e.preventDefault();
      }
      else if (e.key === "r" || e.key === "R") resetAll();
      else if (e.key === "n" || e.key === "N") $("luck").click();
      else if (e.key === "p" || e.key === "P") $("projector").click();
      else if (e.key === "1") chart("tipping");
      else if (e.key === "2") chart("outcomes");
      else if (e.key === "3") chart("fan");
    });
    load(document.body.dataset.scenario);
  });
})();
