// Drives one scenario of the npm engine.io-client against our Engine.IO echo server and prints one JSON line
// with what it saw.
// Usage: node eio-client.mjs <http-base-url> <scenario> <transports>
//   transports: polling | websocket | polling,websocket (the last one upgrades)
// Scenarios: text, binary, big, burst, upgrade, stop-pong, server-close.
import { Socket } from 'engine.io-client';

const [base, scenario, transportList = 'polling,websocket'] = process.argv.slice(2);
const transports = transportList.split(',');
const watchdog = setTimeout(() => finish({ error: `timeout in scenario ${scenario}` }, 1), 25000);

function finish(result, code = 0) {
  clearTimeout(watchdog);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(code);
}

// A deterministic byte pattern, so both sides can compare without sending the expected value.
function pattern(length) {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

const asBuffer = (data) => (typeof data === 'string' ? null : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data));

const socket = new Socket(base, { transports, upgrade: transports.length > 1 });
const received = [];
let onMessage = () => {};
socket.on('message', (data) => {
  received.push(data);
  onMessage();
});
socket.on('error', (err) => finish({ error: String(err) }, 1));

// Resolves after `count` more messages.
function nextMessages(count) {
  const target = received.length + count;
  return new Promise((resolve) => {
    onMessage = () => {
      if (received.length >= target) resolve(received.slice(target - count, target));
    };
  });
}

// Resolves once the socket runs on its final transport: at once without an upgrade, on 'upgrade' otherwise.
const upgraded = new Promise((resolve) => socket.once('upgrade', () => resolve()));
function settled() {
  return transports.length === 1 ? Promise.resolve() : upgraded;
}

const closed = new Promise((resolve) => socket.on('close', (reason, description) => resolve(reason)));

socket.on('open', async () => {
  const sid = socket.id;
  const opened = socket.transport.name;
  switch (scenario) {
    case 'text': {
      await settled();
      const got = nextMessages(2);
      socket.send('hello');
      socket.send('héllo € 😀');
      const texts = await got;
      finish({ sid, opened, transport: socket.transport.name, texts });
      break;
    }
    case 'binary': {
      await settled();
      const got = nextMessages(1);
      socket.send(pattern(256));
      const [data] = await got;
      const bytes = asBuffer(data);
      finish({ sid, opened, transport: socket.transport.name, isBinary: bytes !== null, equal: bytes !== null && bytes.equals(pattern(256)) });
      break;
    }
    case 'big': {
      await settled();
      const size = 1024 * 1024;
      const text = 'x'.repeat(size - 1) + 'y';
      const got = nextMessages(2);
      socket.send(text);
      socket.send(pattern(size));
      const [echoText, echoBinary] = await got;
      const bytes = asBuffer(echoBinary);
      finish({
        sid, transport: socket.transport.name,
        textEqual: echoText === text,
        binaryEqual: bytes !== null && bytes.equals(pattern(size)),
      });
      break;
    }
    case 'burst': {
      await settled();
      const count = 10000;
      const got = nextMessages(count);
      for (let i = 0; i < count; i++) socket.send('m' + i);
      const all = await got;
      let inOrder = all.length === count;
      for (let i = 0; inOrder && i < count; i++) inOrder = all[i] === 'm' + i;
      finish({ sid, transport: socket.transport.name, count: all.length, inOrder });
      break;
    }
    case 'upgrade': {
      const before = nextMessages(1);
      socket.send('before upgrade');
      await before;
      await settled();
      const after = nextMessages(1);
      socket.send('after upgrade');
      const [echo] = await after;
      finish({ sid, opened, transport: socket.transport.name, echo });
      break;
    }
    case 'stop-pong': {
      // Answer no ping: drop every pong the client would send; wait to be dropped.
      const send = socket._sendPacket.bind(socket);
      socket._sendPacket = (type, ...rest) => (type === 'pong' ? undefined : send(type, ...rest));
      const reason = await closed;
      finish({ sid, transport: socket.transport?.name ?? opened, reason });
      break;
    }
    case 'server-close': {
      await settled();
      socket.send('close-me');
      const reason = await closed;
      finish({ sid, transport: opened === 'polling' && transports.length > 1 ? 'websocket' : opened, reason });
      break;
    }
    default:
      finish({ error: `unknown scenario ${scenario}` }, 1);
  }
});
