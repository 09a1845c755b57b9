// 报关单采集: row click → 商品信息 + 出口明细; double-click an item → its detail; dialogs.
(function () {
  const dialogEl = document.getElementById("dialog");
  const dialog = bootstrap.Modal.getOrCreateInstance(dialogEl);
  const body = document.getElementById("dialog-body");
  let reloadOnClose = false;

  function openDialog() {
    const root = body.firstElementChild;
    document.getElementById("dialog-title").textContent = root?.dataset.title || "";
    if (root && root.hasAttribute("data-reload-on-close")) reloadOnClose = true;
    if (!dialogEl.classList.contains("show")) dialog.show();
    // A fragment swapped into the open dialog replaced the focused control: the keyboard's
    // place moves to the new content (its first field, else its first button), not to <body>.
    else body.querySelector("input:not([type=hidden]), select, textarea, button")?.focus();
  }
  dialogEl.addEventListener("hidden.bs.modal", () => {
    if (reloadOnClose) window.location.reload();
  });

  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.detail.target === body) openDialog();
    if (e.detail.target.id === "items-pane") {
      const caption = e.detail.target.firstElementChild?.dataset.caption || "";
      document.getElementById("items-caption").textContent = caption;
      bindItems();
    }
  });
  // The job fragment replaces itself while polling; a finished download refreshes on close.
  document.body.addEventListener("htmx:afterSettle", (e) => {
    const job = body.querySelector(".job-progress");
    if (job && job.dataset.status === "succeeded") reloadOnClose = true;
    // A failed 报关单导入 job: the dialog is shown again with the job's row errors.
    const failedImport = body.querySelector("[data-import-job]");
    if (job && failedImport && job.dataset.status === "failed" && !failedImport.dataset.shown) {
      failedImport.dataset.shown = "1";
      htmx.ajax("GET", failedImport.dataset.importJob, { target: "#dialog-body" });
    }
  });

  document.querySelectorAll(".needs-ticks").forEach((btn) => {
    btn.addEventListener("htmx:confirm", (e) => {
      if (!document.querySelector('#selection-form input[name="pk"]:checked')) {
        e.preventDefault();
        window.rebateNotice("请先勾选报关单");
      }
    });
  });

  document.querySelectorAll("#declaration-table tr[data-items]").forEach((tr) => {
    tr.addEventListener("click", (e) => {
      if (e.target.closest("input")) return;
      document.querySelectorAll("#declaration-table tr.row-selected").forEach((r) => r.classList.remove("row-selected"));
      tr.classList.add("row-selected");
      htmx.ajax("GET", tr.dataset.items, { target: "#items-pane" });
    });
    // Tables usable from the keyboard: a focused row opens on Enter as a click does.
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target === tr) tr.click();
    });
  });

  function bindItems() {
    document.querySelectorAll("#item-table tr[data-detail]").forEach((tr) => {
      tr.addEventListener("click", () => {
        document.querySelectorAll("#item-table tr.row-selected").forEach((r) => r.classList.remove("row-selected"));
        tr.classList.add("row-selected");
      });
      tr.addEventListener("dblclick", () => htmx.ajax("GET", tr.dataset.detail, { target: "#dialog-body" }));
      tr.tabIndex = 0;
      tr.title = "回车：查看商品明细";
      tr.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && e.target === tr) tr.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
      });
    });
  }

  document.querySelectorAll("input.select-all").forEach((box) => {
    box.addEventListener("change", () => {
      document.querySelectorAll('#selection-form input[name="pk"]').forEach((b) => { b.checked = box.checked; });
    });
  });

  // The template link carries the current filters and the ticked declarations.
  body.addEventListener("click", (e) => {
    const link = e.target.closest("a[data-with-selection]");
    if (!link) return;
    const params = new URLSearchParams(window.location.search);
    document.querySelectorAll('#selection-form input[name="pk"]:checked').forEach((b) => params.append("pk", b.value));
    link.href = link.href.split("?")[0] + "?" + params.toString();
  });
})();
