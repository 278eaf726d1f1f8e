// Worker entry: keeps enterprises' meter readings and judges them off the main thread. Messages
// in: enterprises (starts over), readings to add, a URL of readings to fetch and add, requests
// for anomalies or one enterprise's series; out: { id, result } or { id, error }.

import { PowerSession } from './power-session.js';
import type { PowerWorkerMessage, PowerWorkerReply } from './power-protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<PowerWorkerMessage>) => void) | null;
  postMessage(message: PowerWorkerReply): void;
}

const scope = globalThis as unknown as WorkerScope;
const session = new PowerSession();

scope.onmessage = (event) => {
  const message = event.data;
  const id = 'id' in message ? message.id : 0;
  session.handle(message).then(
    (result) => {
      if (result) scope.postMessage({ id, result });
    },
    (error: unknown) =>
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
