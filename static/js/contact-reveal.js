// Contact details in place: the reveal form posts with fetch and the answer appears under the contact,
// announced by its live region. Without JavaScript the form posts and the details open on their own page.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-contact-reveal]");
    if (!form) return;
    event.preventDefault();
    var target = document.getElementById(form.getAttribute("data-contact-reveal"));
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        if (!response.ok && response.status !== 429) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        target.innerHTML = html;
        if (target.querySelector("dl")) form.hidden = true;
        else button.disabled = false;
      })
      .catch(function () {
        form.submit(); // the page version still works
      });
  });
})();
