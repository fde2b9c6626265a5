/**
 * Where a run's metric bytes are parsed: in a worker thread when one can be
 * started (the bundled dist/metrics-worker.cjs, or parse-worker.ts through
 * tsx in development), else in this thread. Batches come back in order.
 *
 * The worker starts with the first bytes, so gates that write no metrics
 * cost nothing. If it fails, parsing falls back to this thread and resumes
 * at the last complete line the worker reported (`onRewind`): nothing is
 * counted twice, and lines in flight are read again from the file.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ChunkParser, type ChunkParserState, type ColumnBatch } from './chunk-parser';
import type { FromWorker, ToWorker } from './parse-worker';

export interface WorkerSpec {
  file: string;
}

/** The parse worker next to this code (bundle or source), or null. `COCKPIT_METRICS_WORKER=off` disables it. */
export function findParseWorker(): WorkerSpec | null {
  if (process.env.COCKPIT_METRICS_WORKER === 'off' || typeof __dirname !== 'string') return null;
  for (const file of [join(__dirname, 'metrics-worker.cjs'), join(dirname(__dirname), 'metrics-worker.cjs'), join(__dirname, 'parse-worker.ts')]) {
    if (existsSync(file)) return { file };
  }
  return null;
}

function startWorker(spec: WorkerSpec, state: ChunkParserState): Worker {
  if (!spec.file.endsWith('.ts')) return new Worker(spec.file, { workerData: state });
  const href = pathToFileURL(spec.file).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(href)}, ${JSON.stringify(href)}))`;
  return new Worker(boot, { eval: true, workerData: state });
}

export interface ParseChannelOptions {
  worker: WorkerSpec | null;
  state: ChunkParserState;
  onBatch(batch: ColumnBatch): void;
  /** The worker failed: parsing continues here from `offset` (re-read the file from there). */
  onRewind(offset: number, reason: string): void;
  now?: () => number;
}

export class ParseChannel {
  /** Bytes handed over and not parsed yet. */
  pendingBytes = 0;
  private local: ChunkParser | null = null;
  private worker: Worker | null = null;
  private committed: number;
  private nextLineNo: number;
  private ending: ((v: void) => void) | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: ParseChannelOptions) {
    this.committed = opts.state.offset ?? 0;
    this.nextLineNo = opts.state.firstLineNo ?? 1;
    this.now = opts.now ?? Date.now;
    if (!opts.worker) this.local = new ChunkParser(opts.state);
  }

  push(chunk: Buffer): void {
    if (this.local) return this.deliver(this.local.push(chunk, this.now()));
    const buf = new Uint8Array(chunk); // a copy: the tailer reuses its buffer
    this.pendingBytes += buf.byteLength;
    this.post({ t: 'bytes', buf, now: this.now() }, [buf.buffer as ArrayBuffer]);
  }

  pushPrometheus(text: string, at: number, prefix: string): void {
    if (this.local || !this.worker) return this.deliver(this.parser().pushPrometheus(text, at, prefix));
    this.post({ t: 'prom', text, at, prefix });
  }

  /** Flushes a last line without a newline; resolves once every batch was delivered. */
  async end(): Promise<void> {
    if (this.local || !this.worker) {
      this.deliver(this.parser().end(this.now()));
      return;
    }
    await new Promise<void>((resolve) => {
      this.ending = resolve;
      this.post({ t: 'end', now: this.now() });
    });
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private parser(): ChunkParser {
    this.local ??= new ChunkParser({ ...this.opts.state, offset: this.committed, firstLineNo: this.nextLineNo });
    return this.local;
  }

  private post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.worker) this.worker = this.spawn();
    this.worker.postMessage(msg, transfer);
  }

  private spawn(): Worker {
    const w = startWorker(this.opts.worker!, this.opts.state);
    w.unref();
    w.on('message', (m: FromWorker) => {
      this.pendingBytes -= m.bytes;
      this.deliver(m.batch);
      if (m.end) this.ending?.();
    });
    const fail = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      void w.terminate();
      this.pendingBytes = 0;
      this.parser(); // parse here from now on, from the last complete line
      this.opts.onRewind(this.committed, why);
      if (this.ending) this.deliver(this.parser().end(this.now()));
      this.ending?.();
    };
    w.on('error', (err) => fail(`metrics parse worker failed: ${err.message}`));
    w.on('exit', (code) => fail(`metrics parse worker exited with code ${code}`));
    return w;
  }

  private deliver(batch: ColumnBatch): void {
    this.committed = batch.committed;
    this.nextLineNo = batch.nextLineNo;
    this.opts.onBatch(batch);
  }
}
