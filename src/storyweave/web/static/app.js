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
    if (first && scroll) first.scrollIntoView({ behavior: "smooth", block: "center" });
    return first;
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
