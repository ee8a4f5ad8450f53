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
// Its words come translated from the page (data-* attributes of #mc-notices in base.html), not from this file.
function noticeText(name) {
  const area = document.getElementById("mc-notices");
  return (area && area.dataset[name]) || "";
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
  close.setAttribute("aria-label", noticeText("close"));
  row.append(body, close);
  toast.append(row);
  area.replaceChildren(toast);
}

document.addEventListener("htmx:responseError", function (event) {
  const status = event.detail.xhr.status;
  showNotice(noticeText(status === 403 ? "forbidden" : status === 404 ? "notFound" : "failed"));
});

document.addEventListener("htmx:sendError", function () {
  showNotice(noticeText("offline"));
});
