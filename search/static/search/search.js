// Progressive enhancement of the practice search: the plain GET form works without this file.
// With it, results and facets update in place, the URL follows (history.pushState) and the back
// button restores the previous state (popstate). The count is announced through a live region.
(function () {
    "use strict";
    var form = document.getElementById("practice-search");
    if (!form || !window.fetch || !window.history.pushState || !window.DOMParser) {
        return;
    }
    var regions = ["search-facets", "search-results"];
    var pending = null;

    function urlFromForm() {
        var data = new FormData(form);
        var params = new URLSearchParams();
        data.forEach(function (value, key) {
            if (String(value).trim() !== "") {
                params.append(key, value);
            }
        });
        var query = params.toString();
        return form.getAttribute("action") + (query ? "?" + query : "");
    }

    function load(url, push) {
        if (pending) {
            pending.abort();
        }
        pending = new AbortController();
        form.setAttribute("aria-busy", "true");
        var focusedId = document.activeElement && document.activeElement.id;
        return fetch(url, {headers: {"X-Requested-With": "fetch"}, signal: pending.signal})
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.text();
            })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                regions.forEach(function (id) {
                    var fresh = doc.getElementById(id);
                    var current = document.getElementById(id);
                    if (fresh && current) {
                        current.innerHTML = fresh.innerHTML;
                    }
                });
                var query = doc.getElementById("search-q");
                if (query) {
                    document.getElementById("search-q").value = query.value;
                }
                var status = doc.getElementById("search-status");
                if (status) {
                    document.getElementById("search-status").textContent = status.textContent;
                }
                if (push) {
                    window.history.pushState({search: true}, "", url);
                }
                if (focusedId && document.getElementById(focusedId)) {
                    document.getElementById(focusedId).focus();
                }
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    window.location.assign(url); // fall back to a plain page load
                }
            })
            .finally(function () {
                form.removeAttribute("aria-busy");
            });
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        load(urlFromForm(), true);
    });
    form.addEventListener("change", function (event) {
        if (event.target.matches("input[type=checkbox], select")) {
            load(urlFromForm(), true);
        }
    });
    form.addEventListener("click", function (event) {
        var link = event.target.closest("#search-results a[data-search-link], #search-results .pagination a");
        if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
            event.preventDefault();
            load(link.href, true);
        }
    });
    window.addEventListener("popstate", function () {
        load(window.location.href, false);
    });
    document.documentElement.classList.add("search-enhanced");
})();
