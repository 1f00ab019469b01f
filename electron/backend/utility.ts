// Entry of the Electron utility process that runs the services (see service-host.ts), started by
// electron/main.ts with `utilityProcess.fork`. The Electron runtime is not available where the
// tests run, so the Electron branch below is untested here; the same built file is tested as a
// forked Node child (test/integration/service-host.test.ts), which is what the second branch is for.
import type { FromServices, PortLike, ToServices } from './protocol';
import { startServiceHost } from './service-host';

function parentPort(): PortLike<ToServices, FromServices> {
  const electronPort = (process as { parentPort?: Electron.ParentPort }).parentPort;
  if (electronPort) {
    return {
      postMessage: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToServices)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    // A child forked by Node with an IPC channel: the parent gone means the app is gone.
    process.once('disconnect', () => process.exit(0));
    return {
      postMessage: (message) => void send(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as ToServices)),
    };
  }
  throw new Error('utility.js runs as an Electron utility process (or a forked Node child).');
}

const dataDir = process.env.ANXIN_DATA_DIR;
if (!dataDir) throw new Error('ANXIN_DATA_DIR must name the data folder.');
const { closed } = startServiceHost(parentPort(), { dataDir });
void closed.then(() => process.exit(0));
