/**
 * The self-contained query page served at GET /graphql to browsers.
 *
 * It loads nothing from the network (the service often runs in intranets without internet access):
 * plain HTML, CSS and a small vanilla script, all inline. The only requests it makes are POSTs to the
 * same origin's /graphql. Server text is only ever inserted with textContent / textarea values.
 */

const CSP =
  "default-src 'none'; connect-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
  "img-src 'self' data:; base-uri 'none'; form-action 'none'";

// String.raw keeps the backslashes of the inline script literal; the page itself uses no `${`.
const PAGE = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Project ledger — GraphQL</title>
<style>
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI","Microsoft YaHei",sans-serif;color:#1d232b;background:#f4f6f8;display:flex;flex-direction:column;height:100vh}
header{padding:8px 14px;background:#1f3a5f;color:#fff}header h1{margin:0;font-size:17px}header p{margin:2px 0 0;font-size:12px;opacity:.85}
code{font-family:ui-monospace,Consolas,"Courier New",monospace}
.bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 14px;background:#fff;border-bottom:1px solid #d5dbe2}
.bar form{display:flex;gap:6px;align-items:center;margin:0}
input{font:inherit;padding:3px 6px;border:1px solid #b9c2cc;border-radius:3px}
#token{flex:1;min-width:160px;font-family:ui-monospace,Consolas,monospace;font-size:12px}
button{font:inherit;padding:3px 10px;border:1px solid #1f3a5f;border-radius:3px;background:#fff;color:#1f3a5f;cursor:pointer}
button.primary{background:#1f3a5f;color:#fff}button:disabled{opacity:.5;cursor:default}
#who{font-size:12px;color:#4a5561}
#status{font-size:12px;color:#4a5561;margin-left:auto}#status.err{color:#b3261e}
main{flex:1;display:flex;min-height:0;gap:8px;padding:8px}
.col{display:flex;flex-direction:column;flex:1;min-width:0;gap:8px}
.pane{display:flex;flex-direction:column;min-height:0}
.pane label{font-size:12px;font-weight:600;color:#4a5561;margin-bottom:2px}
textarea{flex:1;width:100%;resize:none;font:13px/1.45 ui-monospace,Consolas,"Courier New",monospace;padding:6px;border:1px solid #b9c2cc;border-radius:3px;background:#fff;tab-size:2}
#response{background:#fafbfc}
#schema{width:360px;display:flex;flex-direction:column;background:#fff;border:1px solid #d5dbe2;border-radius:3px;min-height:0}
#schema[hidden]{display:none}#schema .head{display:flex;gap:6px;padding:6px;border-bottom:1px solid #d5dbe2}#schema .head input{flex:1}
#types{overflow:auto;padding:4px 8px;font-size:12px}
.type h3{margin:8px 0 2px;font-size:13px}.type h3 small{font-weight:normal;color:#7a8591}.type p{margin:0 0 2px;color:#4a5561}
.type ul{margin:0;padding-left:14px;list-style:square}.type li{margin:1px 0}
.fn,.ty{font-family:ui-monospace,Consolas,monospace;color:#1f3a5f}.ty{color:#8a3ea8}.ds{color:#66707b}
li.root .fn{cursor:pointer;text-decoration:underline}
</style>
</head>
<body>
<header>
<h1>Project ledger — GraphQL</h1>
<p>The schema is served at <code>/graphql</code>; its SDL is committed in <code>schema/schema.graphql</code>. Every operation except <code>login</code> needs a bearer token. Ctrl/Cmd+Enter runs.</p>
</header>
<div class="bar">
<form id="signin" autocomplete="on">
<input id="username" name="username" placeholder="username" autocomplete="username" size="12">
<input id="password" name="password" type="password" placeholder="password" autocomplete="current-password" size="12">
<button id="signinBtn" class="primary" type="submit">Sign in</button>
</form>
<span id="who">Not signed in</span>
<button id="signout" type="button" hidden>Sign out</button>
<input id="token" placeholder="Bearer token (or paste one)" autocomplete="off" spellcheck="false">
</div>
<div class="bar">
<button id="run" class="primary" type="button">Run ▶</button>
<button id="schemaBtn" type="button">Schema</button>
<span id="status"></span>
</div>
<main>
<div class="col">
<div class="pane" style="flex:3"><label for="query">Query</label><textarea id="query" spellcheck="false"></textarea></div>
<div class="pane" style="flex:1"><label for="variables">Variables (JSON)</label><textarea id="variables" spellcheck="false"></textarea></div>
</div>
<div class="col"><div class="pane" style="flex:1"><label for="response">Response</label><textarea id="response" readonly spellcheck="false"></textarea></div></div>
<aside id="schema" hidden>
<div class="head"><input id="filter" placeholder="Search types and fields" autocomplete="off"><button id="closeSchema" type="button">×</button></div>
<div id="types"></div>
</aside>
</main>
<script>
(function () {
  'use strict';
  var DEFAULT_QUERY = '{\n  taskForces {\n    id\n    name\n    documentNumber\n    metrics { projectCount totalInvestment investmentCompletionRate light }\n  }\n}\n';
  var LOGIN = 'mutation($input: LoginInput!){ login(input:$input){ token expiresAt user { username role } } }';
  var TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
  var INTROSPECTION = 'query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { kind name description ' +
    'fields { name description args { name type { ' + TYPE_REF + ' } defaultValue } type { ' + TYPE_REF + ' } } ' +
    'inputFields { name description type { ' + TYPE_REF + ' } } enumValues { name description } } } }';
  function $(id) { return document.getElementById(id); }
  function get(kind, k) { try { return window[kind].getItem(k); } catch (e) { return null; } }
  function put(kind, k, v) { try { if (v === null) window[kind].removeItem(k); else window[kind].setItem(k, v); } catch (e) { /* storage disabled */ } }
  var q = $('query'), vars = $('variables'), out = $('response'), tokenEl = $('token');
  q.value = get('localStorage', 'ledger.query') || DEFAULT_QUERY;
  vars.value = get('localStorage', 'ledger.variables') || '{}';
  tokenEl.value = get('sessionStorage', 'ledger.token') || '';
  q.addEventListener('input', function () { put('localStorage', 'ledger.query', q.value); });
  vars.addEventListener('input', function () { put('localStorage', 'ledger.variables', vars.value); });

  function status(text, isError) { var s = $('status'); s.textContent = text; s.className = isError ? 'err' : ''; }
  function showWho() {
    var token = tokenEl.value.trim(), user = null;
    try { user = JSON.parse(get('sessionStorage', 'ledger.user') || 'null'); } catch (e) { user = null; }
    $('who').textContent = !token ? 'Not signed in' : user ? 'Signed in as ' + user.username + ' (' + user.role + ')' + (user.expiresAt ? ', until ' + user.expiresAt : '') : 'Using a pasted token';
    $('signout').hidden = !token;
  }
  tokenEl.addEventListener('input', function () {
    put('sessionStorage', 'ledger.token', tokenEl.value.trim() || null);
    put('sessionStorage', 'ledger.user', null);
    showWho();
  });
  showWho();

  function post(query, variables) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var token = tokenEl.value.trim().replace(/^Bearer\s+/i, '');
    if (token) headers['Authorization'] = 'Bearer ' + token;
    return fetch('/graphql', { method: 'POST', headers: headers, credentials: 'same-origin', body: JSON.stringify({ query: query, variables: variables }) })
      .then(function (res) {
        return res.text().then(function (text) {
          var body = null;
          try { body = JSON.parse(text); } catch (e) { body = null; }
          return { status: res.status, body: body, text: text };
        });
      });
  }
  function errorText(r) {
    if (r.body && r.body.errors && r.body.errors.length) return r.body.errors.map(function (e) { return e.message; }).join('; ');
    return r.status >= 400 ? 'HTTP ' + r.status : '';
  }
  function show(r) { out.value = r.body !== null ? JSON.stringify(r.body, null, 2) : r.text; }

  function run() {
    var variables = {};
    var src = vars.value.trim();
    if (src) {
      try { variables = JSON.parse(src); } catch (e) { status('Variables are not valid JSON: ' + e.message, true); return; }
      if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) { status('Variables must be a JSON object.', true); return; }
    }
    var started = Date.now();
    status('Running…');
    $('run').disabled = true;
    post(q.value, variables).then(function (r) {
      show(r);
      var err = errorText(r);
      status((err ? 'Error: ' + err : 'OK') + ' — HTTP ' + r.status + ', ' + (Date.now() - started) + ' ms', !!err);
    }).catch(function (e) { out.value = ''; status('Request failed: ' + e.message, true); })
      .then(function () { $('run').disabled = false; });
  }
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); }
  });

  $('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = { username: $('username').value.trim(), password: $('password').value };
    if (!input.username || !input.password) { status('Enter a username and a password.', true); return; }
    $('signinBtn').disabled = true;
    status('Signing in…');
    tokenEl.value = '';
    post(LOGIN, { input: input }).then(function (r) {
      var login = r.body && r.body.data && r.body.data.login;
      if (!login) { show(r); status('Sign-in failed: ' + (errorText(r) || 'no token returned'), true); return; }
      $('password').value = '';
      tokenEl.value = login.token;
      put('sessionStorage', 'ledger.token', login.token);
      put('sessionStorage', 'ledger.user', JSON.stringify({ username: login.user.username, role: login.user.role, expiresAt: login.expiresAt }));
      showWho();
      status('Signed in.');
    }).catch(function (err) { status('Sign-in failed: ' + err.message, true); })
      .then(function () { $('signinBtn').disabled = false; showWho(); });
  });
  $('signout').addEventListener('click', function () {
    tokenEl.value = ''; put('sessionStorage', 'ledger.token', null); put('sessionStorage', 'ledger.user', null);
    showWho(); status('Signed out.');
  });

  // ---- Schema panel ----
  var types = [], byName = {}, queryTypeName = 'Query';
  function typeStr(t) {
    if (!t) return '?';
    if (t.kind === 'NON_NULL') return typeStr(t.ofType) + '!';
    if (t.kind === 'LIST') return '[' + typeStr(t.ofType) + ']';
    return t.name;
  }
  function named(t) { while (t && t.ofType) t = t.ofType; return t ? byName[t.name] : undefined; }
  function el(tag, cls, text) { var n = document.createElement(tag); if (cls) n.className = cls; if (text) n.textContent = text; return n; }
  function leafFields(t) {
    return (t.fields || []).filter(function (f) {
      var n = named(f.type);
      return n && (n.kind === 'SCALAR' || n.kind === 'ENUM') && !f.args.some(function (a) { return a.type.kind === 'NON_NULL' && a.defaultValue === null; });
    }).slice(0, 12).map(function (f) { return f.name; });
  }
  function selection(t, indent, depth) {
    if (!t || (t.kind !== 'OBJECT' && t.kind !== 'INTERFACE')) return '';
    var lines = leafFields(t);
    var nodes = (t.fields || []).filter(function (f) { return f.name === 'nodes'; })[0];
    if (nodes && depth < 2) lines.push('nodes' + selection(named(nodes.type), indent + '  ', depth + 1));
    if (!lines.length) lines.push('__typename');
    return ' {\n' + lines.map(function (l) { return indent + '  ' + l; }).join('\n') + '\n' + indent + '}';
  }
  function insertSkeleton(f) {
    var required = f.args.filter(function (a) { return a.type.kind === 'NON_NULL' && a.defaultValue === null; });
    var decl = required.map(function (a) { return '$' + a.name + ': ' + typeStr(a.type); }).join(', ');
    var call = required.map(function (a) { return a.name + ': $' + a.name; }).join(', ');
    q.value = (decl ? 'query(' + decl + ') ' : '') + '{\n  ' + f.name + (call ? '(' + call + ')' : '') + selection(named(f.type), '  ', 0) + '\n}\n';
    var v = {};
    required.forEach(function (a) { v[a.name] = null; });
    vars.value = JSON.stringify(v, null, 2);
    put('localStorage', 'ledger.query', q.value);
    put('localStorage', 'ledger.variables', vars.value);
    q.focus();
  }
  function render() {
    var box = $('types'), needle = $('filter').value.trim().toLowerCase();
    box.textContent = '';
    types.forEach(function (t) {
      var members = (t.fields || t.inputFields || []).map(function (f) { return { f: f, text: f.name + ': ' + typeStr(f.type) }; })
        .concat((t.enumValues || []).map(function (ev) { return { f: ev, text: ev.name }; }));
      var typeHit = !needle || t.name.toLowerCase().indexOf(needle) >= 0;
      var shown = typeHit ? members : members.filter(function (m) { return m.f.name.toLowerCase().indexOf(needle) >= 0; });
      if (!typeHit && !shown.length) return;
      var div = el('div', 'type'), h = el('h3', '', t.name + ' ');
      h.appendChild(el('small', '', t.kind.toLowerCase().replace('_', ' ')));
      div.appendChild(h);
      if (t.description) div.appendChild(el('p', '', t.description));
      var ul = el('ul');
      shown.forEach(function (m) {
        var li = el('li', t.name === queryTypeName ? 'root' : '');
        var args = (m.f.args || []).map(function (a) { return a.name + ': ' + typeStr(a.type); }).join(', ');
        var fn = el('span', 'fn', m.f.name + (args ? '(' + args + ')' : ''));
        li.appendChild(fn);
        if (m.f.type) { li.appendChild(document.createTextNode(': ')); li.appendChild(el('span', 'ty', typeStr(m.f.type))); }
        if (m.f.description) li.appendChild(el('span', 'ds', ' — ' + m.f.description));
        if (t.name === queryTypeName) { fn.title = 'Insert a skeleton query'; fn.addEventListener('click', function () { insertSkeleton(m.f); }); }
        ul.appendChild(li);
      });
      div.appendChild(ul);
      box.appendChild(div);
    });
    if (!box.firstChild) box.appendChild(el('p', 'ds', 'Nothing matches.'));
  }
  $('filter').addEventListener('input', render);
  $('closeSchema').addEventListener('click', function () { $('schema').hidden = true; });
  $('schemaBtn').addEventListener('click', function () {
    status('Loading schema…');
    post(INTROSPECTION, {}).then(function (r) {
      var s = r.body && r.body.data && r.body.data.__schema;
      if (!s) { show(r); status('Schema failed: ' + (errorText(r) || 'no data'), true); return; }
      queryTypeName = s.queryType ? s.queryType.name : 'Query';
      byName = {};
      s.types.forEach(function (t) { byName[t.name] = t; });
      types = s.types.filter(function (t) { return t.name.indexOf('__') !== 0; }).sort(function (a, b) {
        var ra = a.name === queryTypeName ? 0 : s.mutationType && a.name === s.mutationType.name ? 1 : 2;
        var rb = b.name === queryTypeName ? 0 : s.mutationType && b.name === s.mutationType.name ? 1 : 2;
        return ra - rb || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      $('schema').hidden = false;
      render();
      status('Schema loaded: ' + types.length + ' types. Click a ' + queryTypeName + ' field to insert a query.');
    }).catch(function (e) { status('Schema failed: ' + e.message, true); });
  });
})();
</script>
</body>
</html>
`;

/** The complete HTML of the browser query page (GET /graphql). */
export function graphqlIdePage(): string {
  return PAGE.replace('__CSP__', () => CSP);
}
