import { EventEmitter } from 'node:events';
import { rosTypeName, timesToWire, type RosVersion } from '../messages/ros-dialect.js';
import { clientTimes } from './client-times.js';
import { ClientState, LIMITS, type Json } from './hub-client.js';
import { ServiceRelay } from './service-relay.js';

// The rosbridge v2 protocol without the sockets: every client's state, the robot's own topics,
// and one handler for a client's text. Behaviours follow rosbridge_server of the chosen ROS:
//  - type names: ROS 1 takes only "pkg/Type" and refuses "pkg/msg/Type" (not a valid type
//    string); ROS 2 takes both;
//  - times: see client-times.ts; the robot's messages go out with its ROS's time fields;
//  - errors: both real servers only log them (rosbridge's own log); this one logs them too
//    (the 'log' event) and, for ROS 2, also answers with a status message naming the problem;
//  - ROS 1 only: a new publisher's messages reach the robot only once the robot's subscriber
//    has connected to it (`subscriberConnectSec` after the advertise); those published in the
//    first second are then delivered in a burst, later ones before it are lost. A client's
//    last message waits in the publisher's queue for `publisherQueueSec` and is lost if the
//    client leaves first.
// A client may publish only on a topic it advertised, never on one the robot publishes, and
// holds a bounded amount of state, all of it dropped when it leaves.

export interface HubOptions {
  ros?: RosVersion;
  subscriberConnectSec?: number;
  publisherQueueSec?: number;
  /** Epoch seconds, for stamps the server fills in itself. */
  epochClock?: () => number;
}

export interface InboundPublish {
  topic: string;
  type: string;
  msg: Json;
  clientId: number;
}

export interface HubSession {
  readonly id: number;
  receive(text: string): void;
  close(): void;
}

export type HubLevel = 'error' | 'warning' | 'info';

/** Events: 'publish' (InboundPublish) for a message reaching the robot's subscribers; 'log' (level, text, clientId). */
export class RosbridgeHub extends EventEmitter {
  readonly ros: RosVersion;
  /** Topics the robot publishes ('out') or subscribes to ('in'), by canonical type. */
  private readonly robotTopics = new Map<string, { type: string; direction: 'in' | 'out' }>();
  private readonly clients = new Map<number, ClientState>();
  private readonly services: ServiceRelay;
  private nextId = 1;
  private readonly epochClock: () => number;

