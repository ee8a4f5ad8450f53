// "Where are you from?": filter the institutions as the person types (the full list works without it).
document.addEventListener("DOMContentLoaded", () => {
  const search = document.querySelector("[data-wayf-search]");
  if (!search) return;
  const items = Array.from(document.querySelectorAll("[data-wayf-item]"));
  const none = document.getElementById("wayf-none");
  const count = document.getElementById("wayf-count");
  search.addEventListener("input", () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const match = words.every((word) => item.dataset.wayfItem.includes(word));
      item.classList.toggle("d-none", !match);
      if (match) shown += 1;
    }
    none.classList.toggle("d-none", shown > 0);
    count.textContent = `${shown} / ${items.length}`;
  });
});
