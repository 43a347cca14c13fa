/**
 * The live monitoring page (大屏) served at GET /screen/:id for a task force.
 *
 * Self-contained like the query page: inline HTML, CSS and script, plus the graphql-ws browser client served by
 * this service (no internet needed). The token comes in the URL fragment (`#token=…`, never sent to the server or
 * its logs) or is pasted once and kept in the browser. The page reads the dashboard over HTTP, then subscribes to
 * the task force's metrics and changes; every change re-reads the subgroup table, and a reconnect re-reads all.
 * Server text is only ever inserted with textContent.
 */

export function screenPageCsp(host: string): string {
  const origin = host.replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return (
    `default-src 'none'; connect-src 'self' ws://${origin} wss://${origin}; script-src 'self' 'unsafe-inline'; ` +
    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  );
}

// String.raw keeps the inline script literal; the page itself uses no `${`.
const PAGE = String.raw`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>项目推进监测大屏</title>
<style>
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;font:16px/1.4 system-ui,"Microsoft YaHei","PingFang SC",sans-serif;color:#e8eef6;background:#0b1a2e;min-height:100vh}
header{display:flex;align-items:baseline;gap:16px;padding:14px 24px;background:#10284a;border-bottom:2px solid #1f4b85}
h1{margin:0;font-size:26px;letter-spacing:1px}
#doc{color:#9fb6d4;font-size:14px}
#status{margin-left:auto;font-size:14px;color:#9fb6d4}#status.live{color:#4cd07d}#status.down{color:#ff6b6b}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;padding:16px 24px}
.kpi{background:#122c52;border:1px solid #1f4b85;border-radius:6px;padding:10px 14px}
.kpi b{display:block;font-size:13px;color:#9fb6d4;font-weight:normal}
.kpi span{font-size:28px;font-weight:600;font-variant-numeric:tabular-nums}
main{display:grid;grid-template-columns:2fr 1fr;gap:16px;padding:0 24px 24px}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:8px 10px;border-bottom:1px solid #1f3b63;text-align:right}
th{color:#9fb6d4;font-weight:normal;font-size:14px}
th:first-child,td:first-child{text-align:left}
.light{display:inline-block;width:16px;height:16px;border-radius:50%;vertical-align:middle}
.GREEN{background:#2fbf71}.YELLOW{background:#f2c94c}.RED{background:#eb5757}.NO_DATA{background:#8a8f98}
#feed{list-style:none;margin:0;padding:0;font-size:14px;max-height:70vh;overflow:hidden}
#feed li{padding:6px 0;border-bottom:1px solid #1f3b63;color:#c9d6e6}
#feed time{color:#9fb6d4;margin-right:8px}
h2{font-size:16px;color:#9fb6d4;font-weight:normal;margin:8px 0}
#login{padding:40px 24px}#login input{width:420px;max-width:100%;font:inherit;padding:6px}
#login button{font:inherit;padding:6px 16px}
.error{color:#ff6b6b}
</style>
</head>
<body>
<header><h1 id="title">项目推进监测</h1><span id="doc"></span><span id="status">连接中…</span></header>
<section id="login" hidden>
  <p>请输入大屏令牌 (screen token)：</p>
  <form id="login-form"><input id="token-input" autocomplete="off" spellcheck="false"> <button type="submit">进入</button></form>
  <p id="login-error" class="error"></p>
</section>
<section class="kpis" id="kpis" hidden>
  <div class="kpi"><b>项目数</b><span id="k-count">–</span></div>
  <div class="kpi"><b>总投资 (亿元)</b><span id="k-total">–</span></div>
  <div class="kpi"><b>年度计划投资 (亿元)</b><span id="k-plan">–</span></div>
  <div class="kpi"><b>年初至今完成 (亿元)</b><span id="k-ytd">–</span></div>
  <div class="kpi"><b>投资完成率</b><span id="k-rate">–</span></div>
  <div class="kpi"><b>时序进度</b><span id="k-time">–</span></div>
  <div class="kpi"><b>进度差</b><span id="k-gap">–</span> <i class="light" id="k-light"></i></div>
  <div class="kpi"><b>未销号问题</b><span id="k-problems">–</span></div>
</section>
<main id="main" hidden>
  <section><h2>各推进组</h2>
    <table><thead><tr><th>推进组</th><th>项目</th><th>年度计划 (亿元)</th><th>完成 (亿元)</th><th>完成率</th><th>进度差</th><th>灯</th></tr></thead><tbody id="rows"></tbody></table>
  </section>
  <section><h2>最新动态</h2><ul id="feed"></ul></section>
</main>
<script src="/screen/assets/graphql-ws.js"></script>
<script>
(function () {
  'use strict';
  var id = decodeURIComponent(location.pathname.split('/').pop() || '');
  var storageKey = 'ledger-screen-token';
  var fromHash = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (fromHash) {
    localStorage.setItem(storageKey, decodeURIComponent(fromHash[1]));
    history.replaceState(null, '', location.pathname);
  }
  var token = localStorage.getItem(storageKey);
  var $ = function (name) { return document.getElementById(name); };
  var METRICS = 'projectCount totalInvestment annualPlanInvestment ytdCompletedInvestment investmentCompletionRate timeProgress progressGap light openProblemCount';
  var DASHBOARD = 'query($id: ID!) { taskForce(id: $id) { name documentNumber metrics { ' + METRICS + ' } subgroups { id name metrics { ' + METRICS + ' } } } }';

  function yi(wan) { return (wan / 10000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function pct(ratio) { return ratio === null || ratio === undefined ? '–' : (ratio * 100).toFixed(1) + '%'; }
  function points(gap) { return gap === null || gap === undefined ? '–' : (gap > 0 ? '+' : '') + gap.toFixed(1); }
  function text(name, value) { $(name).textContent = value; }
  function status(message, kind) { var s = $('status'); s.textContent = message; s.className = kind || ''; }

  function askForToken(message) {
    localStorage.removeItem(storageKey);
    $('login').hidden = false; $('kpis').hidden = true; $('main').hidden = true;
    text('login-error', message || '');
    status('未登录', 'down');
  }
  $('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    localStorage.setItem(storageKey, $('token-input').value.trim());
    location.reload();
  });

  function gql(query, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: query, variables: variables })
    }).then(function (response) { return response.json(); });
  }

  function showKpis(m) {
    text('k-count', String(m.projectCount));
    text('k-total', yi(m.totalInvestment));
    text('k-plan', yi(m.annualPlanInvestment));
    text('k-ytd', yi(m.ytdCompletedInvestment));
    text('k-rate', pct(m.investmentCompletionRate));
    text('k-time', pct(m.timeProgress));
    text('k-gap', points(m.progressGap));
    text('k-problems', String(m.openProblemCount));
    $('k-light').className = 'light ' + m.light;
  }

  function showSubgroups(subgroups) {
    var body = $('rows');
    body.textContent = '';
    subgroups.forEach(function (s) {
      var row = document.createElement('tr');
      row.dataset.id = s.id;
      [s.name, String(s.metrics.projectCount), yi(s.metrics.annualPlanInvestment), yi(s.metrics.ytdCompletedInvestment),
        pct(s.metrics.investmentCompletionRate), points(s.metrics.progressGap)].forEach(function (value) {
        var cell = document.createElement('td'); cell.textContent = value; row.appendChild(cell);
      });
      var light = document.createElement('td'); var dot = document.createElement('i');
      dot.className = 'light ' + s.metrics.light; dot.title = s.metrics.light; light.appendChild(dot); row.appendChild(light);
      body.appendChild(row);
    });
  }

  function load() {
    return gql(DASHBOARD, { id: id }).then(function (result) {
      if (result.errors && result.errors.length) {
        var code = result.errors[0].extensions && result.errors[0].extensions.code;
        if (code === 'UNAUTHENTICATED') return askForToken('令牌无效或已撤销。');
        text('doc', result.errors[0].message);
        return;
      }
      var tf = result.data.taskForce;
      if (!tf) { text('doc', '未找到该攻坚行动。'); return; }
      text('title', tf.name);
      text('doc', tf.documentNumber || '');
      document.title = tf.name;
      showKpis(tf.metrics);
      showSubgroups(tf.subgroups);
      $('kpis').hidden = false; $('main').hidden = false;
    });
  }

  // Many changes in a burst cost one re-read of the table.
  var refreshTimer = null;
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () { refreshTimer = null; load(); }, 500);
  }

  function addToFeed(event) {
    var item = document.createElement('li');
    var when = document.createElement('time');
    when.textContent = new Date(event.at).toLocaleTimeString('zh-CN', { hour12: false });
    item.appendChild(when);
    item.appendChild(document.createTextNode((event.actor || '') + ' ' + event.action + ' ' + event.entity));
    item.dataset.cursor = event.cursor;
    var feed = $('feed');
    feed.insertBefore(item, feed.firstChild);
    while (feed.children.length > 30) feed.removeChild(feed.lastChild);
  }

  if (!token) { askForToken(); return; }
  load().then(function () {
    if (!$('login').hidden) return;
    var connectedBefore = false;
    var client = graphqlWs.createClient({
      url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql',
      connectionParams: { authorization: 'Bearer ' + token },
      retryAttempts: Infinity,
      shouldRetry: function (event) { return !(event && event.code === 4403); },
      on: {
        connected: function () {
          status('实时', 'live');
          // After a cut, read everything again: nothing missed stays missed.
          if (connectedBefore) load();
          connectedBefore = true;
        },
        closed: function (event) {
          if (event && event.code === 4403) askForToken('令牌已失效，请重新输入。');
          else status('重新连接中…', 'down');
        }
      }
    });
    client.subscribe({ query: 'subscription($s: ID!) { metricsChanged(scope: $s) { metrics { ' + METRICS + ' } } }', variables: { s: id } }, {
      next: function (result) { if (result.data) { showKpis(result.data.metricsChanged.metrics); refreshSoon(); } },
      error: function () { status('订阅出错', 'down'); },
      complete: function () {}
    });
    client.subscribe({ query: 'subscription($s: ID!) { changes(scope: $s) { cursor entity action actor at } }', variables: { s: id } }, {
      next: function (result) { if (result.data) { addToFeed(result.data.changes); refreshSoon(); } },
      error: function () { status('订阅出错', 'down'); },
      complete: function () {}
    });
  });
})();
</script>
</body>
</html>
`;

export function screenPage(): string {
  return PAGE;
}
