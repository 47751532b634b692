import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RosVersion } from '../messages/ros-dialect.js';
import { LIMITS, type Json } from './hub-client.js';
import { RosbridgeHub, type HubOptions } from './rosbridge-hub.js';

// A rosbridge v2 protocol server (JSON over WebSocket), enough of it to stand in for
// rosbridge_server of ROS 1 or ROS 2 in rehearsals and tests: advertise, unadvertise, publish,
// subscribe, unsubscribe, call_service (rosapi's topics, topic_type and, on ROS 2,
// get_ros_version; services offered by clients), advertise_service, service_response. The
// protocol itself is in rosbridge-hub.ts. Not implemented: fragments, compression,
// throttle_rate and queue_length (messages go out as they come), actions.

export type { InboundPublish } from './rosbridge-hub.js';

/** Events: 'publish' (InboundPublish), 'client' (count), 'log' (level, text, clientId), as the hub emits them. */
export class RosbridgeServer {
  readonly hub: RosbridgeHub;
  private readonly sockets = new Set<WebSocket>();

  private constructor(
    private readonly wss: WebSocketServer,
    options: HubOptions,
  ) {
    this.hub = new RosbridgeHub(options);
    wss.on('connection', (socket) => this.accept(socket));
  }

  /** Listens on loopback only: rosbridge has no authentication, so it is never exposed here. */
  static listen(port = 9090, options: HubOptions = {}): Promise<RosbridgeServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: LIMITS.messageChars * 4 });
      wss.once('error', reject);
      wss.once('listening', () => {
        wss.off('error', reject);
        resolve(new RosbridgeServer(wss, options));
      });
    });
  }

  get ros(): RosVersion {
    return this.hub.ros;
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get clientCount(): number {
    return this.hub.clientCount;
  }

  on(event: 'publish' | 'client' | 'log', listener: (...args: never[]) => void): this {
    this.hub.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off(event: 'publish' | 'client' | 'log', listener: (...args: never[]) => void): this {
    this.hub.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** A topic the robot itself publishes ('out', the default) or subscribes to ('in'). */
  advertise(topic: string, type: string, direction: 'in' | 'out' = 'out'): void {
    this.hub.robotTopic(topic, type, direction);
  }

  /** Sends a message to every client subscribed to the topic. */
  publish(topic: string, msg: Json): void {
    this.hub.publish(topic, msg);
  }

  /** Calls a service a client advertised through this server. */
  callService(service: string, args: Json = {}, timeoutSec = 2): Promise<{ result: boolean; values: unknown }> {
    return this.hub.callService(service, args, timeoutSec);
  }

  /** Drops every client connection at once (a link failure, for rehearsals). */
  dropClients(): void {
    for (const s of this.sockets) s.terminate();
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    const session = this.hub.connect((text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    });
    // rosbridge speaks JSON text; a binary frame is read as UTF-8 like any other.
    socket.on('message', (data) => session.receive(data.toString()));
    socket.on('close', () => {
      this.sockets.delete(socket);
      session.close();
    });
    socket.on('error', () => socket.terminate());
  }
}
