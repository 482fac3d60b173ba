/* The site's small behaviours, from data attributes instead of inline handlers (the
   Content-Security-Policy runs no inline script):
   - data-autosubmit on a select: submits its form when the choice changes;
   - data-print on a button: prints the page;
   - data-confirm on a form: asks before submitting. */
(function () {
  "use strict";
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
})();
