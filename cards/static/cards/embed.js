/* Praxis practice cards on any website. The snippet:
 *   <a href="https://HOST/en/practices/SLUG/" data-praxis-practice="SLUG" data-lang="de">Title</a>
 *   <script src="https://HOST/embed.js" async></script>
 * replaces each such link with the card's iframe and keeps the frame as tall as the card; without
 * JavaScript the link stays. (The older form, <script src=".../embed.js" data-practice="SLUG">, works too.)
 * Optional: data-theme (light, dark), data-variant (compact, full), data-max-width.
 * Plain iframes of our cards (marked data-praxis-card) on the same page are resized as well.
 * Messages go to a frame only after it said it is ready, so nothing is sent to a page still loading.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.postMessage || !window.URLSearchParams) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var state = (window.__praxisEmbeds = window.__praxisEmbeds || {});
  var HEIGHTS = { compact: 300, full: 420 }; // until the card reports its own

  function ours(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin === origin;
    } catch (error) {
      return false;
    }
  }

  function frameOf(source) {
    var frames = document.querySelectorAll("iframe[data-praxis-card]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source && ours(frames[i])) return frames[i];
    }
    return null;
  }

  if (!state[origin]) {
    state[origin] = true;
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || !event.data) return;
      var frame = frameOf(event.source);
      if (!frame) return;
      if (event.data.type === "praxis:card-ready") {
        event.source.postMessage({ type: "praxis:hello" }, origin);
      } else if (event.data.type === "praxis:card-height") {
        var height = parseInt(event.data.height, 10);
        if (!(height > 0 && height < 10000)) return;
        frame.style.height = height + "px";
        frame.setAttribute("data-praxis-fitted", String(height));
      }
    });
  }

  function cardFrame(practice, options, title) {
    var params = new URLSearchParams();
    ["lang", "theme", "variant"].forEach(function (name) {
      if (options[name]) params.set(name, options[name]);
    });
    if (options.maxWidth) params.set("max_width", options.maxWidth);
    var query = params.toString();
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/practices/" + encodeURIComponent(practice) + "/" + (query ? "?" + query : "");
    frame.title = title || "Praxis practice card";
    frame.setAttribute("data-praxis-card", "");
    frame.setAttribute("loading", "lazy");
    frame.style.cssText = "border:0;width:100%;display:block;height:" + (HEIGHTS[options.variant] || HEIGHTS.compact) + "px;" +
      (options.maxWidth ? "max-width:" + options.maxWidth + "px;" : "");
    return frame;
  }

  function optionsOf(element) {
    return {
      lang: element.getAttribute("data-lang"),
      theme: element.getAttribute("data-theme"),
      variant: element.getAttribute("data-variant"),
      maxWidth: element.getAttribute("data-max-width")
    };
  }

  // Frames already on the page may have loaded (and said "ready") before this script ran. A hello
  // carries no data, so "*" is safe; a frame still loading ignores it and says "ready" later.
  var present = document.querySelectorAll("iframe[data-praxis-card]");
  for (var j = 0; j < present.length; j++) {
    if (ours(present[j]) && present[j].contentWindow) present[j].contentWindow.postMessage({ type: "praxis:hello" }, "*");
  }

  var links = document.querySelectorAll("[data-praxis-practice]");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    link.parentNode.replaceChild(
      cardFrame(link.getAttribute("data-praxis-practice"), optionsOf(link), link.textContent.trim()), link
    );
  }
  var practice = script.getAttribute("data-practice");
  if (practice) {
    script.parentNode.insertBefore(cardFrame(practice, optionsOf(script), script.getAttribute("data-title")), script);
  }
})();
