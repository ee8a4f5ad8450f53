// Small behaviours shared by every page. No inline scripts: the CSP forbids them.

// A refused or failed htmx request must never fail silently. The server answers an htmx request it refuses
// with a notice (core.views.error_notice) whose headers retarget the swap to #mc-notices; let htmx swap it
// like a success. Forms re-rendered with errors come back as 400: swap them in so errors show at the field.
document.addEventListener("htmx:beforeSwap", function (event) {
  const xhr = event.detail.xhr;
  if (xhr.status === 400 || (xhr.status >= 400 && xhr.getResponseHeader("HX-Retarget") === "#mc-notices")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Anything else that fails (no notice from the server: a proxy error, a lost connection) gets a generic one.
// The texts are translated by the template that renders #mc-notices, in data attributes (data-msg-forbidden,
// data-msg-not-found, data-msg-failed, data-msg-unreachable, data-msg-close); English when one is missing.
const FALLBACK_TEXTS = {
  msgForbidden: "Your role on this course does not allow this action.",
  msgNotFound: "That item no longer exists, or is not part of a course of yours.",
  msgFailed: "Something went wrong; please try again.",
  msgUnreachable: "The server could not be reached. Check your connection and try again.",
  msgClose: "Close",
};

function noticeText(key) {
  const area = document.getElementById("mc-notices");
  return (area && area.dataset[key]) || FALLBACK_TEXTS[key];
}

function showNotice(text) {
  const area = document.getElementById("mc-notices");
  if (!area) return;
  const toast = document.createElement("div");
  toast.className = "toast show align-items-center text-bg-danger border-0";
  toast.setAttribute("role", "alert");
  toast.setAttribute("aria-atomic", "true");
  const row = document.createElement("div");
  row.className = "d-flex";
  const body = document.createElement("div");
  body.className = "toast-body";
  body.textContent = text;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "btn-close btn-close-white me-2 m-auto";
  close.setAttribute("data-bs-dismiss", "toast");
  close.setAttribute("aria-label", noticeText("msgClose"));
  row.append(body, close);
  toast.append(row);
  area.replaceChildren(toast);
}

document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  showNotice(noticeText(status === 403 ? "msgForbidden" : status === 404 ? "msgNotFound" : "msgFailed"));
});

document.addEventListener("htmx:sendError", function () {
  showNotice(noticeText("msgUnreachable"));
});

// Keyboard focus after an htmx swap (WCAG 2.4.3): when the swap removed the focused element, focus would fall
// back to the top of the page. Put it where a person expects instead: the first field with an error, else the
// notice reporting the result (a live region: role="status"), else the heading of the swapped form or section,
// else the first field of a form that opened, else the swapped element itself. A control that kept focus (a
// filter being typed into) keeps it, unless the answer shows an error. Someone who has already moved on since the
// swap (a fast typist tabbing to the next field) keeps their place: focus is never pulled back under their keys.
const FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
const settled = new Map();
const focusedAtSwap = new WeakMap();

document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr) focusedAtSwap.set(event.detail.xhr, document.activeElement);
});

// Whether the person moved focus themselves after the swap: htmx gives focus back to the new element with the
// same id as the one focused before, so an element with another id means they tabbed or clicked on.
function movedOnSince(before, active) {
  if (!active || active === document.body || !active.isConnected || !before) return false;
  if (active === before) return false;
  return !(before.id && active.id === before.id);
}

function focusOn(el) {
  if (!el.matches(FOCUSABLE)) el.setAttribute("tabindex", "-1");
  el.focus();
  // A notice or heading taking focus must not hide behind the fixed toasts or off screen.
  el.scrollIntoView({ block: "nearest" });
}

function focusTarget(region) {
  const invalid = region.querySelector("[aria-invalid='true'], .is-invalid");
  if (invalid) return { el: invalid.matches(FOCUSABLE) ? invalid : invalid.querySelector("input, select, textarea") || invalid, error: true };
  const notice = region.querySelector(".mc-result, [role='status'], [role='alert'], .alert")
    || (region.matches("[role='status'], [role='alert']") ? region : null);
  if (notice) return { el: notice };
  const heading = region.querySelector("h1, h2, h3, h4, h5, h6, legend");
  if (heading) return { el: heading };
  // A form that opened (a named one, else the last one: a row's own small forms come before it).
  const forms = region.querySelectorAll("form");
  const form = region.querySelector("form[aria-label], form[aria-labelledby]") || forms[forms.length - 1];
  const field = form && form.querySelector("input:not([type='hidden']), select, textarea");
  return { el: field || region };
}

document.addEventListener("htmx:afterSettle", function (event) {
  const xhr = event.detail.xhr;
  if (!xhr) return;
  if (!settled.has(xhr)) {
    settled.set(xhr, []);
    setTimeout(function () {
      const elts = settled.get(xhr).filter((el) => el.isConnected);
      settled.delete(xhr);
      const target = event.detail.target;
      const region = (target && target.isConnected && target)
        || (target && target.id && document.getElementById(target.id))
        || elts[elts.length - 1];
      if (!region || region.id === "mc-notices") return;
      const choice = focusTarget(region);
      const active = document.activeElement;
      const before = focusedAtSwap.get(xhr);
      focusedAtSwap.delete(xhr);
      const lost = !active || active === document.body || !active.isConnected;
      if (choice.el && !movedOnSince(before, active) && (lost || choice.error)) focusOn(choice.el);
    }, 0);
  }
  settled.get(xhr).push(event.target);
});

// A page that comes back from a plain form post: focus the first field with an error, else the message that
// reports the result (after the redirect), so it is read out and the next Tab continues from there.
document.addEventListener("DOMContentLoaded", function () {
  if (document.querySelector("[autofocus]")) return;
  const main = document.getElementById("main");
  const invalid = main && main.querySelector("[aria-invalid='true']");
  const message = document.querySelector("#messages .alert");
  if (invalid) focusOn(invalid);
  else if (message) focusOn(message);
});

// The current course tab, scrolled into view when the tab row is wider than the screen.
document.addEventListener("DOMContentLoaded", function () {
  const current = document.querySelector(".mc-course-tabs [aria-current='page']");
  const row = current && current.closest(".nav-tabs");
  if (row && row.scrollWidth > row.clientWidth) {
    row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }
});
