// Record lists (TS-01, DC-11).
(function () {
  // Double-click a row to open its detail (TS-01, DC-11); the header box ticks every row.
  // The detail gets the list's state (back=) so that 返回, 修改 and 删除 bring the list back.
  const state = document.querySelector('#selection-form input[name="back"]')?.value;
  const onward = state ? `?back=${encodeURIComponent(state)}` : "";
  document.querySelectorAll("tr[data-detail]").forEach((tr) => {
    if (!tr.dataset.detail) return;
    tr.addEventListener("dblclick", () => { window.location = tr.dataset.detail + onward; });
    // From the keyboard: Tab reaches the row, Enter opens it as the double-click does.
    tr.tabIndex = 0;
    tr.title = "双击或回车打开";
    tr.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target === tr) window.location = tr.dataset.detail + onward;
    });
    tr.addEventListener("click", () => {
      document.querySelectorAll("tr.row-selected").forEach((r) => r.classList.remove("row-selected"));
      tr.classList.add("row-selected");
    });
  });
  document.querySelectorAll("input.select-all").forEach((box) => {
    box.addEventListener("change", () => {
      document.querySelectorAll('#selection-form input[name="pk"]').forEach((b) => { b.checked = box.checked; });
    });
  });
  document.getElementById("btn-bulk-edit")?.addEventListener("click", (e) => {
    if (!document.querySelector('#selection-form input[name="pk"]:checked')) {
      e.preventDefault(); window.rebateNotice("请先勾选要修改的记录");
    }
  });
})();
