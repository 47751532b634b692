import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * A WebSocket relay between the bridge and a rosbridge server that can break the link on
 * demand: stall or delay what the robot sends, drop every connection, refuse new ones,
 * rewrite or inject telemetry. Loopback only.
 */
export class FaultProxy {
  /** Stop forwarding robot → bridge traffic (the link looks alive but telemetry stops). */
  stalled = false;
  /** Extra delay on robot → bridge traffic. */
  delaySec = 0;
  /** New connections are closed at once while true. */
  refusing = false;
  /** Rewrites each robot → bridge frame (text in, text out; undefined drops it). */
  rewrite: ((text: string) => string | undefined) | undefined;
  /** Every robot → bridge frame seen, with its arrival time (for replaying old ones). */
  readonly seen: Array<{ atMs: number; text: string }> = [];
  private readonly pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly target: string,
  ) {
    wss.on('connection', (client) => this.accept(client));
  }

  static listen(target: string): Promise<FaultProxy> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      wss.once('error', reject);
      wss.once('listening', () => resolve(new FaultProxy(wss, target)));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Drops every connection now, without a closing handshake. */
  drop(): void {
    for (const p of this.pairs) {
      p.client.terminate();
      p.upstream.terminate();
    }
    this.pairs.clear();
  }

  /** Sends raw text to the bridge as if the robot had sent it. */
  inject(text: string): void {
    for (const p of this.pairs) if (p.client.readyState === WebSocket.OPEN) p.client.send(text);
  }

  close(): Promise<void> {
    this.drop();
    for (const t of this.timers) clearTimeout(t);
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(client: WebSocket): void {
    if (this.refusing) {
      client.terminate();
      return;
    }
    const upstream = new WebSocket(this.target);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const pending: string[] = [];
    upstream.on('open', () => {
      for (const text of pending.splice(0)) upstream.send(text);
    });
    client.on('message', (data) => {
      const text = data.toString();
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('message', (data) => {
      const text = data.toString();
      this.seen.push({ atMs: performance.now(), text });
      if (this.stalled) return;
      const out = this.rewrite ? this.rewrite(text) : text;
      if (out === undefined) return;
      const forward = (): void => {
        if (client.readyState === WebSocket.OPEN) client.send(out);
      };
      if (this.delaySec > 0) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          forward();
        }, this.delaySec * 1000);
        this.timers.add(t);
      } else forward();
    });
    const end = (): void => {
      this.pairs.delete(pair);
      client.terminate();
      upstream.terminate();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
