// 生成申报数据: job reload, 数据自检 and 远程申报 need a ticked batch.
(function () {
  // A finished job reloads the page without its ?job= so the result shows.
  document.body.addEventListener("htmx:afterSwap", (e) => {
    const status = e.target.dataset && e.target.dataset.status;
    if (status === "succeeded" || status === "failed") {
      const url = new URL(window.location); url.searchParams.delete("job");
      if (status === "succeeded") window.location = url.toString();
    }
  });
  for (const id of ["btn-self-check", "btn-upload"]) {
    document.getElementById(id)?.addEventListener("click", (e) => {
      if (!document.querySelector('#upload-form input[name="batch"]:checked')) { e.preventDefault(); window.rebateNotice("请先勾选一笔申报数据"); }
    });
  }
})();
