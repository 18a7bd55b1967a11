// "Near me": fills the search's "near" field with the browser's location (rounded to about 100 m, sent only
// as a search parameter) and submits the form. Without it, a place's name works the same.
(function () {
    "use strict";
    var button = document.querySelector("[data-near-me]");
    var input = document.getElementById("search-near");
    if (!button || !input || !navigator.geolocation) {
        return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
        button.disabled = true;
        navigator.geolocation.getCurrentPosition(function (position) {
            input.value = position.coords.latitude.toFixed(3) + "," + position.coords.longitude.toFixed(3);
            button.disabled = false;
            if (input.form.requestSubmit) {
                input.form.requestSubmit();
            } else {
                input.form.submit();
            }
        }, function () {
            button.disabled = false;
            input.focus();
        }, {timeout: 10000, maximumAge: 600000});
    });
})();
