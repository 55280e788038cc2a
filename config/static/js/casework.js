// Small behaviours of the screens, kept out of the templates: the Content-Security-Policy allows no inline
// script and no inline event handler (onchange="…"). Each behaviour is switched on by a data attribute.
"use strict";

// <form data-submit-on-ctrl-enter>: Ctrl+Enter (Cmd+Enter on a Mac) saves the form from any of its fields,
// through the form's own submit (so HTMX, validation and the no-JS fallback behave as for the button).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const form = event.target.closest && event.target.closest("form[data-submit-on-ctrl-enter]");
  if (form) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// <input data-submit-on-change>: ticking a box saves at once (a <noscript> button covers browsers without JS).
document.addEventListener("change", (event) => {
  if (event.target.matches && event.target.matches("[data-submit-on-change]") && event.target.form) {
    event.target.form.requestSubmit();
  }
});

// [data-focus-after-swap]: after HTMX put a page of older entries in place of the "more" link (which had the
// focus), the keyboard focus goes to the first new entry instead of falling back to the top of the page.
document.addEventListener("htmx:afterSettle", () => {
  const first = document.querySelector("[data-focus-after-swap]");
  if (first) {
    first.removeAttribute("data-focus-after-swap");
    first.focus();
  }
});
