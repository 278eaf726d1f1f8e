// Runs the embedded broker on its own: --tcp <port> --ws <port> [--journal <file>].
// Prints "ready <tcp> <ws>" when it listens.
import { parseArgs } from 'node:util';
import { startBroker } from './broker.js';

const { values } = parseArgs({
  options: {
    tcp: { type: 'string', default: '0' },
    ws: { type: 'string', default: '0' },
    journal: { type: 'string' },
  },
});
const broker = await startBroker({
  tcpPort: Number(values.tcp),
  wsPort: Number(values.ws),
  journal: values.journal,
});
console.log(`ready ${broker.tcpPort} ${broker.wsPort}`);
const stop = () => void broker.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
