/*
 * The portal's maps (apps/knowledge/portal/map.py): Leaflet with
 * leaflet.markercluster, both from npm and served as static files.
 *
 * Progressive enhancement: the page already lists the same places (a list in a
 * <details> element); this script draws them on a map and closes the list, which
 * stays one click or Enter away. Without Leaflet, or without tiles, nothing else
 * changes.
 *
 * A map of a long list (the search, the knowledge base) has a data-source: the
 * page holds only the places of the results it shows, and the script fetches
 * every place of the list from that address (same origin, a GeoJSON
 * FeatureCollection) and draws them. While it loads, and if it fails, the live
 * region (and the summary above the map) says so; on failure the list stays open.
 *
 * Features are drawn generically from their properties (title, url, place, kind,
 * kind_label), so other kinds of place join the same map.
 *
 * Keyboard: the map, every marker and every cluster are reached with Tab.
 * Enter on a marker opens its popup and moves the focus to its link (Escape
 * closes it and returns to the marker); Enter on a cluster zooms in (or spreads
 * out places at the same spot) and moves the focus to the first marker or
 * cluster shown. A live region says how many places the map shows.
 */
(function () {
  "use strict";

  if (!window.L || !window.L.markerClusterGroup) {
    return;
  }
  var L = window.L;

  function readJson(id) {
    var element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function format(forms, count) {
    var text = count === 1 ? forms.one : forms.other;
    return text.replace("%(count)s", String(count));
  }

  // Clusters carry a name for screen readers ("12 solutions in this area ...").
  var LabelledDivIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var icon = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      icon.setAttribute("aria-label", this.options.label);
      return icon;
    }
  });

  function popupContent(properties) {
    var content = document.createElement("div");
    content.className = "place-map__popup";
    if (properties.kind_label) {
      var kind = document.createElement("p");
      kind.className = "place-map__kind";
      kind.textContent = properties.kind_label;
      content.appendChild(kind);
    }
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    if (properties.language && properties.language !== document.documentElement.lang) {
      link.lang = properties.language;
      link.hreflang = properties.language;
    }
    var title = document.createElement("p");
    title.className = "place-map__title";
    title.appendChild(link);
    content.appendChild(title);
    if (properties.place) {
      var place = document.createElement("p");
      place.className = "place-map__place";
      place.textContent = properties.place;
      content.appendChild(place);
    }
    return content;
  }

  function focusFirstMarker(map) {
    var icons = map.getContainer().querySelectorAll(".leaflet-marker-icon[tabindex='0']");
    for (var i = 0; i < icons.length; i++) {
      var rect = icons[i].getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0) {
        icons[i].focus();
        return;
      }
    }
  }

  function setUp(section) {
    var config = readJson(section.getAttribute("data-config"));
    var canvas = section.querySelector(".place-map__canvas");
    var source = section.getAttribute("data-source");
    if (!config || !canvas) {
      return;
    }
    if (!source) {
      draw(section, config, readJson(section.getAttribute("data-features")) || []);
      return;
    }
    var labels = config.labels;
    say(section, labels.loading);
    window
      .fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        var features = (collection && collection.features) || [];
        if (!features.length) {
          say(section, format(labels.shown, 0));
          return;
        }
        draw(section, config, features);
      })
      .catch(function () {
        say(section, labels.failed);
      });
  }

  // The live region, and the summary above the map where there is one.
  function say(section, text) {
    var status = section.querySelector("[role='status']");
    var summary = section.querySelector(".place-map__summary");
    if (status) {
      status.textContent = text;
    }
    if (summary && section.hasAttribute("data-source")) {
      summary.textContent = text;
      summary.hidden = false;
    }
  }

  function draw(section, config, features) {
    var canvas = section.querySelector(".place-map__canvas");
    var list = section.querySelector(".place-map__places");
    if (!features.length) {
      return;
    }
    var labels = config.labels;
    var small = section.classList.contains("place-map--small");

    canvas.hidden = false;
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", section.querySelector("h2").textContent);

    var map = L.map(canvas, {
      scrollWheelZoom: false,
      zoomControl: false,
      attributionControl: false
    });
    L.control.zoom({ zoomInTitle: labels.zoom_in, zoomOutTitle: labels.zoom_out }).addTo(map);
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(config.tile_url, { attribution: config.attribution, maxZoom: 18 }).addTo(map);

    var icon = L.icon({
      iconUrl: section.getAttribute("data-marker-icon"),
      iconRetinaUrl: section.getAttribute("data-marker-icon-2x"),
      shadowUrl: section.getAttribute("data-marker-shadow"),
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });

    var group = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        return new LabelledDivIcon({
          html: "<div><span aria-hidden=\"true\">" + count + "</span></div>",
          className: "marker-cluster marker-cluster-" + size,
          iconSize: L.point(40, 40),
          label: format(labels.cluster, count)
        });
      }
    });

    var points = [];
    features.forEach(function (feature) {
      var properties = feature.properties || {};
      var coordinates = feature.geometry && feature.geometry.coordinates;
      if (!coordinates) {
        return;
      }
      var latLng = L.latLng(coordinates[1], coordinates[0]);
      var name = properties.place ? properties.title + ", " + properties.place : properties.title;
      if (properties.kind_label) {
        name = properties.kind_label + ": " + name;
      }
      var marker = L.marker(latLng, { icon: icon, alt: name, title: name, keyboard: true });
      marker.bindPopup(popupContent(properties));
      marker.on("popupopen", function (event) {
        var link = event.popup.getElement().querySelector(".place-map__title a");
        if (link) {
          link.focus();
        }
      });
      marker.on("popupclose", function () {
        // Back to the marker, unless the visitor has moved on elsewhere.
        var element = marker.getElement();
        var active = document.activeElement;
        if (element && (!active || active === document.body || canvas.contains(active))) {
          element.focus();
        }
      });
      points.push(latLng);
      group.addLayer(marker);
    });
    map.addLayer(group);

    if (points.length === 1) {
      map.setView(points[0], small ? 12 : 11);
    } else {
      map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 12 });
    }

    // After Enter on a cluster the map zooms: the focus goes on to what it shows.
    var focusAfterZoom = false;
    group.on("clusterkeypress", function (event) {
      if (event.originalEvent && event.originalEvent.keyCode === 13) {
        focusAfterZoom = true;
      }
    });
    group.on("animationend", function () {
      if (focusAfterZoom) {
        focusAfterZoom = false;
        focusFirstMarker(map);
      }
    });
    group.on("spiderfied", function (event) {
      if (focusAfterZoom) {
        focusAfterZoom = false;
        var element = event.markers[0] && event.markers[0].getElement();
        if (element) {
          element.focus();
        }
      }
    });

    say(section, format(labels.shown, points.length));
    if (list) {
      // The list stays one toggle away.
      list.open = false;
    }
  }

  function start() {
    var sections = document.querySelectorAll("[data-place-map]");
    for (var i = 0; i < sections.length; i++) {
      setUp(sections[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
