// Drives one scenario of the npm socket.io-client against the reference app (src/Host/Apps/ReferenceApp.cs) and
// prints one JSON line with what it saw; the C# test (tests/Engine.Tests/Interop) asserts on it.
// Usage: node sio-client.mjs <http-base-url> <scenario> <transports> [count]
//   transports: polling | websocket | polling,websocket (the last one upgrades before the scenario starts)
// Scenarios: events, acks, ack-timeouts, binary, namespaces, rooms, disconnect, reconnect, many.
// Ordering, not timing: every "did not receive" check waits for a later packet that the server sends on the same
// connection after the one that must not come (a fence), so no result depends on a sleep.
import { createHash } from 'node:crypto';
import { io, Manager } from 'socket.io-client';

const [base, scenario, transportList = 'websocket', extra = '200'] = process.argv.slice(2);
const transports = transportList.split(',');
const upgrade = transports.length > 1;
const watchdog = setTimeout(() => finish({ error: `timeout in scenario ${scenario}`, trace }, 1), 25000);
const trace = [];

function finish(result, code = 0) {
  clearTimeout(watchdog);
  // Exit only once the line is flushed: a pipe write is asynchronous and exit would cut it short.
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

const options = (more = {}) => ({ transports, upgrade, reconnection: false, forceNew: true, timeout: 20000, ...more });

// Binary values become {"$bin": hex} so both sides compare plain JSON text.
function encode(value) {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $bin: Buffer.from(value).toString('hex') };
  if (value instanceof ArrayBuffer) return { $bin: Buffer.from(new Uint8Array(value)).toString('hex') };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}
// Long texts are compared by digest, which keeps the output line short.
const text = (args) => {
  const json = JSON.stringify(encode(args));
  return json.length <= 1000 ? json : `sha256:${createHash('sha256').update(json).digest('hex')}:${json.length}`;
};

// A deterministic byte pattern.
const bytes = (length, seed) => Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff));

// Resolves once the socket runs on its final transport (after the upgrade when there is one).
function settled(socket) {
  const engine = socket.io.engine;
  if (!upgrade || engine.transport.name === 'websocket') return Promise.resolve();
  return new Promise((resolve) => engine.once('upgrade', () => resolve()));
}

// Connects (listeners added by `setup` before the CONNECT goes out) and waits for the final transport.
async function connect(socket, setup = () => {}) {
  setup(socket);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (err) => reject(new Error(`connect_error on ${socket.nsp}: ${err.message}`)));
  });
  await settled(socket);
  return socket;
}

const connectError = (socket) => new Promise((resolve) => {
  socket.once('connect', () => resolve({ connected: true }));
  socket.once('connect_error', (err) => resolve({ message: err.message, data: err.data ?? null }));
});

// Closes the Engine.IO connection and waits until the close reached the server: the close packet's POST completed
// (polling), or the WebSocket closing handshake finished. Exiting earlier could abort it.
async function closeAndWait(engine) {
  const transport = engine.transport;
  const ws = transport.ws;
  engine.close();
  // The engine dropped the transport's listeners while closing it: listen only now.
  await new Promise((resolve) => (transport.name === 'polling' ? transport.once('drain', resolve) : ws.once('close', resolve)));
}

const next = (socket, event) => new Promise((resolve) => socket.once(event, (...args) => resolve(args)));
const roundTrip = (socket) => new Promise((resolve) => socket.emit('message-with-ack', 'fence', () => resolve()));

const SHAPES = [
  [],
  ['hello'],
  [''],
  [null],
  [0, 1, -1, 2.5, 1e21, 1e-7, 9007199254740991, -0.125],
  [true, false],
  ['héllo € 😀 \u2028\u2029 "q" \\ \n\t\u0001\u001f\u007f <>&\'+ \ud7ff\ue000'],
  [{}],
  [[]],
  [{ a: { b: [1, { c: null, d: [], e: {} }] }, 'ключ': 'значение', '😀': ['😀', '👩‍👩‍👧'] }],
  [1, 'two', { three: 3 }, [4, [5, [6]]], null, false],
  ['x'.repeat(100000)],
];

const BINARY_SHAPES = [
  [bytes(4, 1)],
  [Buffer.alloc(0)],
  ['text', bytes(3, 2), { nested: bytes(5, 3), list: [bytes(1, 4), 'x', { deep: bytes(300, 5) }] }],
  [bytes(100000, 6), bytes(2, 7)],
  [{ a: bytes(2, 8), b: null }, [bytes(2, 9)], null, 'é😀'],
];

