// The network view: draws the data computed in Python with sigma.js (WebGL) on graphology.
// Every name reaches the page through textContent or a canvas label, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var people = data.people;
  var n = people.length;
  var GLYPHS = { circle: "\u25cf", diamond: "\u25c6", triangle: "\u25b2", square: "\u25a0",
    ring: "\u25ce", cross: "\u2716" };
  var HOW = { friend: "a friend", family: "family", classmate: "a classmate",
    colleague: "a colleague", alumni: "a fellow alum", neighbour: "a neighbour",
    referral: "met through a referral", cold: "a cold contact", other: "known another way" };
  var state = { selected: -1, onPath: new Set(), pathEdges: [], matches: null };

  function el(id) { return document.getElementById(id); }
  // Bidirectional embeddings, overrides and isolates shown as what they are: a name with
  // U+202E cannot turn the text after it around.
  function shown(text) {
    return String(text).replace(/[\u202a-\u202e\u2066-\u2069]/g, function (c) {
      return "[U+" + c.charCodeAt(0).toString(16).toUpperCase() + "]";
    });
  }
  function make(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = shown(text);
    if (cls) node.className = cls;
    return node;
  }
  function orgOf(p) { return p.o === undefined ? "" : data.orgs[p.o]; }
  function fieldsOf(p) {
    return (p.fs || []).map(function (f) { return data.fieldNames[f]; }).join(", ");
  }
  function stageOf(p) { return data.stages[p.st][1]; }
  function labelOf(p) { return shown((p.r ? p.r + ". " : "") + p.n); }

  // --- one WebGL program: a shape per stage, a dark outline for the suggested ------------
  var FLOAT = WebGLRenderingContext.FLOAT, UBYTE = WebGLRenderingContext.UNSIGNED_BYTE;
  var VERTEX = [
    "attribute vec4 a_id; attribute vec4 a_color; attribute vec2 a_position;",
    "attribute float a_size; attribute float a_angle; attribute float a_shape;",
    "attribute float a_mark;",
    "uniform mat3 u_matrix; uniform float u_sizeRatio; uniform float u_correctionRatio;",
    "varying vec4 v_color; varying vec2 v_diff; varying float v_radius;",
    "varying float v_shape; varying float v_mark;",
    "const float bias = 255.0 / 254.0;",
    "void main() {",
    "  float size = a_size * u_correctionRatio / u_sizeRatio * 4.0;",
    "  vec2 diff = size * vec2(cos(a_angle), sin(a_angle));",
    "  gl_Position = vec4((u_matrix * vec3(a_position + diff, 1)).xy, 0, 1);",
    "  v_diff = diff; v_radius = size / 2.0; v_shape = a_shape; v_mark = a_mark;",
    "  #ifdef PICKING_MODE",
    "  v_color = a_id;",
    "  #else",
    "  v_color = a_color;",
    "  #endif",
    "  v_color.a *= bias;",
    "}"].join("\n");
  var FRAGMENT = [
    "precision highp float;",
    "varying vec4 v_color; varying vec2 v_diff; varying float v_radius;",
    "varying float v_shape; varying float v_mark;",
    "uniform float u_correctionRatio;",
    "float triangle(vec2 p, float r) {",
    "  const float k = 1.7320508;",
    "  p.x = abs(p.x) - r; p.y = p.y + r / k;",
    "  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;",
    "  p.x -= clamp(p.x, -2.0 * r, 0.0);",
    "  return -length(p) * sign(p.y);",
    "}",
    "float shape(vec2 p, float r, float s) {",
    "  if (s < 0.5) return length(p) - r;",
    "  if (s < 1.5) return (abs(p.x) + abs(p.y)) * 0.70711 - r * 0.72;",
    "  if (s < 2.5) return triangle(vec2(p.x, p.y + r * 0.15), r * 0.84);",
    "  if (s < 3.5) return max(abs(p.x), abs(p.y)) - r * 0.7;",
    "  if (s < 4.5) return abs(length(p) - r * 0.66) - r * 0.34;",
    "  vec2 q = abs(vec2(p.x + p.y, p.x - p.y) * 0.70711);",
    "  return min(max(q.x - r * 0.92, q.y - r * 0.26), max(q.y - r * 0.92, q.x - r * 0.26));",
    "}",
    "void main(void) {",
    "  float border = u_correctionRatio * 2.0;",
    "  #ifdef PICKING_MODE",
    "  gl_FragColor = length(v_diff) > v_radius ? vec4(0.0) : v_color;",
    "  #else",
    "  float d = shape(v_diff, v_radius, v_shape);",
    "  vec4 c = v_color;",
    "  if (v_mark > 0.5 && d > -u_correctionRatio * 3.5) c = vec4(0.1, 0.1, 0.1, 1.0);",
    "  float t = d > border ? 1.0 : (d > 0.0 ? d / border : 0.0);",
    "  gl_FragColor = mix(c, vec4(0.0), t);",
    "  #endif",
    "}"].join("\n");

  class ShapeProgram extends Sigma.rendering.NodeProgram {
    getDefinition() {
      return {
        VERTICES: 3,
        VERTEX_SHADER_SOURCE: VERTEX,
        FRAGMENT_SHADER_SOURCE: FRAGMENT,
        METHOD: WebGLRenderingContext.TRIANGLES,
        UNIFORMS: ["u_sizeRatio", "u_correctionRatio", "u_matrix"],
        ATTRIBUTES: [
          { name: "a_position", size: 2, type: FLOAT },
          { name: "a_size", size: 1, type: FLOAT },
          { name: "a_color", size: 4, type: UBYTE, normalized: true },
          { name: "a_id", size: 4, type: UBYTE, normalized: true },
          { name: "a_shape", size: 1, type: FLOAT },
          { name: "a_mark", size: 1, type: FLOAT }
        ],
        CONSTANT_ATTRIBUTES: [{ name: "a_angle", size: 1, type: FLOAT }],
        CONSTANT_DATA: [[0], [2 * Math.PI / 3], [4 * Math.PI / 3]]
      };
    }
    processVisibleItem(nodeIndex, start, d) {
      var a = this.array;
      a[start++] = d.x; a[start++] = d.y; a[start++] = d.size;
      a[start++] = Sigma.utils.floatColor(d.color); a[start++] = nodeIndex;
      a[start++] = d.shape || 0; a[start] = d.mark || 0;
    }
    setUniforms(params, context) {
      var gl = context.gl, u = context.uniformLocations;
      gl.uniform1f(u.u_correctionRatio, params.correctionRatio);
      gl.uniform1f(u.u_sizeRatio, params.sizeRatio);
      gl.uniformMatrix3fv(u.u_matrix, false, params.matrix);
    }
  }

  // --- the graph --------------------------------------------------------------------------
  var graph = new graphology.MultiUndirectedGraph();
  people.forEach(function (p, i) {
    var marked = Boolean(p.r || p.me);
    graph.addNode(String(i), {
      x: p.x, y: p.y, size: p.s, color: data.fields[p.f][1], label: labelOf(p),
      shape: data.stages[p.st][2], mark: p.r ? 1 : 0, forceLabel: marked,
      zIndex: marked ? 2 : (p.sc === undefined ? 0 : 1)
    });
  });
  data.edges.forEach(function (e) {
    var referral = e[2] === 0;
    graph.addEdge(String(e[0]), String(e[1]), {
      size: referral ? 0.9 : 0.3 + 0.12 * e[2],
      color: referral ? "#dd9a5a" : "#cfcfcf",
      zIndex: referral ? 1 : 0
    });
  });

  function nodeReducer(key, attrs) {
    var i = Number(key), out = Object.assign({}, attrs);
    if (state.matches && !state.matches[i] && !state.onPath.has(i)) {
      out.color = "#e3e3e3"; out.label = null; out.forceLabel = false; out.mark = 0;
      out.zIndex = 0;
    }
    if (state.onPath.has(i)) { out.forceLabel = true; out.zIndex = 5; }
    if (i === state.selected) { out.highlighted = true; out.zIndex = 6; }
    return out;
  }
  function edgeReducer(key, attrs) {
    if (attrs.path) return attrs;
    var ends = graph.extremities(key);
    if (state.matches && (!state.matches[ends[0]] || !state.matches[ends[1]])) {
      return Object.assign({}, attrs, { hidden: true });
    }
    return attrs;
  }

  var container = el("graph");
  var renderer;
  try {
    renderer = new Sigma(graph, container, {
      nodeProgramClasses: { shape: ShapeProgram }, defaultNodeType: "shape",
      labelRenderedSizeThreshold: n <= 300 ? 0 : 8, labelDensity: n <= 300 ? 2 : 0.6,
      labelGridCellSize: n <= 300 ? 60 : 90,
      labelSize: 13, labelWeight: "500", labelFont: "system-ui, sans-serif",
      zIndex: true, hideEdgesOnMove: n > 5000, enableEdgeEvents: false,
      nodeReducer: nodeReducer, edgeReducer: edgeReducer, maxCameraRatio: 4
    });
  } catch (error) {
    container.textContent = "This browser cannot draw the network (it needs WebGL).";
    return;
  }
  var meData = renderer.getNodeDisplayData(String(data.me));
  renderer.getCamera().setState({ x: meData.x, y: meData.y, ratio: 1 });

  function countDrawn() {
    var drawn = 0;
    graph.forEachNode(function (key) {
      var shown = renderer.getNodeDisplayData(key);
      if (shown && !shown.hidden) drawn += 1;
    });
    document.body.dataset.drawn = String(drawn);
  }

  // --- hover --------------------------------------------------------------------------
  var tip = el("tip");
  renderer.on("enterNode", function (event) {
    var p = people[Number(event.node)];
    tip.replaceChildren(make("div", p.n, "who"));
    [orgOf(p), fieldsOf(p), p.me ? "me" : stageOf(p)].forEach(function (line) {
      if (line) tip.appendChild(make("div", line));
    });
    var mouse = event.event.original;
    tip.style.left = (mouse.clientX + 14) + "px";
    tip.style.top = (mouse.clientY + 14) + "px";
    tip.hidden = false;
  });
  renderer.on("leaveNode", function () { tip.hidden = true; });

  // --- the card -----------------------------------------------------------------------
  function fact(list, term, value) {
    list.appendChild(make("dt", term));
    var dd = make("dd");
    if (typeof value === "string") dd.textContent = shown(value); else dd.appendChild(value);
    list.appendChild(dd);
  }
  function howIKnow(p) {
    var lines = [];
    if (p.m) lines.push("I know them myself" + (p.h ? " \u2014 " + (HOW[p.h] || p.h) : "") +
      "; tie strength " + p.m + " of 5.");
    else lines.push("No tie with me on record" +
      (p.h && !(p.h === "referral" && p.by) ? " (added as: " + p.h + ")" : "") + ".");
    (p.by || []).forEach(function (ref) {
      lines.push("Referred by " + people[ref[0]].n + " on " + ref[1] + ".");
    });
    var box = make("div");
    lines.forEach(function (line) { box.appendChild(make("div", line, "who")); });
    return box;
  }
  function pathOf(p) {
    if (!p.p) {
      return p.far ? "Beyond the people whose paths this view works out; " +
        "referrals suggest --explain shows it." : "No path from me within three steps.";
    }
    var box = make("div"), list = make("ol");
    p.p.forEach(function (i) { list.appendChild(make("li", people[i].n, "who")); });
    box.appendChild(list);
    box.appendChild(make("div", "Chance of an answer along it: about " +
      Math.round(100 * p.w) + "%.", "muted"));
    return box;
  }
  function whyOf(p) {
    var box = make("div");
    if (p.sc === undefined) {
      box.textContent = ["known", "referred", "follow-up-due"].indexOf(data.stages[p.st][0]) < 0
        ? "Not suggested: they are at the stage \u201c" + stageOf(p) + "\u201d."
        : "Not among the " + data.scored + " best suggestions.";
      return box;
    }
    box.appendChild(make("div", (p.r ? "Suggestion " + p.r + ": " : "") + p.a));
    var reasons = make("ul");
    p.why.forEach(function (reason) { reasons.appendChild(make("li", reason)); });
    box.appendChild(reasons);
    box.appendChild(make("div", "Score " + p.sc.toFixed(2) + ".", "muted"));
    return box;
  }
  function oweOf(p) {
    if (!p.owe) return "Nothing.";
    var list = make("ul");
    p.owe.forEach(function (o) {
      var item = make("li", o[0] + " \u2014 due " + o[1]);
      if (o[2]) item.appendChild(make("span", " (overdue)", "late"));
      list.appendChild(item);
    });
    return list;
  }

  function select(i) {
    var p = people[i];
    el("card").hidden = false;
    el("card-name").textContent = shown(p.n);
    el("card-work").textContent = shown([p.t, orgOf(p), fieldsOf(p)].filter(Boolean)
      .join(" \u00b7 "));
    var facts = el("card-facts");
    facts.replaceChildren();
    if (p.me) {
      fact(facts, "This is me", "Everyone else is placed by how warm my best path to them is.");
    } else {
      fact(facts, "Stage", stageOf(p));
      fact(facts, "How I know them", howIKnow(p));
      fact(facts, "Best path from me", pathOf(p));
      fact(facts, "Why suggested", whyOf(p));
      fact(facts, "What I owe them", oweOf(p));
    }
    var before = Array.from(state.onPath).concat(state.selected < 0 ? [] : [state.selected]);
    state.selected = i;
    state.pathEdges.forEach(function (key) { graph.dropEdge(key); });
    state.pathEdges = [];
    state.onPath = new Set(p.p || [i]);
    for (var j = 0; p.p && j + 1 < p.p.length; j++) {
      state.pathEdges.push(graph.addEdge(String(p.p[j]), String(p.p[j + 1]),
        { path: true, color: "#d62728", size: 3.5, zIndex: 10 }));
    }
    document.body.dataset.selected = String(i);
    redraw(before.concat(Array.from(state.onPath)));
    // Frame the whole path, me included, so that the highlighted route is in view.
    var xs = [], ys = [];
    (p.p || [i]).forEach(function (j) {
      var shown = renderer.getNodeDisplayData(String(j));
      xs.push(shown.x); ys.push(shown.y);
    });
    var extent = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs),
      Math.max.apply(null, ys) - Math.min.apply(null, ys));
    renderer.getCamera().animate({
      x: (Math.max.apply(null, xs) + Math.min.apply(null, xs)) / 2,
      y: (Math.max.apply(null, ys) + Math.min.apply(null, ys)) / 2,
      ratio: Math.min(1.2, Math.max(0.2, extent * 1.6))
    }, { duration: 300 });
  }
  // Only the people whose look changed: a full refresh of 30,000 people costs a frame.
  function redraw(indices) {
    renderer.refresh({
      partialGraph: { nodes: indices.map(String) }, skipIndexation: true, schedule: true
    });
  }
  function clearSelection() {
    var before = Array.from(state.onPath).concat(state.selected < 0 ? [] : [state.selected]);
    state.selected = -1;
    state.onPath = new Set();
    state.pathEdges.forEach(function (key) { graph.dropEdge(key); });
    state.pathEdges = [];
    el("card").hidden = true;
    delete document.body.dataset.selected;
    redraw(before);
  }
  renderer.on("clickNode", function (event) { select(Number(event.node)); });
  renderer.on("clickStage", clearSelection);

  // --- search -------------------------------------------------------------------------
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var folded = people.map(function (p) { return fold(p.n); });
  var search = el("search"), results = el("results");
  var found = [];
  search.addEventListener("input", function () {
    var query = fold(search.value.trim());
    found = [];
    if (query) {
      var later = [];
      for (var i = 0; i < n && found.length < 12; i++) {
        var at = folded[i].indexOf(query);
        if (at === 0) found.push(i); else if (at > 0 && later.length < 12) later.push(i);
      }
      found = found.concat(later).slice(0, 12);
    }
    results.replaceChildren();
    found.forEach(function (i) {
      var button = make("button", people[i].n, "who");
      button.type = "button";
      if (orgOf(people[i])) button.appendChild(make("span", " \u2014 " + orgOf(people[i]), "muted"));
      button.addEventListener("click", function () { select(i); });
      var item = make("li");
      item.appendChild(button);
      results.appendChild(item);
    });
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && found.length) select(found[0]);
  });

  // --- filters ------------------------------------------------------------------------
  function fill(select, anyText, choices) {
    select.appendChild(new Option(anyText, ""));
    choices.forEach(function (c) { select.appendChild(new Option(shown(c[1]), String(c[0]))); });
  }
  var byName = function (a, b) { return a[1].localeCompare(b[1]); };
  fill(el("field"), "any field",
    data.fieldNames.map(function (name, i) { return [i, name]; }).sort(byName));
  fill(el("org"), "any employer",
    data.orgs.map(function (name, i) { return [i, name]; }).sort(byName));
  fill(el("stage"), "any stage",
    data.stages.map(function (s, i) { return [i, s[1]]; }));
  function applyFilters() {
    var field = el("field").value, org = el("org").value, stage = el("stage").value;
    if (!field && !org && !stage) {
      state.matches = null;
      el("count").textContent = n.toLocaleString("en") + " people.";
    } else {
      var matches = new Uint8Array(n), count = 0;
      people.forEach(function (p, i) {
        var ok = (!field || (p.fs || []).indexOf(Number(field)) >= 0) &&
          (!org || p.o === Number(org)) && (!stage || p.st === Number(stage));
        if (ok && !p.me) count += 1;
        matches[i] = ok || p.me ? 1 : 0;
      });
      state.matches = matches;
      el("count").textContent = count.toLocaleString("en") + " of " +
        (n - 1).toLocaleString("en") + " people match.";
    }
    document.body.dataset.matching = state.matches ? el("count").textContent : "";
    renderer.refresh();
  }
  ["field", "org", "stage"].forEach(function (id) {
    el(id).addEventListener("change", applyFilters);
  });

  // --- legend -------------------------------------------------------------------------
  var shapesList = el("legend-shapes");
  data.shapes.forEach(function (shape, s) {
    var stages = data.stages.filter(function (st) { return st[2] === s; })
      .map(function (st) { return st[1]; });
    var item = make("li");
    item.appendChild(make("span", GLYPHS[shape], "glyph"));
    item.appendChild(document.createTextNode(stages.join(", ")));
    shapesList.appendChild(item);
  });
  var fieldList = el("legend-fields");
  data.fields.forEach(function (group) {
    var item = make("li"), swatch = make("span", null, "swatch");
    swatch.style.background = group[1];
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(shown(group[0])));
    fieldList.appendChild(item);
  });

  applyFilters();
  countDrawn();
})();
