import type { Json } from './hub-client.js';

// Services offered by clients (advertise_service), as rosbridge relays them: a call from anyone
// goes to the client that offered the service and its service_response comes back to the
// caller. Bounded, and everything of a client is dropped when it leaves.

const MAX_SERVICES_PER_CLIENT = 16;
const MAX_PENDING_CALLS = 256;

type Reply = (result: boolean, values: unknown) => void;

interface Pending {
  provider: number;
  caller: number | undefined;
  reply: Reply;
  timer: NodeJS.Timeout | undefined;
}

export class ServiceRelay {
  private readonly offered = new Map<string, { provider: number; type: string }>();
  private readonly pending = new Map<string, Pending>();
  private next = 1;

  constructor(private readonly sendTo: (clientId: number, json: Json) => void) {}

  advertise(clientId: number, service: string, type: string): string | undefined {
    const held = this.offered.get(service);
    if (held && held.provider !== clientId) return `${service} is already offered by another client`;
    if (!held && [...this.offered.values()].filter((s) => s.provider === clientId).length >= MAX_SERVICES_PER_CLIENT) {
      return `a client may offer at most ${MAX_SERVICES_PER_CLIENT} services`;
    }
    this.offered.set(service, { provider: clientId, type });
    return undefined;
  }

  unadvertise(clientId: number, service: string): void {
    if (this.offered.get(service)?.provider === clientId) this.offered.delete(service);
  }

  /** Forwards a call to the client offering it; false when nobody offers the service. */
  relay(callerId: number | undefined, service: string, args: Json, reply: Reply, timeoutSec?: number): boolean {
    const other = service.startsWith('/') ? service.slice(1) : `/${service}`;
    const name = this.offered.has(service) ? service : other;
    const offered = this.offered.get(name);
    if (!offered) return false;
    if (this.pending.size >= MAX_PENDING_CALLS) {
      reply(false, `too many service calls waiting (limit ${MAX_PENDING_CALLS})`);
      return true;
    }
    const id = `relay:${this.next++}`;
    const entry: Pending = { provider: offered.provider, caller: callerId, reply, timer: undefined };
    if (timeoutSec !== undefined) {
      entry.timer = setTimeout(() => {
        this.pending.delete(id);
        reply(false, `${service} did not answer within ${timeoutSec} s`);
      }, timeoutSec * 1000);
    }
    this.pending.set(id, entry);
    // Under the name its provider offered it by: that is how the provider's client routes it.
    this.sendTo(offered.provider, { op: 'call_service', id, service: name, args });
    return true;
  }

  /** The server itself calls a client's service. */
  callFromServer(service: string, args: Json, timeoutSec: number): Promise<{ result: boolean; values: unknown }> {
    return new Promise((resolve) => {
      const reply: Reply = (result, values) => resolve({ result, values });
      if (!this.relay(undefined, service, args, reply, timeoutSec)) reply(false, `service ${service} does not exist`);
    });
  }

  /** A provider's answer; false when it answers nothing that is waiting. */
  response(providerId: number, m: Json): boolean {
    const id = typeof m.id === 'string' ? m.id : '';
    const entry = this.pending.get(id);
    if (!entry || entry.provider !== providerId) return false;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.reply(m.result !== false, m.values);
    return true;
  }

  clientLeft(clientId: number): void {
    for (const [name, s] of this.offered) if (s.provider === clientId) this.offered.delete(name);
    for (const [id, p] of this.pending) {
      if (p.caller === clientId) {
        if (p.timer) clearTimeout(p.timer);
        this.pending.delete(id);
      } else if (p.provider === clientId) {
        if (p.timer) clearTimeout(p.timer);
        this.pending.delete(id);
        p.reply(false, 'the client offering the service left');
      }
    }
  }
}
