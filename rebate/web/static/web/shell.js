// The main screen: menu tree, tabbed display area (UI-01, UI-07…UI-10).
//
// Each function of the menu owns one tab, and every page under the function's URL belongs to it.
// A page shown in a tab therefore always belongs to the tab's function: a link to another
// function opens (or focuses) that function's tab (pages ask through rebateShell.follow, see
// links.js), and a page that lands in the wrong tab anyway (a redirect after a form) is handed
// to its own function's tab while the first tab goes back to its function.
(function () {
  const tabs = document.getElementById("tabs");
  const viewport = tabs.parentElement;
  const panes = document.getElementById("panes");
  const welcome = document.getElementById("welcome");
  const menubar = document.getElementById("menubar");
  const cardLink = document.getElementById("card-status");

  // key → {key, label, url, path}: the menu's functions and the card reader's page.
  const functions = new Map();
  function addFunction(key, label, href) {
    if (!key || functions.has(key)) return;
    const url = new URL(href, window.location.href);
    functions.set(key, { key, label, url: url.pathname + url.search, path: url.pathname });
  }
  for (const link of menubar.querySelectorAll(".menu-link")) {
    addFunction(link.dataset.key, link.dataset.label, link.getAttribute("href"));
  }
  addFunction("card", "IC卡/Ikey", cardLink.getAttribute("href"));

  // The function a URL belongs to: the longest function URL its path starts with.
  function ownerOf(href) {
    let url;
    try { url = new URL(href, window.location.href); } catch (e) { return null; }
    if (url.origin !== window.location.origin) return null;
    let best = null;
    for (const f of functions.values()) {
      if (url.pathname.startsWith(f.path) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  const tabOf = (key) => tabs.querySelector(`li[data-key="${CSS.escape(key)}"]`);
  const paneOf = (key) => panes.querySelector(`.pane[data-key="${CSS.escape(key)}"]`);
  const frameOf = (pane) => pane.querySelector("iframe");

  function activeKey() {
    const li = tabs.querySelector("li.active");
    return li ? li.dataset.key : "";
  }

  function reveal(li) {
    const left = li.offsetLeft;
    const right = left + li.offsetWidth;
    if (left < viewport.scrollLeft) viewport.scrollLeft = left;
    else if (right > viewport.scrollLeft + viewport.clientWidth) {
      viewport.scrollLeft = right - viewport.clientWidth;
    }
  }

  function activate(key) {
    for (const li of tabs.children) li.classList.toggle("active", li.dataset.key === key);
    for (const p of panes.querySelectorAll(".pane")) p.hidden = p.dataset.key !== key;
    welcome.hidden = tabs.children.length > 0;
    const li = tabOf(key);
    if (li) reveal(li);
  }

  function makeTab(key, label, after) {
    const li = document.createElement("li");
    li.dataset.key = key;
    li.innerHTML = `<span class="tab-label"></span><button class="tab-close" title="关闭">✕</button>`;
    li.querySelector(".tab-label").textContent = label;
    if (after) after.after(li); else tabs.appendChild(li);
    return li;
  }

  // A pane is aria-busy from the moment its page is asked for (or its page is left) until the
  // next page has loaded: assistive technology, and the browser tests' screenshots
  // (tests/e2e/settled.py), wait for it rather than read a blank or half-replaced tab.
  function show(pane, url) {
    pane.setAttribute("aria-busy", "true");
    frameOf(pane).src = url;
  }

  function loaded(pane) {
    pane.removeAttribute("aria-busy");
    const frame = frameOf(pane);
    try {
      frame.contentWindow.addEventListener("pagehide", () => pane.setAttribute("aria-busy", "true"));
    } catch (e) { /* another origin's page: nothing of it to watch */ }
    handOver(pane);
  }

  function makePane(key, label, url) {
    const pane = document.createElement("div");
    pane.className = "pane";
    pane.dataset.key = key;
    pane.innerHTML = `<iframe class="pane-frame" title=""></iframe>`;
    const frame = frameOf(pane);
    frame.title = label;
    frame.addEventListener("load", () => loaded(pane));
    show(pane, url);
    panes.appendChild(pane);
    return pane;
  }

  function framePath(pane) {
    try { return frameOf(pane).contentWindow.location.pathname; } catch (e) { return ""; }
  }

  // Open the tab of `key` (or focus it); `url`, when given, is shown in it.
  function openTab(key, label, url) {
    const pane = paneOf(key);
    if (!pane) {
      makeTab(key, label);
      makePane(key, label, url);
    } else if (url) {
      show(pane, url);
    }
    activate(key);
  }

  // The menu (and the card link) always bring the function back: its tab shows the function's
  // own page unless it already does (a list keeps its query, sort and page).
  function openFunction(key) {
    const f = functions.get(key);
    const pane = paneOf(key);
    openTab(key, f.label, pane && framePath(pane) === f.path ? "" : f.url);
  }

  // Asked by a page (links.js) before it follows `href`: true when the shell took it over.
  function follow(href, source) {
    const owner = ownerOf(href);
    if (!owner) return false;
    const pane = [...panes.querySelectorAll(".pane")].find(
      (p) => frameOf(p).contentWindow === source,
    );
    if (pane && pane.dataset.key === owner.key) return false;
    openTab(owner.key, owner.label, href);
    return true;
  }

  // A page of another function loaded in this tab (a redirect after a form): the page moves to
  // that function's tab, and this tab shows its own function again.
  function handOver(pane) {
    const first = !pane.dataset.loaded;
    pane.dataset.loaded = "1";
    if (first && pane.dataset.returned) return; // a function whose own page redirects: no loop
    const from = pane.dataset.key;
    const owner = ownerOf(framePath(pane));
    if (!owner || owner.key === from || !functions.has(from)) return;
    const stale = paneOf(owner.key);
    if (stale) stale.remove();
    const li = tabOf(owner.key) || makeTab(owner.key, owner.label, tabOf(from));
    pane.dataset.key = owner.key;
    frameOf(pane).title = owner.label;
    const home = functions.get(from);
    makePane(from, home.label, home.url).dataset.returned = "1";
    activate(li.dataset.key);
  }

  function closeTab(key) {
    const li = tabOf(key);
    if (!li) return;
    const wasActive = li.classList.contains("active");
    const next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    paneOf(key).remove();
    if (wasActive && next) activate(next.dataset.key); else activate(activeKey());
  }

  menubar.addEventListener("click", (e) => {
    const toggle = e.target.closest(".menu-group-toggle");
    if (toggle) {
      e.preventDefault();
      if (menubar.classList.contains("collapsed")) menubar.classList.remove("collapsed");
      toggle.parentElement.classList.toggle("open");
      return;
    }
    const link = e.target.closest(".menu-link");
    if (link) {
      e.preventDefault();
      openFunction(link.dataset.key);
    }
  });

  cardLink.addEventListener("click", (e) => {
    e.preventDefault();
    openFunction("card");
  });

  tabs.addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (!li) return;
    if (e.target.closest(".tab-close")) closeTab(li.dataset.key); else activate(li.dataset.key);
  });

  document.getElementById("close-all").addEventListener("click", () => {
    for (const li of [...tabs.children]) closeTab(li.dataset.key);
  });
  document.getElementById("close-others").addEventListener("click", () => {
    const keep = activeKey();
    for (const li of [...tabs.children]) if (li.dataset.key !== keep) closeTab(li.dataset.key);
  });
  document.getElementById("menu-toggle").addEventListener("click", () => {
    menubar.classList.toggle("collapsed");
  });

  // UI-07: the arrows scroll the tab bar by about one tab; the bar never widens the page.
  const STEP = 160;
  document.getElementById("tabs-left").addEventListener("click", () => { viewport.scrollLeft -= STEP; });
  document.getElementById("tabs-right").addEventListener("click", () => { viewport.scrollLeft += STEP; });

  // UI-07: tabs can be dragged. The fallback (mouse events, not HTML5 drag and drop) behaves
  // the same in every browser; the close button is not a handle.
  if (window.Sortable) {
    Sortable.create(tabs, {
      animation: 120, direction: "horizontal", forceFallback: true, filter: ".tab-close",
      preventOnFilter: false,
    });
  }
  window.rebateShell = { openTab, closeTab, activate, follow, ownerOf };
})();
