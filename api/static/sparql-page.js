/* The SPARQL page (/query): example queries, the editor, running a query through /sparql, the results
 * table, downloads and the permalink. Served by api/sparql_page.py. Without this script the page is a
 * plain form that submits to /sparql; without YASQE (web/node_modules) it works on the plain textarea.
 * It talks to this host only: YASQE's remote completers (prefix.cc, LOV), its share-link shortener and
 * its local persistence are switched off, and completers fed from /query/vocabulary take their place.
 */
(function () {
  "use strict";

  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var BASE = "https://w3id.org/iacml-kb/";
  var DOWNLOADS = {
    results: [["json", "JSON"], ["xml", "XML"], ["csv", "CSV"], ["tsv", "TSV"]],
    boolean: [["json", "JSON"], ["xml", "XML"]],
    graph: [["turtle", "Turtle"], ["ntriples", "N-Triples"], ["jsonld", "JSON-LD"], ["rdfxml", "RDF/XML"]]
  };
  var EXTENSIONS = {json: "srj", xml: "srx", csv: "csv", tsv: "tsv", turtle: "ttl", ntriples: "nt",
                    jsonld: "jsonld", rdfxml: "rdf"};

  var data = JSON.parse(document.getElementById("sparql-page-data").textContent);
  // the page's words in its language (api/words.py, "query.js.*"), each {name} filled in
  function say(key, values) {
    return (data.words[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }
  var examples = {};
  data.examples.forEach(function (example) { examples[example.name] = example; });
  var prefixes = {};

  var textarea = document.getElementById("query");
  var form = document.getElementById("query-form");
  var yasqe = null;
  var current = data.selected ? examples[data.selected] : null;
  var running = null;

  // ------------------------------------------------------------------------------------------
  // The editor: YASQE when installed, else the textarea
  // ------------------------------------------------------------------------------------------

  function getText() { return yasqe ? yasqe.getValue() : textarea.value; }

  function setText(text) {
    textarea.value = text;
    if (yasqe) { yasqe.setValue(text); }
  }

  function startEditor() {
    if (!data.editor) { return; }
    if (typeof window.Yasqe !== "function") {
      document.getElementById("run-hint").insertAdjacentElement("afterend", element("span",
        {"class": "sparql-notice", id: "editor-failed"}, say("editor_failed")));
      return;
    }
    var Yasqe = window.Yasqe;
    var vocabulary = fetch("/query/vocabulary", {headers: {Accept: "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (words) { prefixes = words.prefixes; return words; });
    function words(kind) {
      return function () { return vocabulary.then(function (found) { return found[kind]; }); };
    }
    Yasqe.forkAutocompleter("prefixes", {
      name: "kbPrefixes", persistenceId: null,
      get: function () {
        return vocabulary.then(function (found) {
          return Object.keys(found.prefixes).sort().map(function (p) { return p + ": <" + found.prefixes[p] + ">"; });
        });
      }
    }, false);
    Yasqe.forkAutocompleter("class", {name: "kbClasses", bulk: true, autoShow: true, persistenceId: null,
                                      get: words("classes")}, false);
    Yasqe.forkAutocompleter("property", {name: "kbProperties", bulk: true, autoShow: true, persistenceId: null,
                                         get: words("properties")}, false);
    var keys = Object.assign({}, Yasqe.defaults.extraKeys || {}, {
      "Ctrl-Enter": function () { run(); }, "Cmd-Enter": function () { run(); },
      "Tab": false, "Shift-Tab": false
    });
    var holder = document.getElementById("editor");
    holder.hidden = false;
    yasqe = new Yasqe(holder, {
      value: textarea.value,
      requestConfig: {endpoint: "/sparql", method: "POST"},
      persistenceId: null,
      prefixCcApi: null,
      createShareableLink: null,
      createShortLink: undefined,
      consumeShareLink: null,
      showQueryButton: false,
      resizeable: true,
      editorHeight: "22rem",
      collapsePrefixesOnLoad: false,
      autocompleters: ["kbPrefixes", "kbClasses", "kbProperties", "variables"],
      extraKeys: keys,
      screenReaderLabel: "SPARQL query"
    });
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    var input = yasqe.getInputField();
    input.id = "query-editor";
    document.getElementById("query-label").htmlFor = "query-editor";
    yasqe.on("change", function () { textarea.value = yasqe.getValue(); });
    document.getElementById("run-hint").hidden = false;
  }

  // ------------------------------------------------------------------------------------------
  // Example queries and their parameters
  // ------------------------------------------------------------------------------------------

  /* Offset just inside the opening brace of the top-level WHERE group (-1 if none), skipping comments,
   * strings, IRIs and variables: the place kb.store puts a VALUES block when it binds parameters. */
  function whereGroupOffset(text) {
    var i = 0, n = text.length, sawWhere = false, form = null, braces = 0;
    var iri = /<[^<>"{}|^`\\\u0000-\u0020]*>/y, word = /[A-Za-z_][A-Za-z0-9_\-.]*/y, name = /[A-Za-z0-9_]*/y;
    while (i < n) {
      var c = text.charAt(i);
      if (c === "#") {
        var end = text.indexOf("\n", i);
        i = end < 0 ? n : end + 1;
      } else if (c === "\"" || c === "'") {
        var quote = text.substr(i, 3) === c + c + c ? c + c + c : c;
        i += quote.length;
        while (i < n && text.substr(i, quote.length) !== quote) { i += text.charAt(i) === "\\" ? 2 : 1; }
        i += quote.length;
      } else if (c === "<") {
        iri.lastIndex = i;
        i = iri.test(text) ? iri.lastIndex : i + 1;
      } else if (c === "?" || c === "$") {
        name.lastIndex = i + 1;
        name.test(text);
        i = name.lastIndex;
      } else if (/[A-Za-z_]/.test(c)) {
        word.lastIndex = i;
        word.test(text);
        var token = text.slice(i, word.lastIndex).toUpperCase();
        i = word.lastIndex;
        if (text.charAt(i) === ":") { continue; }  // a prefixed name
        if (braces === 0 && token === "WHERE") { sawWhere = true; }
        if (braces === 0 && form === null && /^(SELECT|ASK|CONSTRUCT|DESCRIBE)$/.test(token)) { form = token; }
      } else if (c === "{") {
        if (braces === 0 && (sawWhere || (form !== null && form !== "CONSTRUCT"))) { return i + 1; }
        braces += 1;
        i += 1;
      } else if (c === "}") {
        braces = Math.max(0, braces - 1);
        i += 1;
      } else {
        i += 1;
      }
    }
    return -1;
  }

  /* The SPARQL term for a parameter value, or null (with a reason) if the value does not fit its type. */
  function term(param, value) {
    if (param.type === "iri") {
      return /^[A-Za-z][A-Za-z0-9+.\-]*:[^<>"{}|^`\\\u0000-\u0020]*$/.test(value) ? {text: "<" + value + ">"}
        : {error: say("need_iri")};
    }
    if (param.type === "date") {
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? {text: "\"" + value + "\"^^<" + XSD + "date>"}
        : {error: say("need_date")};
    }
    if (param.type === "integer") {
      return /^[+-]?\d+$/.test(value) ? {text: value} : {error: say("need_integer")};
    }
    return {text: JSON.stringify(value)};
  }

  function composed(example) {
    var lines = [];
    example.params.forEach(function (param) {
      var input = document.getElementById("param-" + param.name);
      var value = input ? input.value.trim() : param.sample;
      var message = input ? document.getElementById("param-" + param.name + "-error") : null;
      if (input) { input.removeAttribute("aria-invalid"); }
      if (message) { message.textContent = ""; }
      if (!value) { return; }
      var bound = term(param, value);
      if (bound.error) {
        if (input) { input.setAttribute("aria-invalid", "true"); }
        if (message) { message.textContent = say("not_bound", {name: param.name, need: bound.error}); }
        return;
      }
      lines.push("  VALUES ?" + param.name + " { " + bound.text + " }");
    });
    var text = example.text;
    if (!lines.length) { return text; }
    var at = whereGroupOffset(text);
    if (at < 0) { return text.replace(/\s*$/, "\n") + lines.join("\n").trim() + "\n"; }
    var after = text.slice(at);
    return text.slice(0, at) + "\n" + lines.join("\n") + (after.charAt(0) === "\n" ? "" : "\n") + after;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function showExample(example) {
    var info = document.getElementById("example-info");
    info.textContent = "";
    var fields = document.getElementById("parameter-fields");
    fields.textContent = "";
    var fieldset = document.getElementById("parameters");
    fieldset.hidden = !example || !example.params.length;
    if (!example) { return; }
    info.appendChild(element("h3", {id: "example-title"}, example.title));
    info.appendChild(element("p", {id: "example-description"}, example.description));
    example.params.forEach(function (param) {
      var line = element("p");
      var label = element("label", {"for": "param-" + param.name});
      label.appendChild(element("code", {}, "?" + param.name));
      label.appendChild(document.createTextNode(" (" + param.type + (param.required ? "" : say("optional")) + ")"));
      line.appendChild(label);
      line.appendChild(document.createTextNode(" "));
      var input = element("input", {id: "param-" + param.name, name: param.name, size: "60",
                                     "aria-describedby": "param-" + param.name + "-help param-" + param.name + "-error"});
      input.value = param.sample;
      if (param.example) { input.placeholder = say("example", {value: param.example}); }
      input.addEventListener("change", function () { setText(composed(example)); });
      line.appendChild(input);
      line.appendChild(document.createTextNode(" "));
      line.appendChild(element("span", {"class": "sparql-hint", id: "param-" + param.name + "-help"},
                               param.description));
      line.appendChild(element("span", {"class": "sparql-error", id: "param-" + param.name + "-error",
                                        "aria-live": "polite"}));
      fields.appendChild(line);
    });
  }

  function loadExample(name) {
    current = examples[name] || null;
    showExample(current);
    if (current) {
      setText(composed(current));
      history.replaceState(null, "", "/query?example=" + encodeURIComponent(name));
    }
  }

  // ------------------------------------------------------------------------------------------
  // Running a query and showing its answer
  // ------------------------------------------------------------------------------------------

  function localHref(iri) { return iri.indexOf(BASE) === 0 ? "/" + iri.slice(BASE.length) : iri; }

  function shortIri(iri) {
    var best = null;
    Object.keys(prefixes).forEach(function (p) {
      var ns = prefixes[p];
      if (iri.indexOf(ns) === 0 && iri.length > ns.length && (best === null || ns.length > prefixes[best].length)) {
        best = p;
      }
    });
    return best === null ? iri : best + ":" + iri.slice(prefixes[best].length);
  }

  function cell(value) {
    var td = element("td");
    if (!value) { return td; }
    if (value.type === "uri") {
      var label = shortIri(value.value);  // a prefixed name, else our own IRIs by their path here
      if (label === value.value && value.value.indexOf(BASE) === 0) { label = value.value.slice(BASE.length); }
      var link = element("a", {href: localHref(value.value), title: value.value}, label || value.value);
      td.appendChild(link);
    } else if (value.type === "bnode") {
      td.textContent = "_:" + value.value;
    } else {
      td.textContent = value.value;
      if (value["xml:lang"]) { td.setAttribute("lang", value["xml:lang"]); }
      if (value.datatype) { td.title = shortIri(value.datatype); }
    }
    return td;
  }

  function table(variables, rows) {
    var result = element("table", {id: "results-table"});
    result.appendChild(element("caption", {}, rows.length + (rows.length === 1 ? " row" : " rows")));
    var head = element("thead");
    var headRow = element("tr");
    variables.forEach(function (name) { headRow.appendChild(element("th", {scope: "col"}, name)); });
    head.appendChild(headRow);
    result.appendChild(head);
    var body = element("tbody");
    rows.forEach(function (row) {
      var tr = element("tr");
      variables.forEach(function (name) { tr.appendChild(cell(row[name])); });
      body.appendChild(tr);
    });
    result.appendChild(body);
    return result;
  }

  var NT_TERM = /\s*(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9\-]+|\^\^<[^>]*>)?)/y;

  function ntTerm(text) {
    if (text.charAt(0) === "<") { return {type: "uri", value: text.slice(1, -1)}; }
    if (text.indexOf("_:") === 0) { return {type: "bnode", value: text.slice(2)}; }
    var close = text.lastIndexOf("\"");
    var literal = {type: "literal", value: JSON.parse(text.slice(0, close + 1))};
    var rest = text.slice(close + 1);
    if (rest.charAt(0) === "@") { literal["xml:lang"] = rest.slice(1); }
    if (rest.indexOf("^^") === 0) { literal.datatype = rest.slice(3, -1); }
    return literal;
  }

  function triples(text) {
    var rows = [];
    text.split("\n").forEach(function (line) {
      if (!line.trim() || line.trim().charAt(0) === "#") { return; }
      NT_TERM.lastIndex = 0;
      var parts = [];
      for (var k = 0; k < 3; k++) {
        var match = NT_TERM.exec(line);
        if (!match) { return; }
        parts.push(ntTerm(match[1]));
      }
      rows.push({subject: parts[0], predicate: parts[1], object: parts[2]});
    });
    return rows;
  }

  function showDownloads(kind, query) {
    var list = document.getElementById("download-links");
    list.textContent = "";
    DOWNLOADS[kind].forEach(function (pair) {
      var href = "/sparql?query=" + encodeURIComponent(query) + "&format=" + pair[0];
      var item = element("li");
      item.appendChild(element("a", {href: href, "data-format": pair[0], download: "results." + EXTENSIONS[pair[0]]},
                               pair[1]));
      list.appendChild(item);
    });
    document.getElementById("downloads").hidden = false;
  }

  function showPermalink(query) {
    var href = "/query?query=" + encodeURIComponent(query);
    document.getElementById("permalink").href = href;
    document.getElementById("permalink-line").hidden = false;
    history.replaceState(null, "", href);
  }

  function run() {
    var query = getText();
    textarea.value = query;
    var section = document.getElementById("results-section");
    var status = document.getElementById("status");
    var error = document.getElementById("error");
    var results = document.getElementById("results");
    section.hidden = false;
    section.setAttribute("aria-busy", "true");
    error.textContent = "";
    results.textContent = "";
    document.getElementById("downloads").hidden = true;
    status.textContent = say("running");
    if (running) { running.abort(); }
    var controller = new AbortController();
    running = controller;
    var started = performance.now();
    var body = new URLSearchParams();
    body.set("query", query);
    fetch("/sparql", {
      method: "POST", body: body, signal: controller.signal,
      headers: {Accept: "application/sparql-results+json, application/n-triples;q=0.9"}
    }).then(function (response) {
      return response.text().then(function (text) { return {response: response, text: text}; });
    }).then(function (answer) {
      if (running !== controller) { return; }
      var response = answer.response;
      var seconds = ((performance.now() - started) / 1000).toFixed(2);
      var type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      if (!response.ok) {
        var detail = answer.text;
        try { detail = JSON.parse(answer.text).error.detail; } catch (ignored) { /* not our error shape */ }
        status.textContent = say("failed", {status: response.status});
        error.appendChild(element("p", {"class": "sparql-error"}, detail));
        return;
      }
      var truncated = response.headers.get("KB-Result-Truncated") === "true";
      var note = truncated ? " " + say("truncated", {cap: response.headers.get("KB-Row-Cap")}) : "";
      if (type === "application/n-triples") {
        var found = triples(answer.text);
        results.appendChild(table(["subject", "predicate", "object"], found));
        status.textContent = say(found.length === 1 ? "triples_one" : "triples_other",
                                 {n: found.length, seconds: seconds}) + note;
        showDownloads("graph", query);
      } else {
        var json = JSON.parse(answer.text);
        if (typeof json.boolean === "boolean") {
          results.appendChild(element("p", {id: "results-boolean"}, json.boolean ? "true" : "false"));
          status.textContent = say("boolean", {value: json.boolean, seconds: seconds});
          showDownloads("boolean", query);
        } else {
          var rows = json.results.bindings;
          results.appendChild(table(json.head.vars, rows));
          status.textContent = say(rows.length === 1 ? "rows_one" : "rows_other", {n: rows.length, seconds: seconds}) +
            note;
          showDownloads("results", query);
        }
      }
      showPermalink(query);
    }).catch(function (failure) {
      if (failure.name === "AbortError") { return; }
      status.textContent = say("not_sent");
      error.appendChild(element("p", {"class": "sparql-error"}, String(failure)));
    }).then(function () {
      if (running === controller) { running = null; section.removeAttribute("aria-busy"); }
    });
  }

  // ------------------------------------------------------------------------------------------
  // Wiring
  // ------------------------------------------------------------------------------------------

  startEditor();
  if (!yasqe) {
    fetch("/query/vocabulary").then(function (r) { return r.json(); })
      .then(function (words) { prefixes = words.prefixes; }, function () { /* IRIs stay unshortened */ });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
    });
    document.getElementById("run-hint").hidden = false;
    document.getElementById("run-hint").textContent = say("run_hint_plain");
  }
  document.getElementById("format-field").hidden = true;  // the page shows every format as a download
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  document.getElementById("example-form").addEventListener("submit", function (event) {
    event.preventDefault();
    loadExample(document.getElementById("example").value);
  });
  document.getElementById("example").addEventListener("change", function (event) {
    loadExample(event.target.value);
  });
  if (current && !data.autorun) {
    showExample(current);
    setText(composed(current));
  }
  if (data.autorun) { run(); }
}());
