/** The benches' synthetic 48-hour soak, value by value: no Node imports (the render bench's page uses it too). */

export const SOAK_T0 = Date.UTC(2025, 2, 1);
export const SERVICES = ['api', 'worker', 'gateway'];
/** Second at which api latency spikes to 2500 ms. */
export const SPIKE_SECOND = 31_337;

/** Value of `metric` for service number `i` at second `s`. */
export function soakValue(metric: string, i: number, s: number): number {
  switch (metric) {
    case 'http_req_duration':
      return s === SPIKE_SECOND && i === 0 ? 2500 : 40 + i * 15 + ((s * 7919 + i * 131) % 37);
    case 'http_req_failed':
      return (s + i) % 400 === 0 ? 1 : 0;
    case 'process_resident_memory_bytes':
      return 200e6 + i * 50e6 + (s % 600) * 1000;
    default:
      return 50;
  }
}