const scenarios = {
  async events() {
    let auth;
    const auth0 = { token: 'abc', nested: { list: [1, 'é😀', null] } };
    const socket = await connect(io(base, options({ auth: auth0 })), (s) => s.once('auth', (a) => { auth = a; }));
    const cases = [];
    for (const shape of SHAPES) {
      const back = next(socket, 'message-back');
      socket.emit('message', ...shape);
      cases.push({ sent: text(shape), got: text(await back) });
    }
    return { transport: socket.io.engine.transport.name, authSent: text(auth0), authGot: text(auth), cases };
  },

  async acks() {
    const socket = await connect(io(base, options()), (s) => {
      // The client's answer to the server's `question`: its arguments reversed, so the answer is recognisably ours.
      s.on('question', (...args) => {
        const ack = args.pop();
        ack(...args.reverse());
      });
    });
    const toServer = [];
    for (const shape of SHAPES) {
      const got = await new Promise((resolve) => socket.emit('message-with-ack', ...shape, (...args) => resolve(args)));
      toServer.push({ sent: text(shape), got: text(got) });
    }

    const toClient = [];
    for (const shape of SHAPES.filter((s) => s.length > 0)) {
      const answer = next(socket, 'answer');
      socket.emit('ask', ...shape);
      toClient.push({ sent: text([...shape].reverse()), got: text(await answer) });
    }

    // The promise form resolves with the first argument only.
    const first = await socket.emitWithAck('message-with-ack', 'only', 'first');
    return { transport: socket.io.engine.transport.name, toServer, toClient, first };
  },

  async 'ack-timeouts'() {
    let pending = null;
    const socket = await connect(io(base, options()), (s) => s.on('question', (...args) => { pending = args.pop(); }));

    // Client side: `message` is never acknowledged.
    const clientError = await new Promise((resolve) => socket.timeout(300).emit('message', 'no-ack', (err) => resolve(err ? err.message : null)));
    let rejected = null;
    try {
      await socket.timeout(300).emitWithAck('message', 'no-ack-either');
    } catch (err) {
      rejected = err.message;
    }

    // Server side: the question stays unanswered past 2 s, then a late answer must be ignored.
    let lateAnswers = 0;
    socket.on('answer', () => { lateAnswers++; });
    const timedOut = next(socket, 'answer-timeout');
    socket.emit('ask', 'will-not-answer');
    const timeoutArgs = await timedOut;
    pending('too late');
    await roundTrip(socket);
    return { transport: socket.io.engine.transport.name, clientError, rejected, timeoutArgs, lateAnswers };
  },

  async binary() {
    const socket = await connect(io(base, options()), (s) => s.on('question', (...args) => {
      const ack = args.pop();
      ack(...args, bytes(6, 10));
    }));
    const cases = [];
    for (const shape of BINARY_SHAPES) {
      const back = next(socket, 'message-back');
      socket.emit('message', ...shape);
      cases.push({ kind: 'event', sent: text(shape), got: text(await back) });
      const acked = await new Promise((resolve) => socket.emit('message-with-ack', ...shape, (...args) => resolve(args)));
      cases.push({ kind: 'ack', sent: text(shape), got: text(acked) });
      const answer = next(socket, 'answer');
      socket.emit('ask', ...shape);
      cases.push({ kind: 'server-ack', sent: text([...shape, bytes(6, 10)]), got: text(await answer) });
    }

    return { transport: socket.io.engine.transport.name, cases };
  },

  async namespaces() {
    const manager = new Manager(base, { transports, upgrade, reconnection: false, timeout: 20000 });
    const auths = {};
    const recordAuth = (name) => (s) => s.once('auth', (a) => { auths[name] = a; });
    const main = await connect(manager.socket('/', { auth: { who: 'main' } }), recordAuth('main'));
    const custom = await connect(manager.socket('/custom', { auth: { who: 'custom' } }), recordAuth('custom'));
    const priv = await connect(manager.socket('/private', { auth: { token: 'secret' } }), recordAuth('private'));

    // Each namespace answers on its own socket only.
    const heard = { main: [], custom: [] };
    main.on('message-back', (...args) => heard.main.push(args));
    custom.on('message-back', (...args) => heard.custom.push(args));
    main.emit('message', 'to-main');
    custom.emit('message', 'to-custom');
    const customAck = await new Promise((resolve) => custom.emit('message-with-ack', 'custom-ack', (...args) => resolve(args)));
    await roundTrip(main);

    const invalid = await connectError(manager.socket('/nope'));
    const stillWorks = await main.emitWithAck('message-with-ack', 'after-invalid');

    const refusedWrong = await connectError(io(base + '/private', options({ auth: { token: 'wrong' } })));
    const refusedNone = await connectError(io(base + '/private', options()));

    return {
      transport: manager.engine.transport.name,
      engineId: manager.engine.id,
      ids: { main: main.id, custom: custom.id, private: priv.id },
      auths,
      heard,
      customAck,
      invalid,
      stillWorks,
      refusedWrong,
      refusedNone,
    };
  },

  async rooms() {
    const names = ['A', 'B', 'C'];
    const clients = {};
    const logs = { A: [], B: [], C: [] };
    const fences = {};
    for (const name of names) {
      clients[name] = await connect(io(base, options()), (s) => {
        s.on('room-message', (...args) => logs[name].push(['room-message', ...args]));
        s.on('broadcast', (...args) => {
          if (typeof args[0] === 'string' && args[0].startsWith('fence-')) fences[`${name}:${args[0]}`]?.();
          else logs[name].push(['broadcast', ...args]);
        });
      });
    }

    let fenceCount = 0;
    // The sender's later broadcast reaches every other client after anything its step sent them, and its ack
    // comes back after anything the step sent the sender itself.
    async function step(senderName, action) {
      await action(clients[senderName]);
      const tag = `fence-${fenceCount++}`;
      const others = names.filter((n) => n !== senderName);
      const arrived = others.map((n) => new Promise((resolve) => { fences[`${n}:${tag}`] = resolve; }));
      clients[senderName].emit('broadcast', tag);
      await Promise.all(arrived);
      await roundTrip(clients[senderName]);
      const seen = {};
      for (const n of names) seen[n] = logs[n].splice(0);
      return seen;
    }
    const join = (s, room) => new Promise((resolve) => s.emit('join', room, resolve));
    const leave = (s, room) => new Promise((resolve) => s.emit('leave', room, resolve));

    await join(clients.A, 'r1');
    await join(clients.B, 'r1');
    const steps = {
      memberSends: await step('A', (s) => s.emit('to-room', 'r1', 'from-a')),
      outsiderSends: await step('C', (s) => s.emit('to-room', 'r1', 'from-c', { x: 1 })),
      afterLeave: await step('C', async (s) => { await leave(clients.A, 'r1'); s.emit('to-room', 'r1', 'after-leave'); }),
      broadcast: await step('A', (s) => s.emit('broadcast', 'hi', 2)),
      soleMember: await step('B', async (s) => { await join(s, 'r2'); s.emit('to-room', 'r2', 'self'); }),
      emptyRoom: await step('C', (s) => s.emit('to-room', 'nobody-here', 'lost')),
    };
    return { transport: clients.A.io.engine.transport.name, steps };
  },

  async disconnect() {
    // disconnect-me closes the whole connection: every namespace hears `io server disconnect`.
    const manager = new Manager(base, { transports, upgrade, reconnection: false, timeout: 20000 });
    const main = await connect(manager.socket('/'));
    const custom = await connect(manager.socket('/custom'));
    const serverIds = [main.id, custom.id];
    const mainReason = next(main, 'disconnect');
    const customReason = next(custom, 'disconnect');
    main.emit('disconnect-me');
    const serverDisconnect = [(await mainReason)[0], (await customReason)[0]];

    // The client leaves its namespace; its connection closes after the DISCONNECT went out.
    const leaving = await connect(io(base, options()));
    const leavingId = leaving.id;
    const engineClosed = new Promise((resolve) => leaving.io.engine.once('close', () => resolve()));
    const leavingReason = next(leaving, 'disconnect');
    leaving.disconnect();
    const clientDisconnect = (await leavingReason)[0];
    await engineClosed;

    // The client closes the Engine.IO connection underneath.
    const closing = await connect(io(base, options()));
    const closingId = closing.id;
    const closingReason = next(closing, 'disconnect');
    await closeAndWait(closing.io.engine);
    const transportClose = (await closingReason)[0];

    return { serverIds, serverDisconnect, leavingId, clientDisconnect, closingId, transportClose };
  },

  async reconnect() {
    const socket = io(base, options({ reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300, randomizationFactor: 0 }));
    await connect(socket);
    const firstId = socket.id;
    const before = await socket.emitWithAck('message-with-ack', 'before');
    const disconnected = next(socket, 'disconnect');
    const reconnected = next(socket, 'connect');
    // The test restarts the server once it hears this (an event the app ignores).
    socket.emit('ready');
    const [reason] = await disconnected;
    await reconnected;
    await settled(socket);
    const after = await socket.emitWithAck('message-with-ack', 'after');
    const result = { transport: socket.io.engine.transport.name, firstId, secondId: socket.id, reason, before, after, recovered: socket.recovered };
    socket.disconnect();
    return result;
  },

  async many() {
    const count = Number(extra);
    const clients = await Promise.all(Array.from({ length: count }, () => connect(io(base, options()), (s) => {
      s.counts = { room: 0, broadcast: 0, other: 0 };
      s.fenced = new Promise((resolve) => { s.onFence = resolve; });
      s.on('room-message', (m) => { if (m === 'hello') s.counts.room++; else s.counts.other++; });
      s.on('broadcast', (m) => {
        if (m === 'b') s.counts.broadcast++;
        else if (m === 'fence') s.onFence();
        else s.counts.other++;
      });
    })));
    await Promise.all(clients.map((s) => new Promise((resolve) => s.emit('join', 'all', resolve))));

    const [sender, ...others] = clients;
    sender.emit('to-room', 'all', 'hello');
    sender.emit('broadcast', 'b');
    sender.emit('broadcast', 'fence');
    await Promise.all(others.map((s) => s.fenced));
    await roundTrip(sender);
    const result = {
      transport: sender.io.engine.transport.name,
      connected: clients.length,
      distinctIds: new Set(clients.map((s) => s.id)).size,
      distinctEngines: new Set(clients.map((s) => s.io.engine.id)).size,
      sender: sender.counts,
      others: others.map((s) => s.counts),
    };
    clients.forEach((s) => s.disconnect());
    return result;
  },
};

const run = scenarios[scenario];
if (!run) finish({ error: `unknown scenario ${scenario}` }, 1);
run().then((result) => finish(result), (err) => finish({ error: String(err && err.stack || err), trace }, 1));
