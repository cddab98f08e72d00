extension Checklist {
    /// The page's script, exactly as it goes between `<script>` and `</script>`; the policy allows it by its hash.
    ///
    /// Plain ES5 with no network and no external file, so it runs from `file://` on an old phone.
    /// Entries are kept in `localStorage` under `backplan-log:` and the plan id; "Save my log"
    /// downloads them as the CSV `backplan log` writes (one row per session, the same columns),
    /// which `progress` and `plan --after` read. Every step checks that the markup it expects is
    /// there and leaves the page as it is when it is not.
    package static let script = #"""
(function () {
  "use strict";
  var source = document.getElementById("backplan-checklist");
  if (!source || !window.JSON || !document.querySelectorAll) { return; }
  var plan;
  try { plan = JSON.parse(source.textContent); } catch (error) { return; }
  if (!plan || typeof plan.plan_id !== "string" || !(plan.sessions instanceof Array)) { return; }

  var key = "backplan-log:" + plan.plan_id;
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (error) { store = null; }
  var log = {};
  if (store) {
    try { log = JSON.parse(store.getItem(key) || "{}") || {}; } catch (error) { log = {}; }
  }
  function keep() {
    if (!store) { return; }
    try { store.setItem(key, JSON.stringify(log)); } catch (error) { /* full or refused: the page still works */ }
  }
  function entry(date) {
    var found = log[date];
    if (!found || typeof found !== "object") { found = log[date] = {}; }
    if (!(found.done instanceof Array)) { found.done = []; }
    if (!(found.hurt instanceof Array)) { found.hurt = []; }
    if (!(found.extra instanceof Array)) { found.extra = []; }
    return found;
  }
  function text(node) { return (node.textContent || "").replace(/\s+/g, " ").replace(/^\s+|\s+$/g, ""); }
  function element(name, className, content) {
    var made = document.createElement(name);
    if (className) { made.className = className; }
    if (content) { made.appendChild(document.createTextNode(content)); }
    return made;
  }
  function toggle(list, value, on) {
    var at = list.indexOf(value);
    if (on && at < 0) { list.push(value); }
    if (!on && at >= 0) { list.splice(at, 1); }
  }

  var sessionsByDay = {};
  for (var s = 0; s < plan.sessions.length; s++) { sessionsByDay[plan.sessions[s].day] = plan.sessions[s]; }

  // A list item whose text starts with the tick box becomes a check box and a label holding the rest.
  function tickable(item, checked, onChange) {
    var walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT, null, false);
    var glyph = null;
    while (walker.nextNode()) {
      if (walker.currentNode.nodeValue.indexOf("\u2610") >= 0) { glyph = walker.currentNode; break; }
    }
    if (!glyph) { return null; }
    glyph.nodeValue = glyph.nodeValue.replace(/\u2610\s*/, "");
    var label = element("label", "bp-move");
    var words = element("span", "bp-words");
    while (item.firstChild) { words.appendChild(item.firstChild); }
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "bp-tick";
    box.checked = checked;
    label.appendChild(box);
    label.appendChild(words);
    item.appendChild(label);
    item.className += " bp-item";
    box.addEventListener("change", function () { onChange(box.checked); });
    return box;
  }

  function painField(caption, value, onChange) {
    var label = element("label", "bp-field", caption + " ");
    var input = document.createElement("input");
    input.type = "text";
    input.setAttribute("inputmode", "numeric");
    input.setAttribute("autocomplete", "off");
    input.maxLength = 2;
    input.size = 2;
    input.className = "bp-pain";
    input.value = value || "";
    label.appendChild(input);
    // Said in words as well as by the red border, for a screen reader and on a black-and-white screen.
    var hint = element("span", "bp-error", "");
    hint.id = "bp-error-" + (++hints);
    hint.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", hint.id);
    input.addEventListener("input", function () {
      var typed = input.value.replace(/^\s+|\s+$/g, "");
      var valid = typed === "" || (/^\d{1,2}$/.test(typed) && Number(typed) <= 10);
      input.setAttribute("aria-invalid", valid ? "false" : "true");
      hint.textContent = valid ? "" : "Write a number from 0 to 10";
      onChange(valid ? (typed === "" ? "" : String(Number(typed))) : "");
    });
    var pair = element("span", "bp-pair", "");
    pair.appendChild(label);
    pair.appendChild(hint);
    return pair;
  }
  var hints = 0;

  var ticks = 0;
  function enhance(section, session) {
    var labels = {};
    for (var m = 0; m < session.moves.length; m++) { labels[session.moves[m].label] = session.moves[m].id; }
    var saved = entry(session.date);
    var items = section.querySelectorAll("li");
    var extra = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (text(item).charAt(0) !== "\u2610") { continue; }
      var bold = item.querySelector("strong, b");
      var id = bold ? labels[text(bold)] : undefined;
      if (typeof id === "string") {
        var box = tickable(item, saved.done.indexOf(id) >= 0, (function (id) {
          return function (on) { toggle(entry(session.date).done, id, on); changed(); };
        })(id));
        if (!box) { continue; }
        ticks++;
        var hurt = element("label", "bp-hurt");
        var hurtBox = document.createElement("input");
        hurtBox.type = "checkbox";
        hurtBox.checked = saved.hurt.indexOf(id) >= 0;
        hurt.appendChild(hurtBox);
        hurt.appendChild(document.createTextNode(" hurt"));
        if (hurtBox.checked) { hurt.className += " bp-marked"; }
        hurtBox.addEventListener("change", (function (id, hurt, hurtBox) {
          return function () {
            toggle(entry(session.date).hurt, id, hurtBox.checked);
            hurt.className = "bp-hurt" + (hurtBox.checked ? " bp-marked" : "");
            changed();
          };
        })(id, hurt, hurtBox));
        item.appendChild(hurt);
      } else {
        // A tick box that is not a move (the cardio warm-up): kept on the page, not in the log.
        var index = extra++;
        if (tickable(item, saved.extra.indexOf(index) >= 0, (function (index) {
          return function (on) { toggle(entry(session.date).extra, index, on); changed(); };
        })(index))) { ticks++; }
      }
    }
    var fields = element("div", "bp-entry");
    fields.appendChild(painField("Pain before (0-10):", saved.pain_before, function (value) {
      entry(session.date).pain_before = value; changed();
    }));
    fields.appendChild(painField("Pain after (0-10):", saved.pain_after, function (value) {
      entry(session.date).pain_after = value; changed();
    }));
    var notes = element("label", "bp-field bp-notes", "Notes: ");
    var note = document.createElement("input");
    note.type = "text";
    note.className = "bp-note";
    note.value = saved.notes || "";
    note.addEventListener("input", function () { entry(session.date).notes = note.value; changed(); });
    notes.appendChild(note);
    fields.appendChild(notes);
    var paragraphs = section.querySelectorAll("p");
    var line = null;
    for (var p = paragraphs.length - 1; p >= 0; p--) {
      if (/pain/i.test(text(paragraphs[p]))) { line = paragraphs[p]; break; }
    }
    if (line) {
      line.className += " bp-replaced";
      line.parentNode.insertBefore(fields, line.nextSibling);
    } else {
      section.appendChild(fields);
    }
  }

  var sections = document.querySelectorAll("section.day");
  var enhanced = 0;
  for (var d = 0; d < sections.length; d++) {
    var heading = sections[d].querySelector("h1, h2, h3, h4, h5, h6");
    if (!heading) { continue; }
    var session = sessionsByDay[text(heading).split(":")[0]];
    if (!session) { continue; }
    enhance(sections[d], session);
    enhanced++;
  }
  if (!enhanced || !ticks) { return; }

  function cell(value) {
    var written = value === undefined || value === null ? "" : String(value);
    return /[",\r\n]/.test(written) || /^\s|\s$/.test(written) ? "\"" + written.replace(/"/g, "\"\"") + "\"" : written;
  }
  function csv() {
    var rows = [plan.columns.join(",")];
    for (var s = 0; s < plan.sessions.length; s++) {
      var session = plan.sessions[s];
      var saved = log[session.date] || {};
      var done = [], hurt = [], all = [];
      for (var m = 0; m < session.moves.length; m++) {
        var id = session.moves[m].id;
        if (all.indexOf(id) >= 0) { continue; }
        all.push(id);
        if (saved.done && saved.done.indexOf(id) >= 0) { done.push(id); }
        if (saved.hurt && saved.hurt.indexOf(id) >= 0) { hurt.push(id); }
      }
      var doneText = done.length === 0 ? "" : done.length === all.length ? "all" : done.join(";");
      var values = {
        plan_id: plan.plan_id, date: session.date, done: doneText, pain_before: saved.pain_before,
        pain_after: saved.pain_after, hurt: hurt.join(";"), notes: saved.notes
      };
      var cells = [];
      for (var c = 0; c < plan.columns.length; c++) { cells.push(cell(values[plan.columns[c]])); }
      rows.push(cells.join(","));
    }
    return rows.join("\n") + "\n";
  }
  function logged() {
    var count = 0;
    for (var s = 0; s < plan.sessions.length; s++) {
      var saved = log[plan.sessions[s].date];
      if (saved && saved.done && saved.done.length) { count++; }
    }
    return count;
  }

  var style = element("style", "", [
    ".bp-on .day li.bp-item { display: flex; flex-wrap: wrap; align-items: center; gap: 0 0.5rem; min-height: 2.75rem; margin: 0; }",
    ".bp-on .day label.bp-move { display: flex; align-items: center; gap: 0.6rem; flex: 1 1 14rem; min-height: 2.75rem; padding: 0.2rem 0; cursor: pointer; }",
    ".bp-on .day input.bp-tick { flex: none; width: 1.6rem; height: 1.6rem; margin: 0; accent-color: #111; }",
    ".bp-on .day label.bp-hurt { display: inline-flex; align-items: center; gap: 0.3rem; min-height: 2.75rem; min-width: 2.75rem; padding: 0 0.4rem; font-size: 0.9rem; color: #444; cursor: pointer; }",
    ".bp-on .day label.bp-hurt input { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: #111; }",
    ".bp-on .day label.bp-hurt.bp-marked { color: #111; font-weight: bold; }",
    ".bp-on .day p.bp-replaced { display: none; }",
    ".bp-on .day .bp-entry { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; margin: 0.5rem 0 0.6rem; }",
    ".bp-on .day label.bp-field { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: bold; }",
    ".bp-on .day label.bp-notes { flex: 1 1 14rem; }",
    ".bp-on .day input.bp-pain, .bp-on .day input.bp-note { min-height: 2.75rem; font: inherit; font-size: max(1rem, 16px); border: 2px solid #111; border-radius: 3px; padding: 0.2rem 0.4rem; background: #fff; color: #111; }",
    ".bp-on .day input.bp-pain { width: 3.4rem; text-align: center; }",
    ".bp-on .day input.bp-note { flex: 1 1 8rem; min-width: 0; font-weight: normal; }",
    ".bp-on .day input[aria-invalid=true] { border-color: #b00020; outline: 2px solid #b00020; }",
    ".bp-on .day .bp-pair { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.2rem 0.5rem; }",
    ".bp-on .day .bp-error { color: #b00020; font-weight: bold; font-size: 0.9rem; }",
    ".bp-on .day .bp-error:empty { display: none; }",
    ".bp-on { padding-bottom: 4.5rem; }",
    ".bp-bar { position: fixed; left: 0; right: 0; bottom: 0; z-index: 10; display: flex; align-items: center; justify-content: center; gap: 0.75rem; padding: 0.5rem 0.9rem; background: #fff; border-top: 2px solid #111; }",
    ".bp-bar .bp-status { font-size: 0.9rem; color: #333; }",
    ".bp-bar button { flex: none; white-space: nowrap; min-height: 2.75rem; padding: 0.4rem 1.1rem; font: inherit; font-weight: bold; color: #fff; background: #111; border: 2px solid #111; border-radius: 6px; cursor: pointer; }",
    ".bp-bar button:focus-visible, .bp-on .day input:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }",
    "@media print {",
    "  .bp-bar, .bp-on button, .bp-on .bp-error { display: none !important; }",
    "  .bp-on { padding-bottom: 0; }",
    "  .bp-on .day li.bp-item, .bp-on .day label.bp-move, .bp-on .day label.bp-hurt { min-height: 0; padding: 0; }",
    "  .bp-on .day input.bp-tick { width: 1em; height: 1em; }",
    "  .bp-on .day label.bp-hurt:not(.bp-marked) { display: none; }",
    "  .bp-on .day .bp-entry { margin: 1mm 0; gap: 1mm 5mm; }",
    "  .bp-on .day input.bp-pain, .bp-on .day input.bp-note { min-height: 0; height: 8mm; font-size: 1em; }",
    "  .bp-on .day input.bp-pain { width: 15mm; }",
    "}"
  ].join("\n"));
  document.head.appendChild(style);
  document.body.className += " bp-on";

  var bar = element("div", "bp-bar");
  bar.setAttribute("role", "region");
  bar.setAttribute("aria-label", "Your log");
  var status = element("span", "bp-status");
  status.setAttribute("aria-live", "polite");
  var button = element("button", "", "Save my log");
  button.type = "button";
  bar.appendChild(status);
  bar.appendChild(button);
  document.body.appendChild(bar);

  function changed() {
    keep();
    var count = logged();
    status.textContent = count + " of " + plan.sessions.length + " sessions done" + (store ? ", kept on this device" : "");
  }
  button.addEventListener("click", function () {
    var blob = new Blob([csv()], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = plan.file;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.parentNode.removeChild(link); }, 1000);
  });
  changed();
})();
"""#
}
