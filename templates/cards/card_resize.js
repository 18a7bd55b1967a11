(function () {
  // Tell the embedding page (embed.js) our height, but only a parent that said hello from an allowed origin.
  var allowed = {{ allowed_origins|safe }};
  var card = document.getElementById("praxis-card");
  var parentOrigin = null;
  function send() {
    if (!parentOrigin) return;
    var height = Math.ceil(card.getBoundingClientRect().height);
    window.parent.postMessage({ type: "praxis:card-height", height: height }, parentOrigin);
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "praxis:hello") return;
    if (allowed.indexOf("*") === -1 && event.origin !== window.location.origin && allowed.indexOf(event.origin) === -1) return;
    parentOrigin = event.origin;
    send();
  });
  if (window.ResizeObserver) new ResizeObserver(send).observe(card);
  window.addEventListener("resize", send);
})();
