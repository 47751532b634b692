import { Ros, Topic } from 'roslib';
import { allFinite } from '../messages/command-messages.js';
import { PublishAllowList } from '../envelope/publish-allow-list.js';
import { wsTransportFactory } from './ws-transport.js';

export interface LinkSubscription {
  /** The profile's name for the topic (scan, odom, ...). */
  key: string;
  name: string;
  type: string;
}

export interface RosLinkOptions {
  url: string;
  token?: string;
  subscriptions: LinkSubscription[];
  /** The allow-list: the only topics this link will ever publish to. */
  publications: Array<{ name: string; type: string }>;
  /** Seconds since some fixed origin; the link stamps arrivals with it. */
  clock: () => number;
  reconnectMinSec?: number;
  reconnectMaxSec?: number;
  handshakeTimeoutSec?: number;
}

export interface RosLinkHandlers {
  message(key: string, msg: unknown, arrivalSec: number): void;
  up(): void;
  down(reason: string): void;
  /** A problem on the link: malformed frame, error status from rosbridge, transport error. */
  problem(text: string): void;
}

/** A message with a NaN or infinite number; JSON would have sent it as null. */
export class NonFiniteMessageError extends Error {
  constructor(topic: string) {
    super(`refusing to publish on ${topic}: the message holds a non-finite number`);
    this.name = 'NonFiniteMessageError';
  }
}

/**
 * The rosbridge connection, over roslib. Each connection gets a fresh roslib `Ros` that is
 * thrown away when the link drops: roslib queues anything sent while disconnected and sends
 * it on reconnect, and a stale velocity command must never reach a robot that way.
 */
export class RosLink {
  private ros: Ros | undefined;
  private publishers = new Map<string, Topic>();
  private connected = false;
  private closed = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  readonly allowList: PublishAllowList;

  constructor(
    private readonly options: RosLinkOptions,
    private readonly handlers: RosLinkHandlers,
  ) {
    this.allowList = new PublishAllowList(options.publications);
  }

  get isUp(): boolean {
    return this.connected;
  }

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const ros = new Ros({ transportFactory: wsTransportFactory(this.options.token, this.options.handshakeTimeoutSec ?? 2) });
    this.ros = ros;
    ros.on('connection', () => {
      if (this.ros !== ros || this.closed) return;
      this.attempt = 0;
      this.connected = true;
      this.setUp(ros);
      this.handlers.up();
    });
    ros.on('close', () => this.lost(ros, 'connection closed'));
    ros.on('error', (event: unknown) => {
      if (this.ros !== ros) return;
      const text = event instanceof Error ? event.message : (event as { message?: string })?.message ?? 'transport error';
      this.handlers.problem(`link: ${text}`);
    });
    // Error statuses from rosbridge (a refused publish, an unknown topic) are problems to record.
    ros.on('status', (msg: unknown) => {
      const m = msg as { level?: string; msg?: string };
      if (m.level === 'error' || m.level === 'warning') this.handlers.problem(`rosbridge ${m.level}: ${m.msg ?? ''}`);
    });
    ros.connect(this.options.url).catch((err: unknown) => this.lost(ros, (err as Error).message));
  }

  private setUp(ros: Ros): void {
    for (const sub of this.options.subscriptions) {
      const topic = new Topic({ ros, name: sub.name, messageType: sub.type, queue_length: 1, reconnect_on_close: false });
      topic.subscribe((msg) => {
        if (this.ros === ros && this.connected) this.handlers.message(sub.key, msg, this.options.clock());
      });
    }
    this.publishers = new Map();
    for (const pub of this.options.publications) {
      const topic = new Topic({ ros, name: pub.name, messageType: pub.type, queue_size: 1, reconnect_on_close: false });
      topic.advertise();
      this.publishers.set(pub.name, topic);
    }
  }

  private lost(ros: Ros, reason: string): void {
    if (this.ros !== ros) return;
    const wasUp = this.connected;
    this.connected = false;
    this.publishers = new Map();
    this.ros = undefined;
    // Everything the old connection might still hold is dropped with it.
    ros.removeAllListeners();
    ros.close();
    if (wasUp) this.handlers.down(reason);
    if (this.closed) return;
    const min = this.options.reconnectMinSec ?? 0.2;
    const max = this.options.reconnectMaxSec ?? 2;
    const delaySec = Math.min(max, min * 2 ** this.attempt++);
    this.retry = setTimeout(() => this.connect(), delaySec * 1000);
  }

  /**
   * Publishes now or not at all: returns false when the link is down (nothing is queued).
   * Throws for a topic off the allow-list or a message with a non-finite number.
   */
  publish(topic: string, type: string, msg: object): boolean {
    this.allowList.check(topic, type);
    if (!allFinite(msg)) throw new NonFiniteMessageError(topic);
    const publisher = this.publishers.get(topic);
    if (!this.connected || !this.ros?.isConnected || !publisher) return false;
    publisher.publish(msg);
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const ros = this.ros;
    this.ros = undefined;
    this.connected = false;
    if (ros) {
      for (const topic of this.publishers.values()) topic.unadvertise();
      ros.removeAllListeners();
      ros.close();
    }
    this.publishers = new Map();
  }
}
