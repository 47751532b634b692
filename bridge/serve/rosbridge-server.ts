import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { normaliseRosType } from '../profile/topic-profile.js';

// A rosbridge v2 protocol server (JSON over WebSocket), enough of it to stand in for
// rosbridge_server in rehearsals and tests: advertise, unadvertise, publish, subscribe,
// unsubscribe, call_service for rosapi's topic queries, and status messages for errors.
// Not implemented: fragments, compression other than none, throttle_rate and queue_length
// (messages go out as they come), services offered by clients, actions.

type Json = Record<string, unknown>;

interface Client {
  id: number;
  socket: WebSocket;
  advertised: Set<string>;
  /** topic → subscription ids ('' for a subscription without id). */
  subscriptions: Map<string, Set<string>>;
}

export interface InboundPublish {
  topic: string;
  type: string;
  msg: Json;
  clientId: number;
}

/** Events: 'publish' (InboundPublish) for every message a client publishes; 'client' (count) on connect/disconnect. */
export class RosbridgeServer extends EventEmitter {
  private readonly topics = new Map<string, string>();
  private readonly clients = new Set<Client>();
  private nextId = 1;

  private constructor(private readonly wss: WebSocketServer) {
    super();
    wss.on('connection', (socket) => this.accept(socket));
  }

  /** Listens on loopback only: rosbridge has no authentication, so it is never exposed here. */
  static listen(port = 9090): Promise<RosbridgeServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port });
      wss.once('error', reject);
      wss.once('listening', () => {
        wss.off('error', reject);
        resolve(new RosbridgeServer(wss));
      });
    });
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** A topic published by the server side itself (the simulated robot). */
  advertise(topic: string, type: string): void {
    this.topics.set(topic, normaliseRosType(type));
  }

  /** Sends a message to every client subscribed to the topic. */
  publish(topic: string, msg: Json): void {
    const text = JSON.stringify({ op: 'publish', topic, msg });
    for (const c of this.clients) if (c.subscriptions.has(topic)) c.socket.send(text);
  }

  /** Drops every client connection at once (a link failure, for rehearsals). */
  dropClients(): void {
    for (const c of this.clients) c.socket.terminate();
  }

  close(): Promise<void> {
    for (const c of this.clients) c.socket.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const client: Client = { id: this.nextId++, socket, advertised: new Set(), subscriptions: new Map() };
    this.clients.add(client);
    this.emit('client', this.clients.size);
    socket.on('message', (data) => this.handle(client, data.toString()));
    socket.on('close', () => {
      this.clients.delete(client);
      this.emit('client', this.clients.size);
    });
    socket.on('error', () => socket.terminate());
  }

  private status(client: Client, level: 'error' | 'warning' | 'info', msg: string, id?: unknown): void {
    const out: Json = { op: 'status', level, msg };
    if (typeof id === 'string') out.id = id;
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(out));
  }

  private handle(client: Client, text: string): void {
    let m: Json;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      m = parsed as Json;
    } catch (err) {
      this.status(client, 'error', `unable to parse message: ${(err as Error).message}`);
      return;
    }
    const topic = typeof m.topic === 'string' ? m.topic : undefined;
    switch (m.op) {
      case 'advertise': {
        if (!topic || typeof m.type !== 'string') return this.status(client, 'error', 'advertise needs topic and type', m.id);
        const type = normaliseRosType(m.type);
        const known = this.topics.get(topic);
        if (known && known !== type) return this.status(client, 'error', `${topic} already established with type ${known}, not ${type}`, m.id);
        this.topics.set(topic, type);
        client.advertised.add(topic);
        return;
      }
      case 'unadvertise':
        if (!topic || !client.advertised.delete(topic)) return this.status(client, 'warning', `${topic} is not advertised by this client`, m.id);
        return;
      case 'publish': {
        if (!topic || !this.topics.has(topic)) return this.status(client, 'error', `cannot publish: topic ${topic} does not exist`, m.id);
        if (typeof m.msg !== 'object' || m.msg === null || Array.isArray(m.msg)) return this.status(client, 'error', `${topic}: msg must be an object`, m.id);
        const event: InboundPublish = { topic, type: this.topics.get(topic)!, msg: m.msg as Json, clientId: client.id };
        this.emit('publish', event);
        const out = JSON.stringify({ op: 'publish', topic, msg: m.msg });
        for (const c of this.clients) if (c !== client && c.subscriptions.has(topic)) c.socket.send(out);
        return;
      }
      case 'subscribe': {
        if (!topic) return this.status(client, 'error', 'subscribe needs a topic', m.id);
        const known = this.topics.get(topic);
        if (typeof m.type === 'string' && known && normaliseRosType(m.type) !== known) {
          return this.status(client, 'error', `${topic} has type ${known}, not ${m.type}`, m.id);
        }
        if (!known && typeof m.type !== 'string') return this.status(client, 'error', `cannot infer the type of ${topic}`, m.id);
        if (!known) this.topics.set(topic, normaliseRosType(m.type as string));
        const ids = client.subscriptions.get(topic) ?? new Set<string>();
        ids.add(typeof m.id === 'string' ? m.id : '');
        client.subscriptions.set(topic, ids);
        return;
      }
      case 'unsubscribe': {
        if (!topic) return;
        const ids = client.subscriptions.get(topic);
        if (!ids) return;
        if (typeof m.id === 'string') ids.delete(m.id);
        if (typeof m.id !== 'string' || ids.size === 0) client.subscriptions.delete(topic);
        return;
      }
      case 'call_service':
        return this.callService(client, m);
      case 'set_level':
        return;
      case 'auth':
        return this.status(client, 'error', 'rosbridge on ROS 2 has no authentication (auth is a ROS 1 rosauth feature)', m.id);
      default:
        return this.status(client, 'error', `unknown op ${JSON.stringify(m.op)}`, m.id);
    }
  }

  private callService(client: Client, m: Json): void {
    const service = typeof m.service === 'string' ? m.service.replace(/^\//, '') : '';
    const args = (typeof m.args === 'object' && m.args !== null ? m.args : {}) as Json;
    const reply = (result: boolean, values: unknown): void => {
      const out: Json = { op: 'service_response', service: m.service, result, values };
      if (typeof m.id === 'string') out.id = m.id;
      client.socket.send(JSON.stringify(out));
    };
    if (service === 'rosapi/topics') return reply(true, { topics: [...this.topics.keys()], types: [...this.topics.values()] });
    if (service === 'rosapi/topic_type') return reply(true, { type: this.topics.get(String(args.topic)) ?? '' });
    reply(false, `service ${m.service} does not exist`);
  }
}
