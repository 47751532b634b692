// One client of the rehearsal rosbridge server: what it advertised and subscribed to, its
// publishers' queues, all bounded and all dropped when it leaves.

export type Json = Record<string, unknown>;

/** Bounds on what one client can make the server hold. */
export const LIMITS = {
  /** Characters in one incoming message (a JSON text). */
  messageChars: 8_000_000,
  /** Characters in a topic or service name. */
  nameChars: 256,
  /** Topics one client may advertise, and topics it may subscribe to. */
  topicsPerClient: 64,
  /** Subscription ids per topic and client. */
  idsPerTopic: 64,
  /** Messages a ROS 1 publisher keeps for a subscriber that has not connected yet (rosbridge's queue_size default). */
  burstMessages: 100,
} as const;

/** rosbridge (ROS 1) keeps a new publisher's messages this long for subscribers still connecting. */
const BURST_WINDOW_MS = 1000;

interface Publisher {
  type: string;
  openedAtMs: number;
  connected: boolean;
  timer: NodeJS.Timeout | undefined;
  buffer: Json[];
}

export class ClientState {
  readonly advertised = new Map<string, Publisher>();
  readonly subscriptions = new Map<string, { type: string; ids: Set<string> }>();
  onDeliver: (topic: string, type: string, msg: Json) => void = () => {};
  private held: { topic: string; type: string; msg: Json } | undefined;
  private heldTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    private readonly sendRaw: (text: string) => void,
    private readonly queueSec: number,
    private readonly connectSec: number,
  ) {}

  send(json: Json): void {
    this.sendText(JSON.stringify(json));
  }

  sendText(text: string): void {
    try {
      this.sendRaw(text);
    } catch {
      // A socket that cannot take a message is closing; its close handler releases the client.
    }
  }

  advertise(topic: string, type: string): string | undefined {
    if (this.advertised.has(topic)) return undefined;
    if (this.advertised.size >= LIMITS.topicsPerClient) return `a client may advertise at most ${LIMITS.topicsPerClient} topics`;
    const pub: Publisher = { type, openedAtMs: performance.now(), connected: this.connectSec <= 0, timer: undefined, buffer: [] };
    if (!pub.connected) {
      pub.timer = setTimeout(() => {
        pub.timer = undefined;
        pub.connected = true;
        // The robot's subscriber has connected: what was kept for it arrives at once, in a burst.
        for (const msg of pub.buffer.splice(0)) this.onDeliver(topic, type, msg);
      }, this.connectSec * 1000);
    }
    this.advertised.set(topic, pub);
    return undefined;
  }

  unadvertise(topic: string): boolean {
    const pub = this.advertised.get(topic);
    if (!pub) return false;
    if (pub.timer) clearTimeout(pub.timer);
    // The publisher is torn down with whatever was still waiting in its queue.
    if (this.held?.topic === topic) this.dropHeld();
    this.advertised.delete(topic);
    return true;
  }

  subscribe(topic: string, type: string, id: string): string | undefined {
    const sub = this.subscriptions.get(topic);
    if (!sub && this.subscriptions.size >= LIMITS.topicsPerClient) return `a client may subscribe to at most ${LIMITS.topicsPerClient} topics`;
    if (sub && !sub.ids.has(id) && sub.ids.size >= LIMITS.idsPerTopic) return `at most ${LIMITS.idsPerTopic} subscriptions to one topic`;
    const entry = sub ?? { type, ids: new Set<string>() };
    entry.ids.add(id);
    this.subscriptions.set(topic, entry);
    return undefined;
  }

  unsubscribe(topic: string, id: string | undefined): void {
    const sub = this.subscriptions.get(topic);
    if (!sub) return;
    if (id !== undefined) sub.ids.delete(id);
    if (id === undefined || sub.ids.size === 0) this.subscriptions.delete(topic);
  }

  /** A message from this client: through its publisher's queue (ROS 1) or straight on. */
  publish(topic: string, type: string, msg: Json): void {
    if (this.queueSec <= 0) return this.toPublisher(topic, type, msg);
    this.flushHeld();
    this.held = { topic, type, msg };
    this.heldTimer = setTimeout(() => this.flushHeld(), this.queueSec * 1000);
  }

  /** The client left: everything it held is released; returns how many of its messages were never delivered. */
  release(): number {
    let lost = this.held ? 1 : 0;
    this.dropHeld();
    for (const pub of this.advertised.values()) {
      if (pub.timer) clearTimeout(pub.timer);
      lost += pub.buffer.length;
    }
    this.advertised.clear();
    this.subscriptions.clear();
    return lost;
  }

  private dropHeld(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = undefined;
    this.held = undefined;
  }

  private flushHeld(): void {
    const held = this.held;
    this.dropHeld();
    if (held) this.toPublisher(held.topic, held.type, held.msg);
  }

  private toPublisher(topic: string, type: string, msg: Json): void {
    const pub = this.advertised.get(topic);
    if (!pub) return;
    if (pub.connected) return this.onDeliver(topic, type, msg);
    // Before the robot's subscriber connects, ROS 1 rosbridge keeps the first second's messages for it.
    if (performance.now() - pub.openedAtMs <= BURST_WINDOW_MS && pub.buffer.length < LIMITS.burstMessages) pub.buffer.push(msg);
  }
}
