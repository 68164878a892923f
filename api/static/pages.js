// Copy buttons of the "Cite" box (api/templates/item.html): the page works without this script; with it, a
// button copies the citation next to it to the clipboard and says so in a live region, in the words the page gives
// it (data-copied, data-refused: the page's language).
(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    if (!source) { return; }
    copy(source.textContent).then(function () {
      button.classList.add("copied");
      if (status) { status.textContent = button.getAttribute("data-copied"); }
      window.setTimeout(function () { button.classList.remove("copied"); }, 2000);
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (status) { status.textContent = button.getAttribute("data-refused"); }
    });
  });
}());
