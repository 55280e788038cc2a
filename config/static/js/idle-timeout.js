// The idle timeout (docs/decisions/0033). The server ends a session after <body data-idle-timeout> seconds
// without a request; this script warns <data-idle-warning> seconds before, lets the user stay signed in, and
// when the time is up sends the screen away, so that no personal data stays on an unattended office PC.
"use strict";

(() => {
  const body = document.body;
  const timeout = Number(body.dataset.idleTimeout) * 1000;
  const warningBefore = Number(body.dataset.idleWarning) * 1000;
  const dialog = document.getElementById("idle-warning");
  const countdown = document.getElementById("idle-warning-countdown");
  const stay = document.getElementById("idle-warning-stay");
  if (!timeout || !dialog) return;

  // A few seconds past the server's limit, so that the server has ended the session when the screen leaves.
  const margin = 5000;
  let deadline = Date.now() + timeout;
  let returnFocusTo = null;

  const format = (milliseconds) => {
    const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };

  const hide = () => {
    if (dialog.hidden) return;
    dialog.hidden = true;
    if (returnFocusTo && document.contains(returnFocusTo)) returnFocusTo.focus();
  };

  // Any request to the server (a page, an HTMX fragment) counts as activity there: start again.
  const restart = () => {
    deadline = Date.now() + timeout;
    hide();
  };
  document.addEventListener("htmx:afterRequest", restart);

  stay.addEventListener("click", async () => {
    const response = await fetch(body.dataset.keepaliveUrl, {
      method: "POST",
      // The CSRF token that every HTMX request sends (base.html's hx-headers).
      headers: JSON.parse(body.getAttribute("hx-headers") || "{}"),
      credentials: "same-origin",
    });
    if (response.ok) {
      restart();
    } else {
      window.location.assign(body.dataset.expiredUrl);
    }
  });

  const tick = () => {
    const left = deadline - Date.now();
    if (left + margin <= 0) {
      const next = window.location.pathname + window.location.search;
      window.location.replace(`${body.dataset.expiredUrl}?next=${encodeURIComponent(next)}`);
      return;
    }
    if (left <= warningBefore) {
      countdown.textContent = format(left);
      if (dialog.hidden) {
        returnFocusTo = document.activeElement;
        dialog.hidden = false;
        stay.focus();
      }
    }
  };
  setInterval(tick, 1000);
})();
