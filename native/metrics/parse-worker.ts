/**
 * The parse worker: splits and parses a run's metric bytes off the host
 * thread (JSON parsing costs about as much as the SQLite insert of a point,
 * so the two run in parallel). Bundled as dist/metrics-worker.cjs; see
 * parse-channel.ts for the protocol.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkParser, type ChunkParserState, type ColumnBatch } from './chunk-parser';

export type ToWorker =
  | { t: 'bytes'; buf: Uint8Array; now: number }
  | { t: 'prom'; text: string; at: number; prefix: string }
  | { t: 'end'; now: number };

export type FromWorker = { t: 'batch'; batch: ColumnBatch; bytes: number; end: boolean };

if (parentPort) {
  const port = parentPort;
  const parser = new ChunkParser(workerData as ChunkParserState);
  const send = (batch: ColumnBatch, bytes: number, end: boolean) => {
    const msg: FromWorker = { t: 'batch', batch, bytes, end };
    port.postMessage(msg, [batch.idx.buffer, batch.time.buffer, batch.value.buffer] as ArrayBuffer[]);
  };
  port.on('message', (m: ToWorker) => {
    if (m.t === 'bytes') send(parser.push(Buffer.from(m.buf.buffer, m.buf.byteOffset, m.buf.byteLength), m.now), m.buf.byteLength, false);
    else if (m.t === 'prom') send(parser.pushPrometheus(m.text, m.at, m.prefix), 0, false);
    else send(parser.end(m.now), 0, true);
  });
}
