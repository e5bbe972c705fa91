// Run inside a network namespace: relays TCP from <address>:<port> to Firefox's WebDriver BiDi socket on
// 127.0.0.1:<port>, so the test process outside can drive a Firefox inside. Firefox refuses a handshake whose
// Host header isn't its own loopback address (--remote-allow-hosts didn't change that in 153 ESR), so the
// first request's Host line is rewritten to it.
import net from 'node:net';

const [address, portText] = process.argv.slice(2);
const port = Number(portText);
net
  .createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    let first = true;
    client.on('data', (chunk) => {
      if (first) {
        first = false;
        chunk = Buffer.from(chunk.toString('latin1').replace(/^Host: .*$/im, `Host: 127.0.0.1:${port}`), 'latin1');
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  })
  .listen(port, address, () => console.log(`relay listening on ${address}:${port}`));
