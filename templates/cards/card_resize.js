(function () {
  // Tell the embedding page (embed.js) the card's natural height, but only a parent that said hello from
  // an allowed origin. "ready" carries no data, so it may go to any parent: it only invites the hello.
  var allowed = {{ allowed_origins|safe }};
  var card = document.getElementById("praxis-card");
  var summary = card.querySelector(".practice-card__summary");
  var parentOrigin = null;
  function naturalHeight() {
    var hidden = summary ? Math.max(0, summary.scrollHeight - summary.clientHeight) : 0;
    card.classList.toggle("is-clipped", hidden > 1);
    return Math.ceil(card.getBoundingClientRect().height + hidden);
  }
  function send() {
    var height = naturalHeight();
    if (parentOrigin) window.parent.postMessage({ type: "praxis:card-height", height: height }, parentOrigin);
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "praxis:hello") return;
    if (allowed.indexOf("*") === -1 && event.origin !== window.location.origin && allowed.indexOf(event.origin) === -1) return;
    parentOrigin = event.origin;
    send();
  });
  if (window.ResizeObserver) new ResizeObserver(send).observe(card);
  window.addEventListener("resize", send);
  if (window.parent !== window) window.parent.postMessage({ type: "praxis:card-ready" }, "*");
})();
