// Behaviour every page shares, written here because the CSP allows no inline script or style.
(function () {
  // Progress bars carry their width as data-percent (a style= attribute would be refused).
  function widths(root) {
    root.querySelectorAll(".progress-bar[data-percent]").forEach((bar) => {
      bar.style.width = `${bar.dataset.percent}%`;
    });
  }
  widths(document);
  document.addEventListener("htmx:load", (e) => widths(e.target.parentElement || e.target));

  // <button data-confirm="…">: ask before submitting (was an inline onclick).
  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) e.preventDefault();
  });
})();
