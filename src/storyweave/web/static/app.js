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

  document.addEventListener("DOMContentLoaded", function () {
    if (location.hash.length > 1) highlight([decodeURIComponent(location.hash.slice(1))], true);
  });
})();
