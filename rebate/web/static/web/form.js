// Focus hint (UI-06) and the red message to the right of a required field left empty (UI-03).
(function () {
  const bar = document.getElementById("hint-bar");
  document.addEventListener("focusin", (e) => {
    const hint = e.target.getAttribute && e.target.getAttribute("data-hint");
    if (bar) bar.textContent = hint || "";
  });
  document.addEventListener("focusout", (e) => {
    const el = e.target;
    const msg = el.getAttribute && el.getAttribute("data-required-msg");
    if (!msg) return;
    const slot = document.querySelector(`.conv-error[data-for="${el.name}"]`);
    if (!slot) return;
    if (!el.value.trim()) { slot.textContent = msg; slot.dataset.client = "1"; }
    else if (slot.dataset.client) { slot.textContent = ""; delete slot.dataset.client; }
  });
})();
