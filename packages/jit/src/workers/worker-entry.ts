import { parentPort, workerData } from 'node:worker_threads';
import { encodeError } from './error-codec.js';
import { createModuleHandler } from './module-handler.js';
import type { CallHandler, CallRequest, CreateCallHandler, WorkerInit, WorkerReply } from './worker-protocol.js';

/**
 * The script every worker of a WorkerPool runs (built as its own file, dist/worker-entry.js):
 * it builds its handler once, says 'ready', then answers calls one at a time.
 */
async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('worker-entry.js runs only as a worker thread of a WorkerPool');
  const init = workerData as WorkerInit;
  const post = (reply: WorkerReply) => port.postMessage(reply);
  let handler: CallHandler;
  try {
    const create: CreateCallHandler =
      init.handler === 'module'
        ? createModuleHandler
        : ((await import(init.handler)) as { default: CreateCallHandler }).default;
    handler = await create(init.data);
  } catch (error) {
    post({ type: 'init-error', error: encodeError(error) });
    return;
  }
  port.on('message', (request: CallRequest) => {
    let reply: WorkerReply;
    try {
      const value = handler.call(request.method, request.args, {
        interrupt: init.interrupt,
        deadline: request.deadline,
      });
      reply = { type: 'result', id: request.id, value };
    } catch (error) {
      reply = { type: 'error', id: request.id, error: encodeError(error) };
    }
    try {
      post(reply);
    } catch (error) {
      // The result could not be cloned: the caller gets that error instead of waiting forever.
      post({ type: 'error', id: request.id, error: encodeError(error) });
    }
  });
  post({ type: 'ready' });
}

void serve();
