// In a function's page inside the main screen: a link to another function opens that
// function's own tab, not this one (UI-01; the shell knows which function a URL belongs to).
// A URL ending in #show-NAME opens the page's tab NAME (so a pager can keep 疑点反馈 open).
(function () {
  let shell = null;
  try {
    if (window.parent !== window && window.parent.rebateShell) shell = window.parent.rebateShell;
  } catch (e) {
    shell = null; // not inside the shell (another origin, or the page opened on its own)
  }
  document.addEventListener("click", (e) => {
    if (!shell || e.defaultPrevented || e.button !== 0) return;
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest("a[href]");
    if (!a || a.target || a.hasAttribute("download")) return;
    if (shell.follow(a.href, window)) e.preventDefault();
  });

  // #show-NAME (not an element's id, so the browser does not jump anywhere by itself) opens the
  // page's tab #tab-NAME and scrolls this page, and only this page, to the tab bar.
  const match = /^#show-([\w-]+)$/.exec(window.location.hash);
  const button = match && document.querySelector(
    `[data-bs-toggle="tab"][data-bs-target="#tab-${match[1]}"]`,
  );
  if (button && window.bootstrap) {
    window.bootstrap.Tab.getOrCreateInstance(button).show();
    const toTabs = () => window.scrollTo(0, button.getBoundingClientRect().top + window.scrollY - 8);
    // After the page's fonts are in, or the rows above would still grow and push the tabs down.
    window.addEventListener("load", () => document.fonts.ready.then(toTabs), { once: true });
  }
})();
