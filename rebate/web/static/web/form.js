// The manual's form conventions in the browser (UI-02…UI-06): the focus hint, the red message to
// the right of a field, yellow for required. The browser's own validation is off everywhere:
// its bubbles speak the browser's language, so every message is the product's, in Chinese.
(function () {
  const bar = document.getElementById("hint-bar");

  function slotOf(el) {
    if (!el.name) return null;
    const selector = `.conv-error[data-for="${el.name}"]`;
    return (el.form && el.form.querySelector(selector)) || document.querySelector(selector);
  }

  // A message that no longer applies goes as soon as the field changes (server or client made).
  function clear(el) {
    const slot = slotOf(el);
    if (slot && slot.textContent) { slot.textContent = ""; delete slot.dataset.client; }
    el.closest(".conv-row")?.classList.remove("has-error");
  }

  // data-required-when="mode=entry": required (yellow, star, message) only in that mode.
  function repaint(form) {
    form.querySelectorAll("[data-required-when]").forEach((el) => {
      const [name, value] = el.dataset.requiredWhen.split("=");
      const other = form.elements[name];
      const required = !!other && other.value === value;
      el.classList.toggle("fld-required", required);
      el.classList.toggle("fld-optional", !required);
      if (required) el.dataset.requiredMsg = el.dataset.requiredLabel;
      else { delete el.dataset.requiredMsg; clear(el); }
      const label = form.querySelector(`label[for="${el.id}"]`);
      const star = label?.querySelector(".req");
      if (required && label && !star) label.insertAdjacentHTML("afterbegin", '<span class="req">*</span>');
      if (!required && star) star.remove();
    });
  }

  function prepare(root) {
    const forms = root.tagName === "FORM" ? [root] : root.querySelectorAll("form");
    forms.forEach((form) => { form.noValidate = true; repaint(form); });
  }

  // A short notice at the top of the page, e.g. a button that needs ticked rows (was alert()).
  function notice(text) {
    let box = document.getElementById("page-notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "page-notice";
      box.className = "alert alert-warning py-2 my-2";
      box.setAttribute("role", "alert");
      const header = document.querySelector(".page-header");
      if (header) header.after(box); else document.body.prepend(box);
    }
    box.textContent = text;
  }
  window.rebateNotice = notice;

  prepare(document);
  document.addEventListener("htmx:load", (e) => prepare(e.target));

  document.addEventListener("focusin", (e) => {
    const hint = e.target.getAttribute && e.target.getAttribute("data-hint");
    if (bar) bar.textContent = hint || "";
  });
  document.addEventListener("input", (e) => { if (e.target.name) clear(e.target); });
  document.addEventListener("change", (e) => {
    if (e.target.form && e.target.form.querySelector("[data-required-when]")) repaint(e.target.form);
  });
  document.addEventListener("focusout", (e) => {
    const el = e.target;
    const msg = el.getAttribute && el.getAttribute("data-required-msg");
    if (!msg) return;
    const slot = slotOf(el);
    if (!slot) return;
    if (!el.value.trim()) {
      slot.textContent = msg; slot.dataset.client = "1";
      el.closest(".conv-row")?.classList.add("has-error");
    } else if (slot.dataset.client) { slot.textContent = ""; delete slot.dataset.client; }
  });
})();
