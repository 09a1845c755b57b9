// 首页 charts (Apache ECharts, vendored). The server sends every amount as a decimal string;
// the strings are what the tooltips show, the chart only scales bars by them.
(function () {
  const source = document.getElementById("dashboard");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.dataset.charts);
  const script = document.currentScript || document.querySelector("script[data-doubt-url]");
  const doubtUrl = script ? script.dataset.doubtUrl : "";
  const charts = [];
  const grid = { left: 56, right: 16, top: 36, bottom: 28 };

  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el) return null;
    const c = window.echarts.init(el, null, { renderer: "canvas" });
    c.setOption(Object.assign({ animation: false, grid }, option));
    charts.push(c);
    return c;
  }

  // A tooltip listing each series' own string (not the float the chart drew).
  function tooltip(texts, header) {
    return {
      trigger: "axis",
      formatter(params) {
        const rows = params.map((p) => {
          const value = texts[p.seriesIndex][p.dataIndex];
          return `${p.marker}${escape(`${p.seriesName}：${value === null ? "—" : value}`)}`;
        });
        const title = header ? header(params[0].dataIndex) : params[0].axisValueLabel;
        return [escape(title)].concat(rows).join("<br>");
      },
    };
  }

  // Tooltips are HTML: a reason from the bureau is text, so every part is escaped.
  function escape(text) {
    return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  function bars(names, columns) {
    return names.map((name, i) => ({ name, type: "bar", barMaxWidth: 36, data: columns[i] }));
  }

  const m = data.monthly;
  const usd = m.fob_usd_total, cny = m.fob_cny_total;
  chart("chart-exports", {
    grid: Object.assign({}, grid, { right: 64, top: 52 }),  // room for the axis names under the legend
    legend: { top: 0 },
    tooltip: tooltip([usd, cny]),
    xAxis: { type: "category", data: data.months },
    yAxis: [{ type: "value", name: "美元" }, { type: "value", name: "人民币" }],
    series: [
      { name: "美元离岸价", type: "bar", barMaxWidth: 36, data: usd },
      { name: "人民币离岸价", type: "bar", barMaxWidth: 36, yAxisIndex: 1, data: cny },
    ],
  });

  const taxes = [m.exempt_credit_refund, m.refund_due, m.exempt_credit];
  chart("chart-taxes", {
    legend: { top: 0 },
    tooltip: tooltip(taxes),
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value" },
    series: bars(["免抵退税额", "应退税额", "免抵税额"], taxes),
  });

  const refundNames = ["申报应退税额", "核准应退税额", "已收到退税款"];
  const refundColumns = ["expected", "approved", "received"].map((key) => data.refunds.map((r) => r[key]));
  chart("chart-refunds", {
    legend: { top: 0 },
    tooltip: Object.assign(tooltip(refundColumns, (i) => {
      const r = data.refunds[i];
      const adjusted = r.adjustment ? `（审核调整${r.adjustment}${r.reason ? "：" + r.reason : ""}）` : "";
      return `申报数据${r.batch}${adjusted}`;
    }), {
      axisPointer: { type: "shadow" },
    }),
    // The 所属期 on the axis (the batch number is long); the tooltip names the batch.
    xAxis: { type: "category", data: data.refunds.map((r) => r.period) },
    yAxis: { type: "value" },
    series: bars(refundNames, refundColumns),
  });

  const families = [...new Set(data.states.map((s) => s.family))];
  const states = [...new Set(data.states.map((s) => s.status))];
  chart("chart-states", {
    legend: { top: 0, type: "scroll" },
    tooltip: { trigger: "axis" },
    grid: Object.assign({}, grid, { left: 96 }),
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: states },
    series: families.map((family) => ({
      name: family,
      type: "bar",
      stack: "batches",
      barMaxWidth: 28,
      data: states.map((status) => {
        const row = data.states.find((s) => s.family === family && s.status === status);
        return row ? row.count : 0;
      }),
    })),
  });

  const doubts = chart("chart-doubts", {
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    grid: Object.assign({}, grid, { bottom: 40 }),
    xAxis: { type: "category", data: data.doubts.map((d) => d.code), axisLabel: { interval: 0, fontSize: 10, rotate: data.doubts.length > 6 ? 20 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "不可跳过", type: "bar", stack: "doubts", barMaxWidth: 48, data: data.doubts.map((d) => d.blocking) },
      { name: "可跳过", type: "bar", stack: "doubts", barMaxWidth: 48, data: data.doubts.map((d) => d.count - d.blocking) },
    ],
  });
  if (doubts && doubtUrl) {
    // Inside the main screen the 疑点说明 opens in its own tab, as a link would (links.js).
    doubts.on("click", (p) => {
      const href = new URL(doubtUrl.replace("CODE", encodeURIComponent(p.name)), window.location.href).href;
      let shell = null;
      try { shell = window.parent !== window ? window.parent.rebateShell : null; } catch (e) { shell = null; }
      if (!shell || !shell.follow(href, window)) window.location.href = href;
    });
  }

  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
})();
