import type { BlockList } from 'node:net';

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList };
type RequestHeaders = Record<string, string | string[] | undefined>;

export const clientAddressHeader: string;
export function normalizeAddress(value: unknown): string | null;
export function parseTrustedProxies(value: string | undefined): TrustedProxies;
export function resolveClientAddress(req: { remoteAddress: string | undefined; headers: RequestHeaders }, trust: TrustedProxies): string;
export function stampClientAddress(req: { socket: { remoteAddress?: string }; headers: RequestHeaders; rawHeaders: string[] }, trust: TrustedProxies): void;
