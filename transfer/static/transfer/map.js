// The map of the current search: an enhancement of the search page. The list of results stays the way
// to reach every practice by keyboard and screen reader; the map adds where they are.
// Clusters come from the server (GET data-clusters-url with the search's parameters, bbox and zoom), so
// the browser never holds more markers than there are cells in view.
(function () {
    "use strict";
    var element = document.getElementById("practice-map");
    var section = document.getElementById("practice-map-section");
    if (!element || !section || !window.L || !window.fetch || !window.URLSearchParams) {
        return;
    }
    var data = element.dataset;
    section.hidden = false;
    L.Icon.Default.imagePath = data.imagesUrl;
    var map = L.map(element, {scrollWheelZoom: false, worldCopyJump: true, maxZoom: Number(data.maxZoom) || 18});
    L.tileLayer(data.tilesUrl, {attribution: data.attribution, maxZoom: Number(data.maxZoom) || 18}).addTo(map);
    map.setView([50.5, 10.5], 4);
    var layer = L.layerGroup().addTo(map);
    var pending = null;
    var timer = null;
    var lastNear = "";

    function searchParams() {
        var params = new URLSearchParams(window.location.search);
        ["page", "sort", "page_size", "bbox", "zoom"].forEach(function (name) {
            params.delete(name);
        });
        return params;
    }

    function text(tag, className, value) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        node.textContent = value;
        return node;
    }

    function card(marker) {
        var root = document.createElement("div");
        root.className = "map-card";
        var heading = document.createElement("h3");
        var link = text("a", "", marker.title);
        link.href = marker.url;
        heading.appendChild(link);
        root.appendChild(heading);
        var meta = [marker.place, marker.period, marker.status].filter(Boolean).join(" · ");
        root.appendChild(text("p", "map-card__meta", meta));
        if (marker.summary) {
            root.appendChild(text("p", "map-card__summary", marker.summary));
        }
        return root;
    }

    function clusterIcon(count) {
        var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
        return L.divIcon({
            html: "<span>" + String(count) + "</span>",
            className: "map-cluster",
            iconSize: [size, size]
        });
    }

    function draw(result) {
        layer.clearLayers();
        result.markers.forEach(function (marker) {
            L.marker([marker.lat, marker.lon], {title: marker.title, alt: marker.title})
                .bindPopup(card(marker))
                .addTo(layer);
        });
        result.clusters.forEach(function (cluster) {
            var label = cluster.count + " " + data.labelPractices + ". " + data.labelZoom;
            L.marker([cluster.lat, cluster.lon], {icon: clusterIcon(cluster.count), title: label, alt: label, keyboard: true})
                .on("click", function () {
                    if (cluster.bounds) {
                        map.fitBounds([[cluster.bounds[0], cluster.bounds[1]], [cluster.bounds[2], cluster.bounds[3]]]);
                    } else {
                        map.setView([cluster.lat, cluster.lon], map.getZoom() + 2);
                    }
                })
                .addTo(layer);
        });
        element.dataset.loaded = String(result.markers.length + result.clusters.length);
    }

    function load() {
        var params = searchParams();
        var near = params.get("near") || "";
        var bounds = map.getBounds();
        params.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
            .map(function (value) { return value.toFixed(5); }).join(","));
        params.set("zoom", String(map.getZoom()));
        if (pending) {
            pending.abort();
        }
        pending = new AbortController();
        fetch(data.clustersUrl + "?" + params.toString(), {signal: pending.signal})
            .then(function (response) {
                return response.ok ? response.json() : Promise.reject(new Error("HTTP " + response.status));
            })
            .then(function (result) {
                if (result.near && near !== lastNear) {
                    lastNear = near;
                    var km = result.near.km;
                    map.fitBounds(L.latLng(result.near.lat, result.near.lon).toBounds(km * 2000));
                    return; // moveend loads again for the new view
                }
                lastNear = near;
                draw(result);
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    layer.clearLayers();
                }
            });
    }

    function later() {
        window.clearTimeout(timer);
        timer = window.setTimeout(load, 150);
    }

    map.on("moveend", later);
    var results = document.getElementById("search-results");
    if (results && window.MutationObserver) {
        new MutationObserver(later).observe(results, {childList: true});
    }
    window.addEventListener("popstate", later);
    load();
})();
