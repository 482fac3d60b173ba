/* The site's small behaviours, from data attributes instead of inline handlers (the
   Content-Security-Policy runs no inline script):
   - data-autosubmit on a select: submits its form when the choice changes;
   - data-print on a button: prints the page;
   - data-confirm on a form: asks before submitting;
   - data-nav-toggle on a button: opens and closes the main menu on narrow screens (without
     script the menu simply stays open);
   - data-text-hints on a form: while its title, summary and description are typed, asks
     /api/v1/text-hints/ which technical field and industry the closest outcomes share,
     offers them beside the fields, and asks for a description when there are few words. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var navToggle = document.querySelector("[data-nav-toggle]");
  if (navToggle) {
    var nav = document.getElementById(navToggle.getAttribute("aria-controls"));
    navToggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.submit();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  var hintForm = document.querySelector("form[data-text-hints]");
  if (hintForm) {
    var box = document.getElementById("text-hints");
    var timer = null;
    var texts = ["title", "summary", "description"].map(function (name) {
      return hintForm.elements[name];
    }).filter(Boolean);
    var offer = function (select, hint, label) {
      if (!select || !hint) return null;
      var chosen = select.options[select.selectedIndex];
      if (chosen && chosen.value && chosen.text === hint.name) return null;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small secondary";
      button.textContent = label + hint.name;
      button.addEventListener("click", function () {
        for (var i = 0; i < select.options.length; i++) {
          if (select.options[i].text === hint.name) select.selectedIndex = i;
        }
        button.remove();
      });
      return button;
    };
    var ask = function () {
      var text = texts.map(function (field) { return field.value; }).join(" ").trim();
      if (text.length < 4) { box.hidden = true; return; }
      fetch(hintForm.dataset.textHints + "?text=" + encodeURIComponent(text.slice(0, 2000)), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (hints) {
        if (!hints) return;
        box.replaceChildren();
        var items = [
          offer(hintForm.elements.tech_field, hints.tech_field, box.dataset.fieldLabel),
          offer(hintForm.elements.industry, hints.industry, box.dataset.industryLabel)
        ].filter(Boolean);
        if (items.length) {
          var lead = document.createElement("span");
          lead.textContent = box.dataset.lead;
          box.append(lead);
          items.forEach(function (item) { box.append(" ", item); });
        }
        if (hints.more_please) {
          var more = document.createElement("p");
          more.className = "muted more-please";
          more.textContent = box.dataset.morePlease;
          box.append(more);
        }
        box.hidden = !box.childElementCount;
      }).catch(function () { /* hints are a help, never in the way */ });
    };
    texts.forEach(function (field) {
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(ask, 700);
      });
    });
  }
})();
