// Filters, sort, search and keyboard navigation for the review page. Rows are rendered by the
// server; this script only toggles `hidden` and classes, so it stays fast with thousands of rows.
(function () {
  "use strict";
  var doc = document;
  var list = doc.getElementById("segments");
  if (!list) return;
  var sevBoxes = Array.from(doc.querySelectorAll("input[data-filter=severity]"));
  var catBoxes = Array.from(doc.querySelectorAll("input[data-filter=category]"));
  var onlyBox = doc.getElementById("only-problems");
  var search = doc.getElementById("search");
  var sortBtn = doc.getElementById("sort");
  var status = doc.getElementById("status");
  var noneMsg = doc.getElementById("none-msg");

  // data-fx holds "severity:category" per finding, so the filter test is finding-level:
  // a row shows when one of its findings has a ticked severity AND a ticked category.
  function pairs(attr) {
    return attr ? attr.split(" ").map(function (p) { return p.split(":"); }) : [];
  }
  var rows = Array.from(list.children).map(function (el) {
    return { el: el, fx: pairs(el.getAttribute("data-fx")), rank: +el.getAttribute("data-rank"), text: null };
  });
  var byEl = new Map(rows.map(function (r) { return [r.el, r]; }));
  var byDoc = rows.slice();
  var byRank = rows.slice().sort(function (a, b) { return a.rank - b.rank; });
  var order = byDoc;
  var current = null;
  var parts = null; // findings and marks, collected on first filter change

  function rowText(r) {
    // Built lazily: only the texts and messages are searchable, not labels or numbers.
    if (r.text === null) {
      r.text = Array.from(r.el.querySelectorAll(".txt, .msg"), function (n) { return n.textContent; })
        .join("\n").toLowerCase();
    }
    return r.text;
  }

  function ticked(boxes) {
    return new Set(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
  }

  function apply() {
    var sevOn = ticked(sevBoxes), catOn = ticked(catBoxes);
    var only = onlyBox.checked, q = search.value.trim().toLowerCase();
    var shown = 0;
    var on = function (p) { return sevOn.has(p[0]) && catOn.has(p[1]); };
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], vis;
      if (q && rowText(r).indexOf(q) < 0) vis = false;
      else if (r.fx.length === 0) vis = !only;
      else vis = r.fx.some(on);
      if (r.el.hidden === vis) r.el.hidden = !vis;
      if (vis) shown++;
    }
    var pinned = list.querySelector(".pinned");
    if (pinned) pinned.classList.remove("pinned");
    status.textContent = shown + " of " + rows.length + " segments shown";
    noneMsg.hidden = shown !== 0;
    dim(on);
  }

  // Findings of unticked kinds stay in visible rows but are dimmed, their marks unpainted.
  function dim(on) {
    if (parts === null) {
      parts = Array.from(list.querySelectorAll("[data-finding]"), function (el) {
        var sev = el.getAttribute("data-severity").split(" ");
        var cat = el.getAttribute("data-category").split(" ");
        return { el: el, fx: sev.map(function (s, i) { return [s, cat[i]]; }) };
      });
    }
    for (var i = 0; i < parts.length; i++) {
      var off = !parts[i].fx.some(on);
      if (parts[i].el.classList.contains("off") !== off) parts[i].el.classList.toggle("off", off);
    }
  }

  function resort() {
    order = order === byDoc ? byRank : byDoc;
    var frag = doc.createDocumentFragment();
    order.forEach(function (r) { frag.appendChild(r.el); });
    list.appendChild(frag);
    var worst = order === byRank;
    sortBtn.setAttribute("aria-pressed", String(worst));
    sortBtn.textContent = worst ? "Order: worst first" : "Order: document";
  }

  function go(r) {
    if (current) current.el.classList.remove("current");
    current = r;
    r.el.classList.add("current");
    r.el.focus({ preventScroll: true });
    r.el.scrollIntoView({ block: "start" });
  }

  // Next/previous visible segment that has findings, in the order currently displayed.
  function step(dir) {
    var active = byEl.get(doc.activeElement) || current;
    var i = active ? order.indexOf(active) : (dir > 0 ? -1 : order.length);
    for (i += dir; i >= 0 && i < order.length; i += dir) {
      if (!order[i].el.hidden && order[i].fx.length) { go(order[i]); return; }
    }
  }

  // Jumping to a row (chart bar, row number, URL hash) reveals it even if filters hide it.
  function reveal(id) {
    var el = doc.getElementById(id);
    var r = el && byEl.get(el);
    if (!r) return false;
    var old = list.querySelector(".pinned");
    if (old && old !== el) { old.classList.remove("pinned"); apply(); }
    if (el.hidden) { el.hidden = false; el.classList.add("pinned"); }
    go(r);
    return true;
  }

  sevBoxes.concat(catBoxes, [onlyBox]).forEach(function (b) { b.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { search.value = ""; apply(); search.blur(); }
  });
  sortBtn.addEventListener("click", resort);

  doc.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href^='#seg-']");
    if (!a) return;
    if (reveal(a.getAttribute("href").slice(1))) {
      e.preventDefault();
      history.replaceState(null, "", a.getAttribute("href"));
    }
  });

  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    if (e.key === "j" || e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "k" || e.key === "p") { step(-1); e.preventDefault(); }
    else if (e.key === "/") { search.focus(); e.preventDefault(); }
  });

  // Hovering a highlight or a finding outlines every piece of the same finding(s) in the row.
  function lit(e, add) {
    var el = e.target.closest && e.target.closest("[data-finding]");
    if (!el) return;
    var ids = el.getAttribute("data-finding").split(" ");
    el.closest(".seg").querySelectorAll("[data-finding]").forEach(function (x) {
      var share = x.getAttribute("data-finding").split(" ").some(function (id) { return ids.indexOf(id) >= 0; });
      if (share) x.classList.toggle("lit", add);
    });
  }
  list.addEventListener("mouseover", function (e) { lit(e, true); });
  list.addEventListener("mouseout", function (e) { lit(e, false); });

  // Printing shows evidence and every other collapsed detail.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.from(doc.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  // The sticky filter bar wraps to more lines when there are many categories: keep jumped-to rows
  // below it (CSSOM writes are allowed by the CSP; style attributes in markup are not).
  var controls = doc.querySelector(".controls");
  function pad() { doc.documentElement.style.scrollPaddingTop = (controls.offsetHeight + 8) + "px"; }
  pad();
  window.addEventListener("resize", pad);

  if (/^#seg-\d+$/.test(location.hash)) reveal(location.hash.slice(1));
})();
