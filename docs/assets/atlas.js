/* Rights Atlas: small enhancements for the matrix, lists and compare pages.
   Every page works without this script; it adds sorting, filtering and the compare view.
   Material's instant navigation swaps pages without a reload, so set-up runs on each page. */
(function () {
  "use strict";

  function setUpMatrix(root) {
    var table = root.querySelector("[data-ra-matrix]");
    var filters = root.querySelector("[data-ra-matrix-filters]");
    if (!table || !filters) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var region = filters.querySelector('[data-filter="region"]');
    var question = filters.querySelector('[data-filter="question"]');
    var answer = filters.querySelector('[data-filter="answer"]');
    var count = filters.querySelector("[data-ra-count]");

    function syncAnswers() {
      Array.prototype.forEach.call(answer.options, function (option) {
        var own = !option.value || option.getAttribute("data-question") === question.value;
        option.hidden = !own;
        option.disabled = !own;
      });
      if (answer.selectedOptions[0] && answer.selectedOptions[0].disabled) answer.value = "";
    }

    function apply() {
      var attribute = "data-" + question.value.replace(/_/g, "-");
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!region.value || row.getAttribute("data-region") === region.value) &&
                 (!answer.value || row.getAttribute(attribute) === answer.value);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + (shown === 1 ? " jurisdiction" : " jurisdictions");
    }

    question.addEventListener("change", function () { syncAnswers(); apply(); });
    region.addEventListener("change", apply);
    answer.addEventListener("change", apply);
    syncAnswers();

    Array.prototype.forEach.call(table.querySelectorAll("[data-sort]"), function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.getAttribute("data-sort"));
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[column];
          return (cell.getAttribute("data-sort-value") || cell.textContent).trim().toLowerCase();
        };
        rows.sort(function (a, b) { return (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1); });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  }

  function setUpList(root) {
    var list = root.querySelector("[data-ra-list]");
    var filters = root.querySelector("[data-ra-list-filters]");
    if (!list || !filters) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-" + "kind], tr[data-status], li[data-jurisdictions]"));
    var selects = Array.prototype.slice.call(filters.querySelectorAll("select[data-filter]"));
    var count = filters.querySelector("[data-ra-count]");
    var noun = count.textContent.replace(/^[0-9]+ /, "");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var param = select.getAttribute("data-url-param");
      if (param && params.get(param)) select.value = params.get(param).toUpperCase();
    });

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var ok = selects.every(function (select) {
          if (!select.value) return true;
          var values = (item.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " " + noun;
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    apply();
  }

  function setUpCompare(root) {
    var source = root.querySelector("#ra-compare-data");
    var form = root.querySelector("[data-ra-compare-form]");
    if (!source || !form) return;
    var data = JSON.parse(source.textContent);
    var table = root.querySelector("[data-ra-compare]");
    var empty = root.querySelector("[data-ra-compare-empty]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function chosen() {
      var codes = new URLSearchParams(window.location.search).get("j") || "";
      return codes.split(",").map(function (c) { return c.trim().toUpperCase(); })
        .filter(function (c, i, all) { return data.jurisdictions[c] && all.indexOf(c) === i; }).slice(0, 4);
    }

    function element(tag, text, attributes) {
      var node = document.createElement(tag);
      if (text) node.textContent = text;
      Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
      return node;
    }

    function render() {
      var codes = chosen();
      selects.forEach(function (select, i) { select.value = codes[i] || ""; });
      var head = table.tHead.rows[0];
      while (head.cells.length > 1) head.deleteCell(1);
      table.tBodies[0].textContent = "";
      empty.hidden = codes.length >= 2;
      table.hidden = codes.length < 2;
      if (codes.length < 2) return;
      codes.forEach(function (code) {
        var th = element("th", null, { scope: "col" });
        th.appendChild(element("a", data.jurisdictions[code].name, { href: data.jurisdictions[code].href }));
        head.appendChild(th);
      });
      data.questions.forEach(function (q) {
        var row = table.tBodies[0].insertRow();
        var th = element("th", q.short, { scope: "row", title: q.question });
        row.appendChild(th);
        codes.forEach(function (code) {
          var answer = data.jurisdictions[code].answers[q.id];
          var cell = row.insertCell();
          cell.setAttribute("data-code", code);
          cell.appendChild(element("span", answer.label, { "class": "ra-answer ra-tone-" + answer.tone, "data-value": answer.value }));
          if (answer.since) cell.appendChild(element("span", " since " + answer.since, { "class": "ra-since" }));
          cell.appendChild(element("p", answer.summary));
          var sources = element("p", null, { "class": "ra-sources" });
          answer.sources.forEach(function (s, i) {
            if (i) sources.appendChild(document.createTextNode("; "));
            sources.appendChild(element("a", s.pinpoint, { href: s.url }));
          });
          cell.appendChild(sources);
        });
      });
    }

    form.addEventListener("change", function () {
      var codes = selects.map(function (s) { return s.value; }).filter(Boolean);
      var url = new URL(window.location.href);
      if (codes.length) url.searchParams.set("j", codes.join(",")); else url.searchParams.delete("j");
      window.history.replaceState(null, "", url.toString());
      render();
    });
    render();
  }

  function nameSearchDialog() {
    // Material's search overlay is a dialog without a name; screen readers announce it as "Search".
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }

  function setUp() {
    var root = document.querySelector("article") || document;
    nameSearchDialog();
    setUpMatrix(root);
    setUpList(root);
    setUpCompare(root);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
