/* paperkg views: draws a page's graph with vis-network, builds tooltips as text, runs the filters and the search box.
   Every string from the graph reaches the page through textContent or createTextNode, never as HTML. */
(function () {
  "use strict";

  var ROOT = document.body.getAttribute("data-root") || "";

  var LABEL_CHARS = 40;  /* longer labels are cut on the canvas; the tooltip shows them whole */
  var PAPER_LABELS = 20;  /* paper titles are drawn only in views with at most this many papers */

  var OPTIONS = {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: false },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.008, springLength: 90, springConstant: 0.06, damping: 0.5, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: true },
      minVelocity: 1
    },
    interaction: { hover: true, tooltipDelay: 80, keyboard: false },
    nodes: {
      borderWidth: 1,
      font: { size: 14, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 5 } }
    },
    edges: {
      smooth: false,
      arrows: { to: { enabled: true, scaleFactor: 0.4 } },
      hoverWidth: 1.5,
      selectionWidth: 1.5
    }
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function short(text) {
    text = String(text);
    return text.length <= LABEL_CHARS ? text : text.slice(0, LABEL_CHARS - 1).trim() + "\u2026";
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  /* A link target from our own data: relative page links only, nothing with a scheme. */
  function pageHref(href) {
    return typeof href === "string" && href.indexOf(":") < 0 ? href : null;
  }

  function externalHref(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }

  function nodeTitle(n) {
    var tip = el("div", "tip");
    tip.appendChild(el("strong", null, n.full));
    var facts = n.type;
    if (n.kind === "entity") facts += " · " + plural(n.papers, "paper");
    else if (n.links !== undefined) facts += " · " + plural(n.links, "entity").replace("entitys", "entities");
    if (n.date) facts += " · " + n.date;
    tip.appendChild(el("div", "tip-facts", facts));
    if (n.aliases && n.aliases.length) tip.appendChild(el("div", "tip-aliases", "Also: " + n.aliases.join(", ")));
    if (externalHref(n.url)) tip.appendChild(el("div", "tip-url", n.url));
    if (pageHref(n.href)) tip.appendChild(el("div", "tip-hint", "Click to open its page"));
    return tip;
  }

  function evidenceNode(evidence) {
    var sentence = String(evidence[0]), start = evidence[1], end = evidence[2];
    var q = el("q", "evidence");
    q.appendChild(document.createTextNode(sentence.slice(0, start)));
    if (end > start) q.appendChild(el("mark", null, sentence.slice(start, end)));
    q.appendChild(document.createTextNode(sentence.slice(end)));
    return q;
  }

  function edgeTitle(e, nodes) {
    var tip = el("div", "tip");
    var from = nodes.get(e.from), to = nodes.get(e.to);
    var head = el("div", "tip-facts");
    head.appendChild(el("strong", null, from ? from.full : e.from));
    head.appendChild(document.createTextNode(" " + e.role + " "));
    head.appendChild(el("strong", null, to ? to.full : e.to));
    tip.appendChild(head);
    if (e.confidence !== undefined) tip.appendChild(el("div", "tip-hint", "confidence " + e.confidence));
    if (e.evidence) tip.appendChild(evidenceNode(e.evidence));
    return tip;
  }

  function norm(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function readFilters(form) {
    var state = { types: {}, roles: {}, allRoles: true, min: 1, text: "" };
    form.querySelectorAll("input[name=type]").forEach(function (box) { state.types[box.value] = box.checked; });
    form.querySelectorAll("input[name=role]").forEach(function (box) {
      state.roles[box.value] = box.checked;
      if (!box.checked) state.allRoles = false;
    });
    var min = parseInt(form.querySelector("input[name=min-papers]").value, 10);
    state.min = isNaN(min) ? 1 : min;
    state.text = norm(form.querySelector("input[name=text]").value);
    return state;
  }

  function matches(n, text) {
    if (!text) return true;
    if (norm(n.full).indexOf(text) >= 0) return true;
    return (n.aliases || []).some(function (a) { return norm(a).indexOf(text) >= 0; });
  }

  function visibleIds(nodes, edges, f) {
    var visible = {};
    nodes.forEach(function (n) {
      if (n.centre || (f.types[n.type] !== false && (n.kind !== "entity" || f.min <= 1 || n.papers >= f.min) && matches(n, f.text))) visible[n.id] = true;
    });
    if (!f.allRoles) {
      var linked = {};
      edges.forEach(function (e) {
        if (f.roles[e.role] !== false && visible[e.from] && visible[e.to]) { linked[e.from] = true; linked[e.to] = true; }
      });
      Object.keys(visible).forEach(function (id) {
        if (!linked[id] && !nodes.get(id).centre) delete visible[id];
      });
    }
    return visible;
  }

  function initGraph() {
    var script = document.getElementById("graph-data");
    var container = document.getElementById("graph");
    if (!script || !container || !window.vis) return;
    var data = JSON.parse(script.textContent);
    var papers = data.nodes.filter(function (n) { return n.kind === "paper"; }).length;
    data.nodes.forEach(function (n) {
      n.full = n.label;
      n.label = short(n.label);
      n.title = nodeTitle(n);
      if (n.centre) {
        n.x = 0; n.y = 0; n.fixed = true;
        n.font = { size: 22, strokeWidth: 4 };
      } else if (n.kind === "paper") {
        n.font = { size: 12, color: "#475569" };
        if (papers > PAPER_LABELS) n.label = "";
      } else {
        n.font = { size: Math.round(13 + 2.2 * Math.log2(1 + n.papers)) };
      }
    });
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    edges.update(data.edges.map(function (e) { return { id: e.id, title: edgeTitle(e, nodes) }; }));

    var form = document.getElementById("filters");
    var status = document.getElementById("graph-status");
    var filters = readFilters(form);
    var visible = visibleIds(nodes, edges, filters);
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible[n.id] === true; } });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) { return filters.roles[e.role] !== false && visible[e.from] === true && visible[e.to] === true; }
    });
    var started = performance.now();
    var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, OPTIONS);
    var handle = {
      network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
      settled: false, settleMs: null, stabilizeMs: null,
      drawnNodes: function () { return network.body.nodeIndices.length; },
      drawnEdges: function () { return network.body.edgeIndices.length; },
      applyFilters: applyFilters
    };
    window.paperkg = handle;

    function settle() {
      if (handle.settled) return;
      network.setOptions({ physics: { enabled: false } });
      handle.settled = true;
      handle.settleMs = performance.now();
      handle.stabilizeMs = handle.settleMs - started;
      document.body.setAttribute("data-settled", "true");
    }
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
    if (data.nodes.length < 2) settle();  /* nothing to lay out: vis-network sends no stabilization event */

    function applyFilters() {
      filters = readFilters(form);
      visible = visibleIds(nodes, edges, filters);
      nodeView.refresh();
      edgeView.refresh();
      var shown = nodeView.length;
      status.textContent = shown === nodes.length ? "Showing " + plural(shown, "node") + "." : "Showing " + shown + " of " + plural(nodes.length, "node") + "; the rest are filtered out.";
    }
    form.addEventListener("input", applyFilters);
    form.addEventListener("change", applyFilters);
    form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });

    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var href = pageHref(nodes.get(params.nodes[0]).href);
      if (href) window.location.href = href;
    });
    network.on("hoverNode", function (params) {
      container.style.cursor = pageHref(nodes.get(params.node).href) ? "pointer" : "default";
    });
    network.on("blurNode", function () { container.style.cursor = "default"; });
  }

  /* The search box: the index of every node loads on first use, from assets/search-index.js. */
  function initSearch() {
    var input = document.getElementById("search");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var rows = null, loading = false, pending = null;

    function load(then) {
      if (rows) return then();
      pending = then;
      if (window.PAPERKG_INDEX) {
        rows = window.PAPERKG_INDEX.map(function (r) {
          return { label: r[0], type: r[1], href: pageHref(r[2]), papers: r[4], key: norm(r[0]), aliases: (r[3] || []).map(norm) };
        });
        return pending();
      }
      if (loading) return;
      loading = true;
      var script = document.createElement("script");
      script.src = ROOT + "assets/search-index.js";
      script.onload = function () { load(pending); };
      document.head.appendChild(script);
    }

    function score(row, q) {
      if (row.key === q) return 0;
      if (row.aliases.indexOf(q) >= 0) return 1;
      if (row.key.indexOf(q) === 0) return 2;
      if (row.aliases.some(function (a) { return a.indexOf(q) === 0; })) return 3;
      if (row.key.indexOf(q) >= 0) return 4;
      if (row.aliases.some(function (a) { return a.indexOf(q) >= 0; })) return 5;
      return -1;
    }

    function show() {
      var q = norm(input.value);
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!q) { list.hidden = true; return; }
      var found = [];
      rows.forEach(function (row, i) {
        var s = score(row, q);
        if (s >= 0) found.push([s, i, row]);
      });
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      if (!found.length) list.appendChild(el("li", "empty", "No entity or paper matches."));
      found.slice(0, 12).forEach(function (hit) {
        var row = hit[2], li = el("li");
        var name = row.href ? el("a", null, row.label) : el("span", null, row.label);
        if (row.href) name.href = ROOT + row.href;
        li.appendChild(name);
        li.appendChild(el("span", "count", row.type === "Paper" ? " Paper" : " " + row.type + ", " + plural(row.papers, "paper")));
        list.appendChild(li);
      });
      if (found.length > 12) list.appendChild(el("li", "empty", (found.length - 12) + " more; type more of the name."));
      list.hidden = false;
    }

    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { load(show); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { list.hidden = true; }
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) window.location.href = first.href;
      }
    });
  }

  initSearch();
  initGraph();
})();
