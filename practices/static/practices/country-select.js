/* A filter box for the country selects of the admin (practices.widgets.CountrySelect).
 *
 * Typing "deu", "Germ", "Deutsch" or "DE" narrows the select's options to the countries whose name (in any
 * interface language) or ISO code starts a word with it; the best match is selected, so Enter or Tab keeps
 * it. The select stays the form control (without JavaScript it works alone), Arrow Down moves into it, and
 * a polite live region says how many countries match. New rows of an inline panel are enhanced as they
 * appear. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function rank(option, query) {
    const terms = option.dataset.terms || "";
    const code = terms.split(" | ")[0];
    const label = fold(option.textContent);
    if (code === query) return 0; // "de" is Germany before Denmark
    if (label.startsWith(query)) return 1;
    if (terms.split(" | ").some((term) => term.startsWith(query))) return 2;
    if (terms.split(/[\s|()-]+/).some((word) => word && word.startsWith(query))) return 3;
    return -1;
  }

  let counter = 0;

  function enhance(select) {
    if (select.dataset.countryFilter) return;
    select.dataset.countryFilter = "on";
    counter += 1;
    const id = (select.id || "country-select-" + counter) + "-filter";
    const all = Array.from(select.options);
    const placeholder = all.find((option) => !option.value);

    const wrapper = document.createElement("div");
    wrapper.className = "praxis-country-filter";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "praxis-country-filter__label";
    label.textContent = select.dataset.filterLabel || "Filter countries";
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = select.dataset.filterPlaceholder || "";
    input.setAttribute("aria-controls", select.id || "");
    const status = document.createElement("p");
    status.className = "praxis-country-filter__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.append(label, input, status);
    select.parentNode.insertBefore(wrapper, select);

    function show(options) {
      const chosen = select.value;
      select.replaceChildren(...options);
      const keep = options.find((option) => option.value && option.value === chosen);
      select.value = keep ? chosen : "";
    }

    function apply() {
      const query = fold(input.value);
      if (!query) {
        const chosen = select.value;
        select.replaceChildren(...all);
        select.value = chosen;
        status.textContent = "";
        return;
      }
      const matches = all
        .filter((option) => option.value)
        .map((option) => [rank(option, query), option])
        .filter(([score]) => score >= 0)
        .sort((a, b) => a[0] - b[0])
        .map(([, option]) => option);
      show(placeholder ? [placeholder, ...matches] : matches);
      if (matches.length) {
        select.value = matches[0].value; // the best match is picked; the editor may pick another
        select.dispatchEvent(new Event("change", { bubbles: true }));
        status.textContent =
          (select.dataset.filterStatus || "%(count)s countries match").replace("%(count)s", matches.length) +
          ": " +
          matches[0].textContent;
      } else {
        status.textContent = select.dataset.filterNone || "No country matches.";
      }
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // keep the editor's page from being submitted by the filter box
        select.focus();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
  }

  function scan(root) {
    if (root.matches && root.matches("select[data-country-select]")) enhance(root);
    if (root.querySelectorAll) root.querySelectorAll("select[data-country-select]").forEach(enhance);
  }

  function start() {
    scan(document);
    new MutationObserver((records) => {
      records.forEach((record) => record.addedNodes.forEach((node) => node.nodeType === 1 && scan(node)));
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
