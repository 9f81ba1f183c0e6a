// The chat page: plain JavaScript over the official Socket.IO client served at /socket.io/socket.io.js.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const ACK_TIMEOUT = 5000;

  // ?transport=polling (or websocket) restricts the client to one transport.
  const forced = new URLSearchParams(location.search).get('transport');
  const socket = io({ transports: forced === 'polling' || forced === 'websocket' ? [forced] : ['polling', 'websocket'] });

  const state = {
    nickname: null,
    current: null,
    joined: new Set(),
    rooms: [],
    users: new Map(),     // room -> nicknames
    pushes: new Map(),    // room -> 'users' pushes received, to tell whether an ack's list is already stale
    typing: new Map(),    // room -> Set of nicknames typing
    messages: new Map(),  // room -> [{ id, from, text, time, mine, status }]
  };

  // --- connection badge -----------------------------------------------------------------------------------
  function setStatus(kind) {
    const badge = $('status');
    const transport = socket.connected && socket.io.engine ? socket.io.engine.transport.name : '';
    badge.className = 'badge ' + kind;
    badge.dataset.state = kind;
    badge.dataset.transport = transport;
    badge.textContent = transport ? `${kind} · ${transport}` : kind;
  }

  socket.on('connect', () => {
    setStatus('connected');
    // Shown again when the session upgrades from polling to WebSocket.
    socket.io.engine.once('upgrade', () => setStatus('connected'));
    if (state.nickname) {
      relogin();
    }
  });
  socket.on('disconnect', reason => setStatus(socket.active ? 'reconnecting' : 'disconnected'));
  socket.on('connect_error', () => setStatus(socket.active ? 'reconnecting' : 'disconnected'));
  socket.io.on('reconnect_attempt', () => setStatus('reconnecting'));
  setStatus('disconnected');

  // Every request the client makes waits at most ACK_TIMEOUT for its answer.
  function request(event, arg) {
    return new Promise(resolve => {
      socket.timeout(ACK_TIMEOUT).emit(event, arg, (err, reply) => {
        resolve(err ? { error: 'no answer from the server' } : (reply || { error: 'empty answer' }));
      });
    });
  }

  // --- nickname --------------------------------------------------------------------------------------------
  $('login').addEventListener('submit', async e => {
    e.preventDefault();
    const reply = await request('login', $('nickname').value);
    if (reply.error) {
      $('login-error').textContent = reply.error;
      return;
    }
    state.nickname = reply.nickname;
    $('login').hidden = true;
    $('chat').hidden = false;
    setRooms(reply.rooms);
    await join('lobby');
    $('text').focus();
  });

  // After a reconnect (a new server process knows nothing of us) log in and join the same rooms again.
  async function relogin() {
    const reply = await request('login', state.nickname);
    if (reply.error) {
      return;
    }
    setRooms(reply.rooms);
    for (const room of [...state.joined]) {
      const pushes = state.pushes.get(room);
      const joined = await request('join', room);
      setUsersFromAck(room, joined.users, pushes);
    }
    notice(state.current, 'reconnected');
    render();
  }

  // --- rooms -----------------------------------------------------------------------------------------------
  // An ack's member list is older than any 'users' push that arrived while it was awaited (a polling response can
  // carry the ack and a later push together, and the push's handler runs before the ack's await resumes).
  function setUsersFromAck(room, users, pushesBefore) {
    if (users && state.pushes.get(room) === pushesBefore) {
      state.users.set(room, users);
    }
  }

  async function join(room) {
    const pushes = state.pushes.get(room);
    const reply = await request('join', room);
    if (reply.error) {
      $('room-error').textContent = reply.error;
      return false;
    }
    $('room-error').textContent = '';
    state.joined.add(reply.room);
    setUsersFromAck(reply.room, reply.users, pushes);
    switchTo(reply.room);
    return true;
  }

  function switchTo(room) {
    state.current = room;
    render();
  }

  $('join').addEventListener('submit', async e => {
    e.preventDefault();
    if (await join($('room-name').value)) {
      $('room-name').value = '';
    }
  });

  $('leave').addEventListener('click', async () => {
    const room = state.current;
    const reply = await request('leave', room);
    if (reply.error) {
      $('room-error').textContent = reply.error;
      return;
    }
    state.joined.delete(room);
    state.messages.delete(room);
    state.current = [...state.joined][0] || null;
    render();
  });

  function setRooms(rooms) {
    state.rooms = Array.isArray(rooms) ? rooms : [];
    renderRooms();
  }

  socket.on('rooms', setRooms);
  socket.on('users', ({ room, users }) => {
    state.pushes.set(room, (state.pushes.get(room) || 0) + 1);
    state.users.set(room, users);
    if (room === state.current) {
      renderOnline();
    }
    renderRooms();
  });

  // --- messages --------------------------------------------------------------------------------------------
  function list(room) {
    if (!state.messages.has(room)) {
      state.messages.set(room, []);
    }
    return state.messages.get(room);
  }

  function notice(room, text) {
    if (room) {
      list(room).push({ notice: text });
    }
  }

  $('send').addEventListener('submit', async e => {
    e.preventDefault();
    const room = state.current;
    const text = $('text').value;
    if (!room || !text.trim()) {
      return;
    }
    $('text').value = '';
    stopTyping();
    const entry = { from: state.nickname, text: text.trim(), time: Date.now(), mine: true, status: 'sent' };
    list(room).push(entry);
    render();
    const reply = await request('message', { room, text });
    if (reply.error) {
      entry.status = 'failed';
      entry.error = reply.error;
      $('send-error').textContent = reply.error;
    } else {
      entry.status = 'delivered';
      entry.id = reply.id;
      entry.time = reply.time;
      $('send-error').textContent = '';
    }
    render();
  });

  socket.on('message', m => {
    list(m.room).push({ id: m.id, from: m.from, text: m.text, time: m.time, mine: false });
    typingSet(m.room).delete(m.from);
    if (m.room === state.current) {
      render();
    }
  });

  // --- typing ----------------------------------------------------------------------------------------------
  let typingRoom = null;
  let typingTimer = 0;

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingRoom) {
      socket.emit('typing', { room: typingRoom, typing: false });
      typingRoom = null;
    }
  }

  $('text').addEventListener('input', () => {
    if (!state.current) {
      return;
    }
    if (typingRoom !== state.current) {
      stopTyping();
      typingRoom = state.current;
      socket.emit('typing', { room: typingRoom, typing: true });
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 2000);
  });

  function typingSet(room) {
    if (!state.typing.has(room)) {
      state.typing.set(room, new Set());
    }
    return state.typing.get(room);
  }

  socket.on('typing', ({ room, nickname, typing }) => {
    const set = typingSet(room);
    typing ? set.add(nickname) : set.delete(nickname);
    if (room === state.current) {
      renderTyping();
    }
  });

  // --- rendering -------------------------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderRooms() {
    const ul = $('rooms');
    ul.replaceChildren(...state.rooms.map(r => {
      const li = el('li', (state.joined.has(r.name) ? 'joined' : '') + (r.name === state.current ? ' current' : ''));
      li.dataset.room = r.name;
      li.append(el('span', 'name', r.name), el('span', 'count', String(state.users.get(r.name)?.length ?? r.users)));
      li.addEventListener('click', () => state.joined.has(r.name) ? switchTo(r.name) : join(r.name));
      return li;
    }));
  }

  function renderOnline() {
    $('online-room').textContent = state.current || '';
    $('online').replaceChildren(...(state.users.get(state.current) || []).map(n => el('li', '', n)));
  }

  function renderTyping() {
    const names = [...typingSet(state.current || '')];
    $('typing').textContent = names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`;
  }

  function renderMessages() {
    const ol = $('messages');
    ol.replaceChildren(...list(state.current || '').map(m => {
      if (m.notice) {
        return el('li', 'notice', m.notice);
      }
      const li = el('li', m.mine ? 'mine' : 'theirs');
      if (m.id) li.dataset.id = m.id;
      li.append(el('span', 'from', m.from), el('span', 'text', m.text),
        el('span', 'time', new Date(m.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })));
      if (m.mine) {
        const tick = el('span', 'tick ' + m.status, m.status === 'delivered' ? '✓' : m.status === 'failed' ? '!' : '…');
        tick.title = m.status === 'failed' ? m.error : m.status;
        li.append(tick);
      }
      return li;
    }));
    ol.scrollTop = ol.scrollHeight;
  }

  function render() {
    $('room-title').textContent = state.current ? '# ' + state.current : 'no room';
    $('leave').hidden = !state.current;
    $('send').hidden = !state.current;
    renderRooms();
    renderOnline();
    renderTyping();
    renderMessages();
  }
})();