  constructor(private readonly options: HubOptions = {}) {
    super();
    this.ros = options.ros ?? 2;
    this.epochClock = options.epochClock ?? (() => Date.now() / 1000);
    this.services = new ServiceRelay((id, json) => this.clients.get(id)?.send(json));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** A topic of the robot itself: 'out' it publishes (clients may only subscribe), 'in' it subscribes to. */
  robotTopic(topic: string, type: string, direction: 'in' | 'out'): void {
    this.robotTopics.set(topic, { type: canonical(type) ?? type, direction });
  }

  /** The robot publishes: every subscribed client gets it, times in its ROS's form. */
  publish(topic: string, msg: Json): void {
    const text = JSON.stringify({ op: 'publish', topic, msg: timesToWire(msg, this.ros) });
    for (const c of this.clients.values()) if (c.subscriptions.has(topic)) c.sendText(text);
  }

  /** Calls a service a client advertised (e.g. the bridge's release trigger). */
  callService(service: string, args: Json, timeoutSec = 2): Promise<{ result: boolean; values: unknown }> {
    return this.services.callFromServer(service, args, timeoutSec);
  }

  connect(send: (text: string) => void): HubSession {
    const client = new ClientState(this.nextId++, send, this.options.publisherQueueSec ?? (this.ros === 1 ? 0.02 : 0), this.subscriberConnectSec);
    client.onDeliver = (topic, type, msg) => this.deliver(client, topic, type, msg);
    this.clients.set(client.id, client);
    this.emit('client', this.clients.size);
    return {
      id: client.id,
      receive: (text) => this.receive(client, text),
      close: () => {
        if (!this.clients.delete(client.id)) return;
        const lost = client.release();
        if (lost > 0) this.log('warning', `client ${client.id} left with ${lost} message(s) still in its publishers' queues: not delivered`, client);
        this.services.clientLeft(client.id);
        this.emit('client', this.clients.size);
      },
    };
  }

  private log(level: HubLevel, text: string, client: ClientState, id?: unknown): void {
    this.emit('log', level, text, client.id);
    // Real rosbridge only logs; on ROS 2 this server also tells the client, by name.
    if (this.ros === 2) client.send({ op: 'status', level, msg: text, ...(typeof id === 'string' ? { id } : {}) });
  }

  private receive(client: ClientState, text: string): void {
    try {
      this.handle(client, text);
    } catch (err) {
      // No message may take the server down: whatever slipped past the checks is an error reply.
      this.log('error', `internal error handling a message: ${(err as Error).message}`, client);
    }
  }

  private typeOf(topic: string): string | undefined {
    const robot = this.robotTopics.get(topic)?.type;
    if (robot) return robot;
    for (const c of this.clients.values()) {
      const t = c.advertised.get(topic)?.type ?? c.subscriptions.get(topic)?.type;
      if (t) return t;
    }
    return undefined;
  }

  private handle(client: ClientState, text: string): void {
    if (text.length > LIMITS.messageChars) return this.log('error', `message of ${text.length} characters refused (limit ${LIMITS.messageChars})`, client);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return this.log('error', `unable to parse message: ${(err as Error).message.slice(0, 200)}`, client);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return this.log('error', 'a message must be a JSON object', client);
    const m = parsed as Json;
    const id = typeof m.id === 'string' ? m.id : undefined;
    const topic = typeof m.topic === 'string' && m.topic.length <= LIMITS.nameChars ? m.topic : undefined;
    const fail = (msg: string): void => this.log('error', `${String(m.op).slice(0, 40)}: ${msg}`, client, id);
    switch (m.op) {
      case 'advertise': {
        if (!topic || typeof m.type !== 'string') return fail('needs a topic and a type');
        const type = this.validType(m.type);
        if (!type) return fail(`${m.type.slice(0, 200)} is not a valid type string`);
        const robot = this.robotTopics.get(topic);
        if (robot?.direction === 'out') return fail(`${topic} is published by the robot; a client may not publish it`);
        const known = this.typeOf(topic);
        if (known && known !== type) return fail(`${topic} already established with type ${this.wireType(known)}, not ${m.type}`);
        const problem = client.advertise(topic, type);
        if (problem) return fail(problem);
        return;
      }
      case 'unadvertise':
        if (!topic || !client.unadvertise(topic)) return fail(`${topic ?? '(no topic)'} is not advertised by this client`);
        return;
      case 'publish': {
        if (!topic) return fail('needs a topic');
        const own = client.advertised.get(topic);
        if (!own) return fail(`cannot publish on ${topic}: this client has not advertised it`);
        if (typeof m.msg !== 'object' || m.msg === null || Array.isArray(m.msg)) return fail(`${topic}: msg must be an object`);
        client.publish(topic, own.type, clientTimes(m.msg as Json, this.ros, this.epochClock()));
        return;
      }
      case 'subscribe': {
        if (!topic) return fail('needs a topic');
        const known = this.typeOf(topic);
        let type = known;
        if (typeof m.type === 'string') {
          const asked = this.validType(m.type);
          if (!asked) return fail(`${m.type.slice(0, 200)} is not a valid type string`);
          if (known && asked !== known) return fail(`${topic} has type ${this.wireType(known)}, not ${m.type}`);
          type = asked;
        }
        if (!type) return fail(`cannot infer the type of ${topic}`);
        const problem = client.subscribe(topic, type, id ?? '');
        if (problem) return fail(problem);
        return;
      }
      case 'unsubscribe':
        if (topic) client.unsubscribe(topic, id);
        return;
      case 'call_service':
        return this.callService_(client, m, id, fail);
      case 'advertise_service': {
        if (typeof m.service !== 'string' || typeof m.type !== 'string' || m.service.length > LIMITS.nameChars) return fail('needs a service and a type');
        const problem = this.services.advertise(client.id, m.service, m.type);
        if (problem) return fail(problem);
        return;
      }
      case 'unadvertise_service':
        if (typeof m.service === 'string') this.services.unadvertise(client.id, m.service);
        return;
      case 'service_response':
        if (!this.services.response(client.id, m)) return fail('no such call is waiting for an answer from this client');
        return;
      case 'set_level':
        return;
      case 'auth':
        return fail(this.ros === 1 ? 'this server runs without rosauth' : 'rosbridge on ROS 2 has no authentication');
      default:
        return fail(
          `unknown op; known: advertise, unadvertise, publish, subscribe, unsubscribe, call_service, advertise_service, unadvertise_service, service_response`,
        );
    }
  }

  private callService_(client: ClientState, m: Json, id: string | undefined, fail: (msg: string) => void): void {
    if (typeof m.service !== 'string' || m.service.length > LIMITS.nameChars) return fail('needs a service name');
    const args = typeof m.args === 'object' && m.args !== null && !Array.isArray(m.args) ? (m.args as Json) : {};
    const reply = (result: boolean, values: unknown): void =>
      client.send({ op: 'service_response', service: m.service, result, values, ...(id !== undefined ? { id } : {}) });
    const service = m.service.replace(/^\//, '');
    if (service === 'rosapi/topics') {
      const all = new Map<string, string>();
      for (const [name, t] of this.robotTopics) all.set(name, t.type);
      for (const c of this.clients.values()) for (const [name, a] of c.advertised) if (!all.has(name)) all.set(name, a.type);
      return reply(true, { topics: [...all.keys()], types: [...all.values()].map((t) => this.wireType(t)) });
    }
    if (service === 'rosapi/topic_type') {
      if (typeof args.topic !== 'string') return reply(false, 'args.topic must be a string (the topic name)');
      const t = this.typeOf(args.topic);
      return reply(true, { type: t ? this.wireType(t) : '' });
    }
    // rosapi on ROS 2 reports its version; ROS 1's rosapi has no such service.
    if (service === 'rosapi/get_ros_version' && this.ros === 2) return reply(true, { version: 2, distro: 'humble' });
    if (this.services.relay(client.id, m.service, args, reply)) return;
    reply(false, `service ${m.service.slice(0, 200)} does not exist`);
  }

  /** A client's type name as the server reads it (canonical); undefined when this ROS refuses it. */
  private validType(type: string): string | undefined {
    const parts = type.split('/').filter((p) => p !== '');
    if (this.ros === 1) return parts.length === 2 ? canonical(type) : undefined;
    return parts.length === 2 || parts.length === 3 ? canonical(type) : undefined;
  }

  private wireType(type: string): string {
    return rosTypeName(type, this.ros);
  }

  /** A client's message reaches the robot and every other subscribed client. */
  private deliver(from: ClientState, topic: string, type: string, msg: Json): void {
    this.emit('publish', { topic, type, msg, clientId: from.id } satisfies InboundPublish);
    const text = JSON.stringify({ op: 'publish', topic, msg: timesToWire(msg, this.ros) });
    for (const c of this.clients.values()) if (c !== from && c.subscriptions.has(topic)) c.sendText(text);
  }

  /** ROS 1 only: how long after an advertise the robot's subscriber connects to the new publisher. */
  get subscriberConnectSec(): number {
    return this.options.subscriberConnectSec ?? (this.ros === 1 ? 0.25 : 0);
  }
}

/** "pkg/Type" or "pkg/x/Type" as "pkg/msg/Type"; undefined when it has neither shape. */
function canonical(type: string): string | undefined {
  const parts = type.split('/').filter((p) => p !== '');
  if (parts.length === 2) return `${parts[0]}/msg/${parts[1]}`;
  if (parts.length === 3) return `${parts[0]}/msg/${parts[2]}`;
  return undefined;
}
