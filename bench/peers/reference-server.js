#!/usr/bin/env node
// The Socket.IO reference app (issue 5) on the Node socket.io 4.8 server: the peer bench/LoadGen measures our
// Host against. Serves /socket.io/ and GET /__stats on one HTTP server bound to 127.0.0.1.
//
// usage: node bench/peers/reference-server.js --port N [--host 127.0.0.1] [--ping-interval MS]
//        [--ping-timeout MS] [--ws-engine eiows]
'use strict';

const http = require('node:http');
const { Server } = require('socket.io');

function parseArgs(argv) {
  const options = { host: '127.0.0.1', port: 3000, pingInterval: 25000, pingTimeout: 20000, wsEngine: 'ws' };
  const names = { '--host': 'host', '--port': 'port', '--ping-interval': 'pingInterval', '--ping-timeout': 'pingTimeout', '--ws-engine': 'wsEngine' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) {
      throw new Error(`unknown option or missing value: ${argv[i]}`);
    }
    options[key] = argv[i + 1];
  }
  for (const key of ['port', 'pingInterval', 'pingTimeout']) {
    options[key] = Number.parseInt(options[key], 10);
    if (!Number.isInteger(options[key]) || options[key] < 0) {
      throw new Error(`--${key} must be a non-negative integer`);
    }
  }
  return options;
}

// A handler's last argument is the ack callback when the client asked for one.
function splitAck(args) {
  return typeof args[args.length - 1] === 'function'
    ? { args: args.slice(0, -1), ack: args[args.length - 1] }
    : { args, ack: null };
}

function echoHandlers(socket) {
  socket.emit('auth', socket.handshake.auth);
  socket.on('message', (...args) => socket.emit('message-back', ...args));
  socket.on('message-with-ack', (...raw) => {
    const { args, ack } = splitAck(raw);
    if (ack) ack(...args);
  });
}

function mountReferenceApp(io) {
  io.of('/').on('connection', (socket) => {
    echoHandlers(socket);
    socket.on('join', (room, ack) => {
      socket.join(room);
      if (typeof ack === 'function') ack();
    });
    socket.on('leave', (room, ack) => {
      socket.leave(room);
      if (typeof ack === 'function') ack();
    });
    socket.on('to-room', (room, ...raw) => io.to(room).emit('room-message', ...splitAck(raw).args));
    socket.on('broadcast', (...raw) => socket.broadcast.emit('broadcast', ...splitAck(raw).args));
    socket.on('ask', (...raw) => {
      socket.timeout(2000).emit('question', ...splitAck(raw).args, (err, ...reply) => {
        if (err) socket.emit('answer-timeout');
        else socket.emit('answer', ...reply);
      });
    });
    socket.on('disconnect-me', () => socket.disconnect(true));
  });

  io.of('/custom').on('connection', echoHandlers);

  const privateNamespace = io.of('/private');
  privateNamespace.use((socket, next) => {
    const auth = socket.handshake.auth;
    if (auth && auth.token === 'secret') next();
    else next(new Error('unauthorized'));
  });
  privateNamespace.on('connection', (socket) => socket.emit('auth', socket.handshake.auth));
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const httpServer = http.createServer();
  const serverOptions = { pingInterval: options.pingInterval, pingTimeout: options.pingTimeout };
  if (options.wsEngine === 'eiows') {
    serverOptions.wsEngine = require('eiows').Server;
  } else if (options.wsEngine !== 'ws') {
    throw new Error('--ws-engine must be ws or eiows');
  }
  const io = new Server(httpServer, serverOptions);
  mountReferenceApp(io);

  // socket.io answers /socket.io/ itself and hands every other request to the listeners below.
  httpServer.on('request', (req, res) => {
    if (req.url === '/__stats') {
      const memory = process.memoryUsage();
      // Node has no counter of bytes allocated, so allocatedBytes is null (the generator prints n/a).
      const body = JSON.stringify({
        allocatedBytes: null,
        rssBytes: memory.rss,
        workingSet: memory.rss,
        heapUsedBytes: memory.heapUsed,
        activeConnections: io.engine.clientsCount,
      });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } else if (!res.headersSent && !req.url.startsWith('/socket.io/')) {
      res.writeHead(404);
      res.end();
    }
  });

  httpServer.listen(options.port, options.host, () => {
    const { port } = httpServer.address();
    console.log(`reference-server: socket.io ${require('socket.io/package.json').version} (${options.wsEngine}) on http://${options.host}:${port}/socket.io/ pid ${process.pid}`);
  });

  const stop = () => {
    io.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
