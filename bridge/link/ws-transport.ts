import { AbstractTransport, type ITransportFactory, type RosbridgeMessage } from 'roslib';
import WebSocket from 'ws';

/**
 * roslib's transport over the `ws` package, with what the stock factory lacks: a bearer token
 * for the authenticating TLS proxy in front of rosbridge, and a bounded opening handshake.
 * A message is only ever written to an open socket; nothing is buffered for later.
 */
export class WsTransport extends AbstractTransport {
  constructor(private readonly socket: WebSocket) {
    super();
    socket.on('open', () => this.emit('open', undefined));
    socket.on('close', (code: number, reason: Buffer) => this.emit('close', { code, reason: reason.toString() }));
    socket.on('error', (err: Error) => this.emit('error', err));
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      this.handleRawMessage(isBinary ? data : data.toString());
    });
  }

  send(message: RosbridgeMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(): void {
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close();
  }

  /** Drops the connection at once (no closing handshake): for a link that must end now. */
  terminate(): void {
    this.socket.terminate();
  }

  isConnecting(): boolean {
    return this.socket.readyState === WebSocket.CONNECTING;
  }

  isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  isClosing(): boolean {
    return this.socket.readyState === WebSocket.CLOSING;
  }

  isClosed(): boolean {
    return this.socket.readyState === WebSocket.CLOSED;
  }
}

export function wsTransportFactory(token: string | undefined, handshakeTimeoutSec: number): ITransportFactory {
  return async (url) => {
    const socket = new WebSocket(url, {
      handshakeTimeout: Math.round(handshakeTimeoutSec * 1000),
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      // Never follow a redirect to some other host.
      followRedirects: false,
    });
    return new WsTransport(socket);
  };
}
