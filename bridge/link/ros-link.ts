import { Ros, Service, Topic } from 'roslib';
import { allFinite } from '../messages/command-messages.js';
import { rosTypeName, timesFromWire, timesToWire, type RosVersion } from '../messages/ros-dialect.js';
import { PublishAllowList } from '../envelope/publish-allow-list.js';
import { askRosVersion, askTopicTypes } from './rosapi-queries.js';
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
  /** The robot's ROS; undefined asks the server's rosapi on every connection. */
  ros?: RosVersion;
  reconnectMinSec?: number;
  reconnectMaxSec?: number;
  /** The first attempt's opening handshake limit; each failed attempt doubles it (up to 8×), so a loaded machine still gets through. */
  handshakeTimeoutSec?: number;
}

export interface RosLinkHandlers {
  message(key: string, msg: unknown, arrivalSec: number): void;
  /** Connected, with the robot's ROS version (as set or as detected). */
  up(ros: RosVersion): void;
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
  private version: RosVersion | undefined;
  private readonly triggers: Array<{ name: string; handler: () => { success: boolean; message: string } }> = [];
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

  /** The robot's ROS: as set in the profile, or as detected on the last connection. */
  get rosVersion(): RosVersion | undefined {
    return this.version ?? this.options.ros;
  }

  /**
   * Offers a std_srvs/Trigger service through rosbridge on this and every later connection
   * (e.g. a supervisor's "release the protective stop"); the handler answers at once.
   */
  offerTrigger(name: string, handler: () => { success: boolean; message: string }): void {
    this.triggers.push({ name, handler });
    if (this.ros && this.connected && this.version) this.advertiseTrigger(this.ros, this.version, this.triggers.at(-1)!);
  }

  private advertiseTrigger(ros: Ros, version: RosVersion, t: { name: string; handler: () => { success: boolean; message: string } }): void {
    const service = new Service<Record<string, never>, { success: boolean; message: string }>({
      ros,
      name: t.name,
      serviceType: version === 1 ? 'std_srvs/Trigger' : 'std_srvs/srv/Trigger',
    });
    service
      .advertise((_request, response) => {
        Object.assign(response, t.handler());
        return true;
      })
      .catch((err: unknown) => this.handlers.problem(`rosbridge: could not offer ${t.name}: ${(err as Error).message}`));
  }

  /** The server's topics and their types (in its own form), from rosapi; undefined when it cannot say. */
  async topicTypes(timeoutSec = 1): Promise<Map<string, string> | undefined> {
    const ros = this.ros;
    if (!ros || !this.connected) return undefined;
    return askTopicTypes(ros, timeoutSec);
  }

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.closed) return;
    const handshakeSec = (this.options.handshakeTimeoutSec ?? 2) * 2 ** Math.min(3, this.attempt);
    const ros = new Ros({ transportFactory: wsTransportFactory(this.options.token, handshakeSec) });
    this.ros = ros;
    ros.on('connection', () => {
      if (this.ros !== ros || this.closed) return;
      void this.established(ros);
    });
    ros.on('close', () => this.lost(ros, 'connection closed'));
    ros.on('error', (event: unknown) => {
      if (this.ros !== ros) return;
      const text = event instanceof Error ? event.message : ((event as { message?: string })?.message ?? 'transport error');
      this.handlers.problem(`link: ${text}`);
    });
    // Error statuses from rosbridge (a refused publish, an unknown topic) are problems to record.
    ros.on('status', (msg: unknown) => {
      const m = msg as { level?: string; msg?: string };
      if (m.level === 'error' || m.level === 'warning') this.handlers.problem(`rosbridge ${m.level}: ${m.msg ?? ''}`);
    });
    ros.connect(this.options.url).catch((err: unknown) => this.lost(ros, (err as Error).message));
  }

  /** Connected: learn the robot's ROS (unless the profile says), then subscribe and advertise in its form. */
  private async established(ros: Ros): Promise<void> {
    let version = this.options.ros;
    if (version === undefined) {
      const asked = await askRosVersion(ros, 2);
      if (this.ros !== ros || this.closed) return;
      if (asked.problem) this.handlers.problem(`rosbridge: ${asked.problem}`);
      version = asked.version;
    }
    this.version = version;
    this.attempt = 0;
    this.connected = true;
    this.setUp(ros, version);
    this.handlers.up(version);
  }

  private setUp(ros: Ros, version: RosVersion): void {
    for (const sub of this.options.subscriptions) {
      const topic = new Topic({ ros, name: sub.name, messageType: rosTypeName(sub.type, version), queue_length: 1, reconnect_on_close: false });
      topic.subscribe((msg) => {
        if (this.ros === ros && this.connected) this.handlers.message(sub.key, timesFromWire(msg, version), this.options.clock());
      });
    }
    this.publishers = new Map();
    for (const pub of this.options.publications) {
      const topic = new Topic({ ros, name: pub.name, messageType: rosTypeName(pub.type, version), queue_size: 1, reconnect_on_close: false });
      topic.advertise();
      this.publishers.set(pub.name, topic);
    }
    for (const t of this.triggers) this.advertiseTrigger(ros, version, t);
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
    if (!this.connected || !this.ros?.isConnected || !publisher || !this.version) return false;
    publisher.publish(timesToWire(msg, this.version));
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
