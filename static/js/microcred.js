// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
document.addEventListener("htmx:responseError", function (event) {
  // A refused or failed htmx request shows a message instead of failing silently.
  const box = document.getElementById("messages");
  if (!box) return;
  const status = event.detail.xhr.status;
  const text = status === 403 ? "Your role on this course does not allow this action."
    : status === 404 ? "That item no longer exists, or is not part of this course."
    : "Something went wrong; please try again.";
  const div = document.createElement("div");
  div.className = "alert alert-danger";
  div.setAttribute("role", "alert");
  div.textContent = text;
  box.replaceChildren(div);
});
document.addEventListener("htmx:beforeSwap", function (event) {
  // Forms re-rendered with errors come back as 400: swap them in like a success so errors show at the field.
  if (event.detail.xhr.status === 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
