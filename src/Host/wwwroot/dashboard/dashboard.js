// The dashboard: plots the samples the server pushes each second on namespace /dashboard (plain canvas).
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const WINDOW = 120;
  const samples = [];
  const socket = io('/dashboard');

  function setStatus(kind) {
    const badge = $('status');
    const transport = socket.connected && socket.io.engine ? socket.io.engine.transport.name : '';
    badge.className = 'badge ' + kind;
    badge.dataset.state = kind;
    badge.textContent = transport ? `${kind} · ${transport}` : kind;
  }
  socket.on('connect', () => { setStatus('connected'); socket.io.engine.once('upgrade', () => setStatus('connected')); });
  socket.on('disconnect', () => setStatus(socket.active ? 'reconnecting' : 'disconnected'));
  socket.io.on('reconnect_attempt', () => setStatus('reconnecting'));

  const mb = bytes => (bytes / 1048576).toFixed(1) + ' MB';

  socket.on('stats', s => {
    samples.push(s);
    if (samples.length > WINDOW) samples.shift();
    $('v-connections').textContent = s.connections;
    $('v-connections').dataset.value = s.connections;
    $('v-in').textContent = s.messagesInPerSecond;
    $('v-out').textContent = s.messagesOutPerSecond;
    $('v-rooms').textContent = s.rooms;
    $('v-ws').textContent = mb(s.workingSetBytes);
    $('v-heap').textContent = mb(s.heapBytes);
    $('v-tcp').textContent = s.tcpConnections;
    $('v-dashboards').textContent = s.dashboards;
    draw();
  });

  // One chart: lines of [key, colour] over the sample window, a zero-based y axis with a few grid lines.
  function chart(canvas, series, format = v => String(Math.round(v * 10) / 10), floor = 4) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
      canvas.width = width * ratio;
      canvas.height = height * ratio;
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const left = 56, right = 8, top = 8, bottom = 18;
    const plotW = width - left - right, plotH = height - top - bottom;
    let max = 0;
    for (const s of samples) for (const [key] of series) max = Math.max(max, s[key]);
    // Counts get at least 0..floor so small integers land on grid lines.
    max = Math.max(floor, niceCeiling(max));

    g.font = '11px system-ui, sans-serif';
    g.fillStyle = '#778';
    g.strokeStyle = '#e4e8f0';
    g.lineWidth = 1;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const y = top + plotH - (plotH * i) / 4;
      g.beginPath(); g.moveTo(left, y); g.lineTo(left + plotW, y); g.stroke();
      g.fillText(format((max * i) / 4), left - 6, y);
    }
    g.textAlign = 'left';
    g.fillText(`${WINDOW} s`, left, height - 7);

    const step = plotW / (WINDOW - 1);
    const offset = WINDOW - samples.length;
    for (const [key, colour] of series) {
      g.strokeStyle = colour;
      g.lineWidth = 2;
      g.beginPath();
      samples.forEach((s, i) => {
        const x = left + (offset + i) * step, y = top + plotH - (plotH * s[key]) / max;
        i === 0 ? g.moveTo(x, y) : g.lineTo(x, y);
      });
      g.stroke();
    }
  }

  function niceCeiling(v) {
    const power = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= v) return m * power;
    return 10 * power;
  }

  function draw() {
    chart($('c-connections'), [['connections', '#2e9d5b']]);
    chart($('c-messages'), [['messagesInPerSecond', '#3366cc'], ['messagesOutPerSecond', '#d0651b']]);
    chart($('c-rooms'), [['rooms', '#7a4fc2']]);
    chart($('c-memory'), [['workingSetBytes', '#3366cc'], ['heapBytes', '#d0651b']], mb, 1048576);
  }
  window.addEventListener('resize', draw);
})();
