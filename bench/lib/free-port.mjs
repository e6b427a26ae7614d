import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now; other engineers' tests share this machine. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
