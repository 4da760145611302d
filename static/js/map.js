/* The map page: Leaflet with the configured tiles and the markers from the JSON view. When the
   tiles cannot be loaded the markers stay on a plain background and a message says so. */
(function () {
  "use strict";

  var container = document.getElementById("map");
  if (!container || typeof L === "undefined") {
    return;
  }
  var data = container.dataset;
  var status = document.getElementById("map-status");
  var VILLAGE_COLOUR = "#1f5fa8";
  var REPORT_COLOUR = "#b34700";

  container.textContent = "";
  var map = L.map(container, { scrollWheelZoom: false }).setView(
    [parseFloat(data.centerLat), parseFloat(data.centerLng)], parseInt(data.zoom, 10)
  );

  var tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution, maxZoom: 18 });
  tiles.once("tileerror", function () {
    if (status) {
      status.classList.remove("d-none");
    }
  });
  tiles.addTo(map);

  function popup(kind, title, url, detail) {
    var box = document.createElement("div");
    var label = document.createElement("strong");
    label.textContent = kind;
    box.appendChild(label);
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    box.appendChild(link);
    if (detail) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(detail));
    }
    return box;
  }

  function addMarkers(items, options, describe) {
    return items.map(function (item) {
      var marker = L.circleMarker([item.lat, item.lng], options);
      var text = describe(item);
      marker.bindPopup(popup(text.kind, text.title, item.url, text.detail));
      marker.bindTooltip(text.title);
      return marker.addTo(map);
    });
  }

  fetch(data.markersUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("markers: " + response.status);
      }
      return response.json();
    })
    .then(function (markers) {
      var placed = addMarkers(markers.villages, {
        radius: 9, color: "#ffffff", weight: 2, fillColor: VILLAGE_COLOUR, fillOpacity: 1
      }, function (village) {
        return { kind: data.labelVillage, title: village.name, detail: village.district };
      }).concat(addMarkers(markers.reports, {
        radius: 7, color: "#ffffff", weight: 2, fillColor: REPORT_COLOUR, fillOpacity: 1
      }, function (report) {
        return { kind: data.labelReport, title: report.number + " · " + report.title, detail: "" };
      }));
      if (placed.length) {
        map.fitBounds(L.featureGroup(placed).getBounds(), { padding: [24, 24], maxZoom: 14 });
      }
      container.dataset.markerCount = String(placed.length);
    })
    .catch(function () {
      // The table below the map still lists every marker.
      if (status) {
        var shown = !status.classList.contains("d-none");
        status.textContent = (shown ? status.textContent + " " : "") + data.markersFailed;
        status.classList.remove("d-none");
      }
    });
})();
