// site.js draws the site's charts. Every element with class "chart" carries
// its ECharts option as JSON in data-option (and a height in data-height);
// this script draws it with the SVG renderer and redraws on resize. An option
// with "tooltipText" (the tooltip's lines, written as the pages write
// numbers) gets a tooltip formatter that shows them. It is the
// site's only script besides ECharts, so pages need no inline script and work
// under a strict Content-Security-Policy. Without JavaScript the tables beside
// each chart still give its data.
(function () {
  'use strict';

  var charts = [];

  function escapeHTML(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;')
      .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }


  // axisFormatter writes a value axis's numbers with the separators of
  // nf, an option's "numberFormat": 18000.5 as 18.000,5 for de-DE.
  function axisFormatter(nf) {
    return function (v) {
      var parts = String(v).split('.');
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, nf.group);
      return parts.join(nf.decimal) + nf.suffix;
    };
  }
  function applyNumberFormat(option) {
    if (!option.numberFormat) {
      return;
    }
    [].concat(option.yAxis || []).forEach(function (a) {
      if (a && a.type === 'value') {
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.formatter = axisFormatter(option.numberFormat);
      }
    });
    delete option.numberFormat;
  }

  // tooltipFormatter returns the axis tooltip's formatter for t: the
  // period, then each series that has a value there, with its text.
  function tooltipFormatter(t) {
    return function (params) {
      var list = [].concat(params);
      if (list.length === 0) {
        return '';
      }
      var i = list[0].dataIndex;
      var out = escapeHTML(list[0].name);
      for (var s = 0; s < t.series.length; s++) {
        var text = t.text[s] && t.text[s][i];
        if (text !== null && text !== undefined) {
          out += '<br/>' + escapeHTML(t.series[s]) + ': ' + escapeHTML(text);
        }
      }
      return out;
    };
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var els = document.querySelectorAll('.chart');
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var option;
      try {
        option = JSON.parse(el.dataset.option);
      } catch (e) {
        el.classList.add('chart-error');
        continue;
      }
      var h = parseInt(el.dataset.height, 10);
      if (h > 0) {
        el.style.height = h + 'px';
      }
      applyNumberFormat(option);
      if (option.tooltipText && option.tooltip) {
        option.tooltip.formatter = tooltipFormatter(option.tooltipText);
        delete option.tooltipText;
      }
      var chart = echarts.init(el, null, {renderer: 'svg'});
      chart.setOption(option);
      charts.push(chart);
    }
  }

  var queued = false;
  function resize() {
    if (queued) {
      return;
    }
    queued = true;
    window.requestAnimationFrame(function () {
      queued = false;
      for (var i = 0; i < charts.length; i++) {
        charts[i].resize();
      }
    });
  }

  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', function () {
    for (var i = 0; i < charts.length; i++) {
      charts[i].resize();
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();

// The compact index (above 200 KPIs) lists every KPI as plain links, which
// work without JavaScript; this shows a box that filters the list in place
// by the words typed, against each KPI's name, status and perspective.
(function () {
  'use strict';

  function setup() {
    var input = document.getElementById('kpi-filter');
    if (!input) {
      return;
    }
    var list = document.getElementById(input.getAttribute('data-filter'));
    var count = document.getElementById('kpi-filter-count');
    if (!list) {
      return;
    }
    var items = list.getElementsByTagName('li');
    var texts = [];
    for (var i = 0; i < items.length; i++) {
      texts.push(items[i].textContent.toLowerCase());
    }
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      for (var i = 0; i < items.length; i++) {
        var ok = true;
        for (var j = 0; j < words.length && ok; j++) {
          ok = texts[i].indexOf(words[j]) >= 0;
        }
        items[i].hidden = !ok;
        if (ok) {
          shown++;
        }
      }
      count.textContent = shown + ' of ' + items.length;
    }
    input.parentNode.hidden = false;
    input.addEventListener('input', apply);
    apply();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setup);
  } else {
    setup();
  }
})();
