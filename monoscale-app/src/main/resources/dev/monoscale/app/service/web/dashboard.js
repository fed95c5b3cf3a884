// The MonoScale dashboard: plain JavaScript over the service's /api/v1 (no build step). The token comes from the
// page's field or, once, from ?token= (then removed from the address bar), and is kept in sessionStorage.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (params.has('token')) {
    sessionStorage.setItem('monoscale-token', params.get('token'));
    history.replaceState(null, '', location.pathname);
  }
  const $ = (id) => document.getElementById(id);
  const text = (tag, value, cls) => { const e = document.createElement(tag); e.textContent = value; if (cls) e.className = cls; return e; };
  const row = (cells) => { const tr = document.createElement('tr'); cells.forEach((c) => tr.appendChild(typeof c === 'string' ? text('td', c) : c)); return tr; };

  async function api(path, body) {
    const headers = {};
    const token = sessionStorage.getItem('monoscale-token');
    if (token) headers.Authorization = 'Bearer ' + token;
    const init = { headers };
    if (body !== undefined) { init.method = 'POST'; headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    const response = await fetch(path, init);
    const json = await response.json();
    if (!response.ok) throw new Error((json.error && json.error.message) || response.status);
    return json;
  }

  async function health() {
    try {
      const h = await api('/api/v1/health');
      $('health').textContent = 'memory ' + h.memory.routingWith + ' · store ' + (h.memory.reachable === false ? 'unreachable' : 'ok');
    } catch (e) { $('health').textContent = 'health: ' + e.message; }
  }

  async function timeline() {
    const body = $('timeline').querySelector('tbody');
    body.replaceChildren();
    try {
      const log = await api('/api/v1/memory');
      for (const v of log) {
        body.appendChild(row([v.version, text('td', v.outcome, 'verdict-' + v.outcome), String(v.entries), v.createdAt, v.reason]));
      }
      for (const select of [$('diff-from'), $('diff-to')]) {
        select.replaceChildren(...log.map((v) => { const o = text('option', v.version); o.value = v.version; return o; }));
      }
      if (log.length > 1) { $('diff-from').value = log[1].version; $('diff-to').value = log[0].version; }
      $('timeline').dataset.loaded = String(log.length);
    } catch (e) { body.appendChild(row([text('td', e.message, 'error')])); }
  }

  function stances(entry) {
    return entry.guidance.map((g) => g.stance + ' ' + g.worker + (g.afterWorkers ? ' after ' + g.afterWorkers.join(', ') : '')).join('; ');
  }

  async function diff() {
    const body = $('diff').querySelector('tbody');
    body.replaceChildren();
    try {
      const d = await api('/api/v1/memory/diff?from=' + encodeURIComponent($('diff-from').value) + '&to=' + encodeURIComponent($('diff-to').value));
      $('diff-summary').textContent = d.from + ' → ' + d.to + ': ' + d.added.length + ' added, ' + d.removed.length + ' removed, '
        + d.changed.length + ' changed';
      for (const [kind, mark] of [['added', '+'], ['removed', '−'], ['changed', '~']]) {
        for (const e of d[kind]) {
          const ev = e.evidence;
          body.appendChild(row([text('td', mark, kind), e.id, e.rule, stances(e),
            ev.successes + '/' + ev.trials + ' passed; traces ' + ev.traces.slice(0, 3).join(', ') + (ev.traces.length > 3 ? ' …' : '')]));
        }
      }
    } catch (e) { $('diff-summary').textContent = e.message; }
  }

  async function route() {
    const body = $('route').querySelector('tbody');
    body.replaceChildren();
    try {
      const r = await api('/api/v1/route', { task: $('route-task').value });
      $('route-summary').textContent = 'routed with memory ' + r.memoryVersion;
      for (const s of r.steps) {
        const why = s.distribution.map((w) => w.worker + ' ' + w.probability + (w.because && w.because.length ? ' (' + w.because.join('; ') + ')' : '')).join(' · ');
        body.appendChild(row([String(s.step), s.worker, String(s.probability), why]));
      }
    } catch (e) { $('route-summary').textContent = e.message; }
  }

  function chart(report) {
    const stages = report.stages.map((s) => s.stage);
    const methods = Object.keys(report.stages[0].methods);
    const data = [stages, ...methods.map((m) => report.stages.map((s) => (s.methods[m] ? s.methods[m].accuracy : null)))];
    const palette = ['#20324a', '#b3261e', '#1a7f37', '#7a5b00', '#6f42c1', '#0b7285', '#e8590c', '#495057'];
    $('chart').replaceChildren();
    new uPlot({
      width: 760, height: 320, title: report.world + ': accuracy per stage',
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [{ label: 'stage' }, { label: 'accuracy' }],
      series: [{ label: 'stage' }, ...methods.map((m, i) => ({ label: m, stroke: palette[i % palette.length], width: 2 }))],
    }, data, $('chart'));
    $('chart-status').textContent = 'charted ' + methods.length + ' methods over ' + stages.length + ' stages';
  }

  $('bench-file').addEventListener('change', async (event) => {
    try { chart(JSON.parse(await event.target.files[0].text())); } catch (e) { $('chart-status').textContent = 'not a bench JSON file: ' + e.message; }
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('monoscale-token', $('token').value);
    $('token').value = '';
    health(); timeline();
  });
  $('diff-show').addEventListener('click', diff);
  $('route-go').addEventListener('click', route);
  health();
  timeline();
})();
