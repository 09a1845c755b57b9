// 打印退税申报报表: a print job that finishes reloads the page, which then offers 下载PDF.
(function () {
  document.body.addEventListener("htmx:afterSwap", (e) => {
    if (e.target.dataset && e.target.dataset.status === "succeeded") window.location.reload();
  });
})();
