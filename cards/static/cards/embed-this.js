// "Embed this practice": tabs (one per method; all shown without JavaScript) and copy buttons.
(function () {
  "use strict";
  var root = document.querySelector("[data-embed-tabs]");
  if (!root) return;
  var tabs = Array.prototype.slice.call(root.querySelectorAll("[role=tab]"));
  var tablist = root.querySelector("[role=tablist]");

  function select(tab, focus) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    });
    if (focus) tab.focus();
  }

  tabs.forEach(function (tab) {
    var panel = document.getElementById(tab.getAttribute("aria-controls"));
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.tabIndex = 0;
    tab.addEventListener("click", function () { select(tab, false); });
  });
  tablist.addEventListener("keydown", function (event) {
    var index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length], true);
  });
  tablist.hidden = false;
  root.classList.add("has-tabs");
  select(tabs[0], false);

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".embed-this__status");
    function done() {
      status.textContent = button.getAttribute("data-copied");
      setTimeout(function () { status.textContent = ""; }, 2000);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      field.select();
      if (document.execCommand("copy")) done();
    }
  });
  Array.prototype.forEach.call(root.querySelectorAll("[data-copy]"), function (button) { button.hidden = false; });
})();
