// Progressive enhancement of the practice search: the plain GET form works without this file.
// With it, results and facets update in place, the URL follows (history.pushState) and the back
// button restores the previous state (popstate). The count is announced through a live region.
// On narrow screens the filters open from a "Filters (n)" button as a panel over the results.
(function () {
    "use strict";
    var form = document.getElementById("practice-search");
    if (!form || !window.fetch || !window.history.pushState || !window.DOMParser) {
        return;
    }
    var regions = ["search-facets", "search-results", "search-filter-count"];
    var pending = null;
    var panel = document.getElementById("search-filters");
    var openButton = form.querySelector("[data-filters-open]");
    var closeButton = form.querySelector("[data-filters-close]");
    var narrow = window.matchMedia("(max-width: 51.99rem)");

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

    // The filter panel (narrow screens): a modal disclosure; everything else is inert while it is open.
    function outside() {
        return document.querySelectorAll(".site-header, .site-footer, .skip-link, .search-page h1, .search-intro, .search-box, .search-main");
    }
    function isOpen() {
        return panel.classList.contains("is-open");
    }
    function openPanel() {
        panel.classList.add("is-open");
        panel.setAttribute("role", "dialog");
        panel.setAttribute("aria-modal", "true");
        openButton.setAttribute("aria-expanded", "true");
        document.documentElement.classList.add("filters-open");
        outside().forEach(function (element) { element.inert = true; });
        document.getElementById("search-filters-heading").focus();
    }
    function closePanel(focusTarget) {
        if (!isOpen()) {
            return;
        }
        panel.classList.remove("is-open");
        panel.removeAttribute("role");
        panel.removeAttribute("aria-modal");
        openButton.setAttribute("aria-expanded", "false");
        document.documentElement.classList.remove("filters-open");
        outside().forEach(function (element) { element.inert = false; });
        (focusTarget || openButton).focus();
    }
    function showResults() {
        var heading = document.getElementById("search-results-heading");
        heading.focus({preventScroll: true});
        heading.scrollIntoView({block: "start"});
    }

    function load(url, push, after) {
        if (pending) {
            pending.abort();
        }
        pending = new AbortController();
        form.setAttribute("aria-busy", "true");
        var focusedId = document.activeElement && document.activeElement.id;
        var queryField = document.getElementById("search-q");
        var typedBefore = queryField.value;
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
                // Words typed while this answer was on its way stay: they are the next search.
                var query = doc.getElementById("search-q");
                if (query && queryField.value === typedBefore) {
                    queryField.value = query.value;
                }
                var sort = doc.getElementById("search-sort");
                if (sort) { // "Relevance" is offered only with a query
                    document.getElementById("search-sort").innerHTML = sort.innerHTML;
                    document.getElementById("search-sort").value = sort.value;
                }
                var status = doc.getElementById("search-status");
                if (status) {
                    document.getElementById("search-status").textContent = status.textContent;
                }
                document.title = doc.title;
                if (push) {
                    window.history.pushState({search: true}, "", url);
                }
                if (after) {
                    after();
                } else if (focusedId && document.getElementById(focusedId)) {
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
        var fromPanel = isOpen();
        load(urlFromForm(), true, fromPanel ? function () { closePanel(document.getElementById("search-results-heading")); showResults(); } : null);
    });
    form.addEventListener("change", function (event) {
        if (event.target.matches("input[type=checkbox], select")) {
            load(urlFromForm(), true);
        }
    });
    form.addEventListener("click", function (event) {
        if (event.target.closest("[data-filters-open]")) {
            openPanel();
            return;
        }
        if (event.target.closest("[data-filters-close]")) {
            closePanel();
            return;
        }
        var link = event.target.closest("a[data-search-link], #search-results .pagination a");
        if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
            event.preventDefault();
            var paging = link.closest(".pagination");
            load(link.href, true, paging ? showResults : null);
        }
    });
    panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && isOpen()) {
            event.preventDefault();
            closePanel();
        }
    });
    narrow.addEventListener("change", function () {
        closePanel();
    });
    window.addEventListener("popstate", function () {
        load(window.location.href, false);
    });
    openButton.hidden = false;
    closeButton.hidden = false;
    document.documentElement.classList.add("search-enhanced");
})();
