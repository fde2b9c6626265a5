/**
 * Scrapes a Prometheus text endpoint every `everyMs` while a gate runs.
 * Each scrape has a bounded time (the smaller of the interval and 10 s) and
 * a bounded body (16 MiB). A failed scrape is counted and reported; it never
 * stops the run, and the next one is tried on schedule. Scrapes never
 * overlap: a slow endpoint delays the next one instead of piling up.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ScrapeEvents {
  onBody(text: string, scrapeTime: number): void;
  onFailure(message: string, failures: number): void;
}

const MAX_BODY = 16 * 1024 * 1024;

export class Scraper {
  scrapes = 0;
  failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private stopped = false;

  constructor(
    readonly url: string,
    readonly everyMs: number,
    private readonly events: ScrapeEvents,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Stops scheduling, cancels a scrape in flight and waits for it to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.inflight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = this.now();
      this.inflight = this.scrapeOnce().finally(() => {
        this.inflight = null;
        this.schedule(Math.max(0, this.everyMs - (this.now() - started)));
      });
    }, ms);
  }

  private async scrapeOnce(): Promise<void> {
    const timeoutMs = Math.min(this.everyMs, 10_000);
    const scrapeTime = this.now();
    try {
      const text = await get(this.url, timeoutMs, this.abort.signal);
      this.scrapes++;
      this.events.onBody(text, scrapeTime);
    } catch (err) {
      if (this.stopped) return;
      this.failures++;
      const e = err as NodeJS.ErrnoException;
      const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.code ? `${e.code} (${e.message})` : e.message;
      this.events.onFailure(`scrape of ${this.url} failed: ${why}`, this.failures);
    }
  }
}

/**
 * One GET with node:http(s) (not fetch: fetch refuses "bad ports" such as
 * 6000 or 6667, and exporters may listen anywhere). Rejects on a non-2xx
 * status, a body over MAX_BODY, or no complete answer within `timeoutMs`.
 */
function get(url: string, timeoutMs: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = client(url, { headers: { accept: 'text/plain;version=0.0.4' }, signal });
    const timer = setTimeout(() => {
      const e = new Error('timeout');
      e.name = 'TimeoutError';
      req.destroy(e);
    }, timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        req.destroy();
        return fail(new Error(`HTTP ${status}`));
      }
      const parts: Buffer[] = [];
      let total = 0;
      res.on('data', (b: Buffer) => {
        total += b.length;
        if (total > MAX_BODY) req.destroy(new Error(`body larger than ${MAX_BODY} bytes`));
        else parts.push(b);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(parts).toString('utf8'));
      });
    });
    req.end();
  });
}
