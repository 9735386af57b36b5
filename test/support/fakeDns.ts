/**
 * A DNS server on 127.0.0.1 (UDP, the real wire format through dns-packet) answering A and AAAA
 * questions from a table the test sets. Hookbot is pointed at it with DNS_SERVERS, the same
 * setting a user has. A name can have a sequence of answers (the last one sticks): how a test
 * plays DNS rebinding.
 */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as packet from 'dns-packet';

export interface FakeDns {
  /** `127.0.0.1:PORT`, for DNS_SERVERS. */
  server: string;
  /** Answers for a name, one per query in turn; the last one is kept. */
  set(name: string, ...answers: string[][]): void;
  queries: string[];
  close(): Promise<void>;
}

export async function startFakeDns(): Promise<FakeDns> {
  const table = new Map<string, string[][]>();
  const queries: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: packet.Packet;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    queries.push(`${name} ${question.type}`);
    const sequence = table.get(name);
    // A and AAAA questions come in pairs for one lookup: advance the sequence on A only.
    const addresses = sequence?.[0] ?? [];
    if (sequence && sequence.length > 1 && question.type === 'A') sequence.shift();
    const wanted = question.type === 'AAAA' ? (address: string) => address.includes(':') : (address: string) => !address.includes(':');
    const answers = addresses.filter(wanted).map((data) => ({ type: question.type, name: question.name, ttl: 0, class: 'IN' as const, data }));
    const response = packet.encode({
      id: query.id,
      type: 'response',
      // The low four bits are the response code: 3 is NXDOMAIN.
      flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (sequence ? 0 : 3),
      questions: query.questions,
      answers: answers as packet.Answer[],
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${(socket.address() as AddressInfo).port}`,
    set: (name, ...answers) => table.set(name.toLowerCase(), answers),
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
