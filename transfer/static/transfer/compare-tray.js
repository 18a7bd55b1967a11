// Picking practices to compare from the search results: a "Compare" checkbox on each result, up to three,
// kept for this tab (sessionStorage) and shown in a tray that links to the comparison. Without this
// script, each practice page links to the comparison, which can add practices by search.
(function () {
    "use strict";
    var KEY = "praxis-compare";
    var MAX = 3;
    var tray = document.getElementById("compare-tray");
    if (!tray || !window.sessionStorage) {
        return;
    }
    var link = tray.querySelector("a");
    var count = tray.querySelector("[data-compare-count]");
    var clear = tray.querySelector("button");

    function selected() {
        try {
            return JSON.parse(window.sessionStorage.getItem(KEY) || "[]").slice(0, MAX);
        } catch (error) {
            return [];
        }
    }

    function save(slugs) {
        window.sessionStorage.setItem(KEY, JSON.stringify(slugs.slice(0, MAX)));
        render();
    }

    function render() {
        var slugs = selected();
        tray.hidden = slugs.length === 0;
        count.textContent = String(slugs.length);
        link.href = tray.dataset.compareUrl + "?" + slugs.map(function (slug) {
            return "p=" + encodeURIComponent(slug);
        }).join("&");
        document.querySelectorAll("[data-compare-slug]").forEach(function (item) {
            var box = item.querySelector("input.compare-toggle");
            if (!box) {
                var label = document.createElement("label");
                label.className = "compare-toggle-label";
                box = document.createElement("input");
                box.type = "checkbox";
                box.className = "compare-toggle";
                box.value = item.dataset.compareSlug;
                label.appendChild(box);
                label.appendChild(document.createTextNode(" " + tray.dataset.labelCompare));
                item.appendChild(label);
            }
            box.checked = slugs.indexOf(box.value) !== -1;
            box.disabled = !box.checked && slugs.length >= MAX;
        });
    }

    document.addEventListener("change", function (event) {
        var box = event.target;
        if (!box.matches || !box.matches("input.compare-toggle")) {
            return;
        }
        event.stopPropagation(); // not a search filter
        var slugs = selected().filter(function (slug) { return slug !== box.value; });
        if (box.checked) {
            slugs.push(box.value);
        }
        save(slugs);
    }, true);
    clear.addEventListener("click", function () {
        save([]);
    });
    var results = document.getElementById("search-results");
    if (results && window.MutationObserver) {
        new MutationObserver(render).observe(results, {childList: true});
    }
    render();
})();
