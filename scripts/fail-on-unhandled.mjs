// Loaded into every test process (scripts/run-tests.mjs): an unhandled promise rejection, or a
// worker thread that died on one, fails the test file even when it happens after the test that
// caused it ended (Node's runner only prints a warning then). A rejection nobody handles is a
// sync worker that stopped for ever in production (issue 8, item 2).
import { Worker } from 'node:worker_threads';

process.on('unhandledRejection', (reason) => {
  console.error('unhandled promise rejection (fails this test file):', reason);
  process.exitCode = 1;
});

// A worker thread does not run --import preloads; its unhandled rejection ends it with an
// 'error' event on its Worker object in this thread.
const emit = Worker.prototype.emit;
Worker.prototype.emit = function (event, ...args) {
  if (event === 'error') {
    console.error('a worker thread died on an error (fails this test file):', args[0]);
    process.exitCode = 1;
  }
  return emit.call(this, event, ...args);
};
