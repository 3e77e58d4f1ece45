// Worker body of the facade test: loads the addon in this thread (it is context-aware: one instance
// per thread) and dealiases the sweep it was given, posting the folds back.
import { parentPort, workerData } from 'node:worker_threads';

const addon = { exports: {} };
process.dlopen(addon, workerData.addonPath);
const cells = workerData.rays * workerData.gates;
const output = { corrected: new Float32Array(cells), folds: new Int8Array(cells), regions: new Int32Array(cells) };
const input = {
  velocity: workerData.velocity,
  rays: workerData.rays,
  gates: workerData.gates,
  nyquist: workerData.nyquist,
};
addon.exports.dealiasSweep(input, workerData.params, 'fused', output);
parentPort.postMessage(output.folds);
