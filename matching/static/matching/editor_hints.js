/* In Wagtail's page editor, for an outcome (a page with a summary and a technical field): while
   its title and summary are typed, asks /api/v1/text-hints/ which technical field and industry
   the closest published outcomes share and which keywords fit, and offers each as a button that
   fills the field in; with a bare title it asks for a summary. A help, never in the way: nothing
   is filled in without a click, and a failed request shows nothing. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var labels = script.dataset;

  function start() {
    var summary = document.getElementById("id_summary");
    var field = document.getElementById("id_tech_field");
    var title = document.getElementById("id_title");
    if (!summary || !field || !title) return; // another page type
    var keywords = document.getElementById("id_keywords");
    var industries = Array.prototype.slice.call(
      document.querySelectorAll("input[name=industries]")
    );
    var box = document.createElement("div");
    box.id = "outcome-text-hints";
    box.className = "help-block help-info";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.hidden = true;
    var anchor = summary.closest(".w-field__wrapper") || summary.parentElement;
    anchor.parentElement.insertBefore(box, anchor.nextSibling);

    function labelOf(input) {
      var label = document.querySelector('label[for="' + input.id + '"]');
      return label ? label.textContent.trim() : "";
    }
    function button(text, apply) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button button-small button-secondary";
      b.textContent = text;
      b.addEventListener("click", function () {
        apply();
        b.remove();
      });
      return b;
    }
    function hasKeyword(word) {
      var current = (keywords && keywords.value) || "";
      return current.split(",").some(function (k) {
        return k.trim().replace(/^"|"$/g, "") === word;
      });
    }
    function addKeyword(word) {
      var jq = window.jQuery;
      if (jq && jq(keywords).data("ui-tagit")) {
        jq(keywords).tagit("createTag", word);
      } else {
        keywords.value = keywords.value ? keywords.value + ", " + word : word;
        keywords.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function show(hints) {
      box.replaceChildren();
      var items = [];
      var fieldHint = hints.tech_field;
      if (fieldHint) {
        var chosen = field.options[field.selectedIndex];
        if (!(chosen && chosen.value && chosen.text.trim() === fieldHint.name)) {
          items.push(button(labels.fieldLabel + fieldHint.name, function () {
            for (var i = 0; i < field.options.length; i++) {
              if (field.options[i].text.trim() === fieldHint.name) field.selectedIndex = i;
            }
            field.dispatchEvent(new Event("change", { bubbles: true }));
          }));
        }
      }
      var industryHint = hints.industry;
      if (industryHint) {
        var box_ = industries.filter(function (i) { return labelOf(i) === industryHint.name; })[0];
        if (box_ && !box_.checked) {
          items.push(button(labels.industryLabel + industryHint.name, function () {
            box_.checked = true;
            box_.dispatchEvent(new Event("change", { bubbles: true }));
          }));
        }
      }
      if (keywords) {
        (hints.keywords || []).forEach(function (word) {
          if (!hasKeyword(word)) {
            items.push(button(labels.keywordLabel + word, function () { addKeyword(word); }));
          }
        });
      }
      if (items.length) {
        var lead = document.createElement("p");
        lead.textContent = labels.lead;
        box.append(lead);
        items.forEach(function (item) { box.append(item, " "); });
      }
      if (hints.more_please) {
        var more = document.createElement("p");
        more.className = "more-please";
        more.textContent = labels.morePlease;
        box.append(more);
      }
      box.hidden = !box.childElementCount;
    }

    var timer = null;
    function ask() {
      var text = [title.value, summary.value].join(" ").trim();
      if (text.length < 4) { box.hidden = true; return; }
      fetch(labels.url + "?text=" + encodeURIComponent(text.slice(0, 2000)), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (hints) {
        if (hints) show(hints);
      }).catch(function () { /* hints are a help, never in the way */ });
    }
    [title, summary].forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, 700);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
