// Drives one scenario of the npm `ws` client against our server and prints one JSON line with what it saw.
// Usage: node ws-client.mjs <ws-url> <scenario>
// Scenarios: text, binary, fragments, ping, close, server-close, big, burst.
import WebSocket from 'ws';

const [url, scenario] = process.argv.slice(2);
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

const ws = new WebSocket(url);
const received = [];
let onMessage = () => {};
ws.on('message', (data, isBinary) => {
  received.push({ data, isBinary });
  onMessage();
});
ws.on('error', (err) => finish({ error: String(err) }, 1));

// Resolves once `count` messages arrived.
function messages(count) {
  return new Promise((resolve) => {
    onMessage = () => { if (received.length >= count) resolve(received.splice(0, count)); };
    onMessage();
  });
}

const closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
await new Promise((resolve) => ws.once('open', resolve));

switch (scenario) {
  case 'text': {
    ws.send('héllo wörld ✓');
    const [m] = await messages(1);
    ws.close(1000);
    finish({ isBinary: m.isBinary, text: m.data.toString('utf8'), close: await closed });
    break;
  }
  case 'binary': {
    const sent = Buffer.from([0, 1, 2, 127, 128, 254, 255]);
    ws.send(sent);
    const [m] = await messages(1);
    ws.close(1000);
    finish({ isBinary: m.isBinary, hex: m.data.toString('hex'), close: await closed });
    break;
  }
  case 'fragments': {
    // A text message in three frames with a code point split across frames, then a binary one in two.
    const check = Buffer.from('✓');
    ws.send('frag', { fin: false });
    ws.send(Buffer.concat([Buffer.from('ment '), check.subarray(0, 1)]), { binary: false, fin: false });
    ws.send(check.subarray(1), { binary: false, fin: true });
    ws.send(Buffer.from([1, 2]), { binary: true, fin: false });
    ws.send(Buffer.from([3]), { binary: true, fin: true });
    const [t, b] = await messages(2);
    ws.close(1000);
    finish({
      text: t.data.toString('utf8'), textIsBinary: t.isBinary,
      binary: b.data.toString('hex'), binaryIsBinary: b.isBinary, close: await closed,
    });
    break;
  }
  case 'ping': {
    const pong = new Promise((resolve) => ws.once('pong', (data) => resolve(data.toString())));
    ws.ping('ping-payload');
    const pongPayload = await pong;
    ws.pong('unsolicited'); // must be ignored
    ws.send('after');
    const [m] = await messages(1);
    ws.close(1000);
    finish({ pong: pongPayload, after: m.data.toString(), close: await closed });
    break;
  }
  case 'close': {
    ws.close(4000, 'bye');
    finish({ close: await closed });
    break;
  }
  case 'server-close': {
    ws.send('close:4001');
    finish({ close: await closed });
    break;
  }
  case 'big': {
    const size = 1024 * 1024;
    const bytes = pattern(size);
    const text = 'abcdefghijklmnopqrstuvwxyz012345'.repeat(size / 32);
    ws.send(bytes);
    ws.send(text);
    const [b, t] = await messages(2);
    ws.close(1000);
    finish({
      binaryLength: b.data.length, binaryEqual: b.isBinary && b.data.equals(bytes),
      textLength: t.data.length, textEqual: !t.isBinary && t.data.toString() === text, close: await closed,
    });
    break;
  }
  case 'burst': {
    const count = 1000;
    for (let i = 0; i < count; i++) ws.send(i % 2 === 0 ? `m${i}` : Buffer.from(`b${i}`));
    const all = await messages(count);
    let inOrder = true;
    all.forEach((m, i) => {
      const expected = i % 2 === 0 ? `m${i}` : `b${i}`;
      if (m.data.toString() !== expected || m.isBinary !== (i % 2 === 1)) inOrder = false;
    });
    ws.close(1000);
    finish({ count: all.length, inOrder, close: await closed });
    break;
  }
  default:
    finish({ error: `unknown scenario ${scenario}` }, 1);
}
