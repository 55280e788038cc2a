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

// <form data-warn-unsaved>: leaving the page with typed text that is not saved asks first (the text is also
// kept on the server as a draft, but the worker should know it is not in the report yet).
document.addEventListener("input", (event) => {
  const form = event.target.closest && event.target.closest("form[data-warn-unsaved]");
  if (form) form.dataset.unsaved = "true";
});
document.addEventListener("submit", (event) => {
  if (event.target.matches("form[data-warn-unsaved]")) delete event.target.dataset.unsaved;
});
window.addEventListener("beforeunload", (event) => {
  if (document.querySelector("form[data-warn-unsaved][data-unsaved]")) {
    event.preventDefault();
    event.returnValue = "";
  }
});

// [data-changed]: a field that HTMX filled in for the worker (the calculation's lines in the report) counts as
// typed: it is kept in the draft and leaving the page warns, like the worker's own typing.
document.addEventListener("htmx:afterSettle", () => {
  document.querySelectorAll("[data-changed]").forEach((field) => {
    field.removeAttribute("data-changed");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
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
