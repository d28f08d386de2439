/**
 * The core's Web Worker: the task pane posts a command with its grids and
 * settings, the worker runs the pure core and posts the result back, so the
 * pane keeps painting (its progress bar moves) however long the check takes.
 */
import '../../app/zodConfig';
import { coreApi } from '../../app/coreApi';
import { answerCoreRequest } from '../../app/coreProtocol';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) => {
  const answer = answerCoreRequest(coreApi, event.data);
  if (answer) scope.postMessage(answer);
});
