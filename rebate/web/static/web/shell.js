// The main screen: menu tree, tabbed display area (UI-01, UI-07…UI-10).
(function () {
  const tabs = document.getElementById("tabs");
  const panes = document.getElementById("panes");
  const welcome = document.getElementById("welcome");
  const menubar = document.getElementById("menubar");
  let offset = 0;

  function activate(key) {
    for (const li of tabs.children) li.classList.toggle("active", li.dataset.key === key);
    for (const p of panes.querySelectorAll(".pane")) p.hidden = p.dataset.key !== key;
    welcome.hidden = tabs.children.length > 0;
    const li = tabs.querySelector(`li[data-key="${key}"]`);
    if (li) li.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function openTab(key, label, url) {
    if (!tabs.querySelector(`li[data-key="${key}"]`)) {
      const li = document.createElement("li");
      li.dataset.key = key;
      li.innerHTML = `<span class="tab-label"></span><button class="tab-close" title="关闭">✕</button>`;
      li.querySelector(".tab-label").textContent = label;
      tabs.appendChild(li);
      const pane = document.createElement("div");
      pane.className = "pane";
      pane.dataset.key = key;
      pane.innerHTML = `<iframe class="pane-frame" title=""></iframe>`;
      pane.querySelector("iframe").title = label;
      pane.querySelector("iframe").src = url;
      panes.appendChild(pane);
    }
    activate(key);
  }

  function closeTab(key) {
    const li = tabs.querySelector(`li[data-key="${key}"]`);
    if (!li) return;
    const wasActive = li.classList.contains("active");
    const next = li.nextElementSibling || li.previousElementSibling;
    li.remove();
    panes.querySelector(`.pane[data-key="${key}"]`).remove();
    if (wasActive && next) activate(next.dataset.key); else activate(activeKey());
  }

  function activeKey() {
    const li = tabs.querySelector("li.active");
    return li ? li.dataset.key : "";
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
      openTab(link.dataset.key, link.dataset.label, link.getAttribute("href"));
    }
  });

  document.getElementById("card-status").addEventListener("click", (e) => {
    e.preventDefault();
    openTab("card", "IC卡/Ikey", e.currentTarget.getAttribute("href"));
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

  function scrollTabs(delta) {
    const max = Math.max(0, tabs.scrollWidth - tabs.parentElement.clientWidth);
    offset = Math.min(max, Math.max(0, offset + delta));
    tabs.style.transform = `translateX(${-offset}px)`;
  }
  document.getElementById("tabs-left").addEventListener("click", () => scrollTabs(-160));
  document.getElementById("tabs-right").addEventListener("click", () => scrollTabs(160));

  if (window.Sortable) Sortable.create(tabs, { animation: 120, direction: "horizontal" });
  window.rebateShell = { openTab, closeTab, activate };
})();
