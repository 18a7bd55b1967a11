// The admin import's status page: poll the task's progress (JSON) and reload into the review or the
// results when the task is no longer running. Without this file the page refreshes itself (<noscript>
// meta refresh) and has a "Refresh" link.
(function () {
    "use strict";
    var box = document.querySelector("[data-import-progress]");
    if (!box || !window.fetch) {
        return;
    }
    var bar = box.querySelector("progress");
    var text = box.querySelector("[data-import-progress-text]");
    var url = box.getAttribute("data-import-progress");
    var delay = 1000;

    function show(progress) {
        if (progress.total) {
            bar.max = progress.total;
            bar.value = progress.done;
        } else {
            bar.removeAttribute("value"); // indeterminate
        }
        bar.textContent = progress.text;
        if (text.textContent !== progress.text) {
            text.textContent = progress.text; // a live region: announced only when it changes
        }
    }

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (response.status === 404 || response.status === 403) {
                    window.location.reload(); // gone (cleaned up) or logged out: the page says so
                    return null;
                }
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            })
            .then(function (progress) {
                if (progress === null) {
                    return;
                }
                if (!progress.running) {
                    window.location.reload();
                    return;
                }
                show(progress);
                delay = 1000;
                window.setTimeout(poll, delay);
            })
            .catch(function () {
                delay = Math.min(delay * 2, 30000); // the server is busy or gone: ask less often
                window.setTimeout(poll, delay);
            });
    }

    window.setTimeout(poll, delay);
})();
