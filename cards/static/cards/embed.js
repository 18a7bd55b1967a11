/* Praxis practice cards on any website:
 *   <script src="https://HOST/embed.js" data-practice="SLUG" data-lang="de" async></script>
 * inserts the card's iframe where the script stands and keeps it as tall as the card.
 * Optional: data-theme (light, dark), data-variant (compact, full), data-max-width.
 * Plain iframes of our cards (marked data-praxis-card) on the same page are resized as well.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.postMessage) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var state = (window.__praxisEmbeds = window.__praxisEmbeds || {});

  function hello(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "praxis:hello" }, origin);
  }

  function adopt(frame) {
    if (frame.getAttribute("data-praxis-ready")) return;
    try {
      if (new URL(frame.src, document.baseURI).origin !== origin) return;
    } catch (error) {
      return;
    }
    frame.setAttribute("data-praxis-ready", "1");
    frame.addEventListener("load", function () { hello(frame); });
    hello(frame);
  }

  if (!state[origin]) {
    state[origin] = true;
    window.addEventListener("message", function (event) {
      // Only our own cards may resize their frames.
      if (event.origin !== origin || !event.data || event.data.type !== "praxis:card-height") return;
      var height = parseInt(event.data.height, 10);
      if (!(height > 0 && height < 10000)) return;
      var frames = document.querySelectorAll("iframe[data-praxis-ready]");
      for (var i = 0; i < frames.length; i++) {
        if (frames[i].contentWindow === event.source) frames[i].style.height = height + "px";
      }
    });
  }

  var practice = script.getAttribute("data-practice");
  if (practice) {
    var params = new URLSearchParams();
    ["lang", "theme", "variant"].forEach(function (name) {
      var value = script.getAttribute("data-" + name);
      if (value) params.set(name, value);
    });
    var maxWidth = script.getAttribute("data-max-width");
    if (maxWidth) params.set("max_width", maxWidth);
    var query = params.toString();
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/practices/" + encodeURIComponent(practice) + "/" + (query ? "?" + query : "");
    frame.title = script.getAttribute("data-title") || "Praxis practice card";
    frame.setAttribute("data-praxis-card", "");
    frame.style.cssText = "border:0;width:100%;display:block;height:260px;" + (maxWidth ? "max-width:" + maxWidth + "px;" : "");
    script.parentNode.insertBefore(frame, script);
    adopt(frame);
  }

  var others = document.querySelectorAll("iframe[data-praxis-card]");
  for (var i = 0; i < others.length; i++) adopt(others[i]);
})();
