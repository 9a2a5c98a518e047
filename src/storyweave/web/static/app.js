// Citation links: scroll to the cited sentence(s) in the article pane and highlight them.
// Served as a file (the CSP allows no inline script). Works without it too: the link's
// #fragment scrolls and :target highlights the first sentence.
"use strict";
(function () {
  function highlight(ids, scroll) {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    var first = null;
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (!el) return;
      el.classList.add("hl");
      if (!first) first = el;
    });
    if (first && scroll) reveal(first);
    return first;
  }

  // On wide screens the articles sit in their own scrolling pane: scroll that pane only, so
  // the cited summary line stays where the reader is. On a phone, scroll the page.
  function reveal(el) {
    var pane = el.closest(".sources");
    if (pane && pane.scrollHeight > pane.clientHeight && getComputedStyle(pane).overflowY !== "visible") {
      var top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollBy({ top: top - pane.clientHeight / 3, behavior: "smooth" });
    } else {
      el.scrollIntoView({ behavior: "smooth", block: "center" });
    }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.cite[data-targets]");
    if (!link) return;
    var ids = (link.getAttribute("data-targets") || "").split(/\s+/).filter(Boolean);
    if (!ids.length) return;
    ev.preventDefault();
    if (highlight(ids, true)) history.replaceState(null, "", "#" + ids[0]);
  });

  // "New since your last visit": the articles this browser has seen of each story are kept in
  // localStorage (no account, nothing sent to the server); those not seen before are marked.
  function markNew() {
    var brief = document.querySelector("[data-story]");
    if (!brief) return;
    var key = "storyweave-seen:" + brief.getAttribute("data-story");
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.source[data-article]"));
    var ids = sections.map(function (s) { return s.getAttribute("data-article"); });
    var seen = null;
    try { seen = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { seen = null; }
    if (Array.isArray(seen)) {
      var fresh = sections.filter(function (s) { return seen.indexOf(s.getAttribute("data-article")) < 0; });
      fresh.forEach(function (s) { s.classList.add("new"); });
      var note = document.getElementById("since");
      if (note && fresh.length) {
        note.textContent = fresh.length + (fresh.length === 1 ? " new article" : " new articles") + " since your last visit";
        note.hidden = false;
      }
    }
    try { localStorage.setItem(key, JSON.stringify(ids)); } catch (e) { /* private mode: nothing kept */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    markNew();
    if (location.hash.length > 1) highlight([decodeURIComponent(location.hash.slice(1))], true);
  });
})();
