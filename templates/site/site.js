// site.js draws the site's charts. Every element with class "chart" carries
// its ECharts option as JSON in data-option (and a height in data-height);
// this script draws it with the SVG renderer and redraws on resize. It is the
// site's only script besides ECharts, so pages need no inline script and work
// under a strict Content-Security-Policy. Without JavaScript the tables beside
// each chart still give its data.
(function () {
  'use strict';

  var charts = [];

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
