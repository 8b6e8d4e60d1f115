import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config';
import { publicSubmitFields, publicSubmitSchema } from '@/lib/public/schemas';
import { bodyOverLimit, unmeasuredBody, filesProblem, formFieldsAllowance, maxEvidenceFiles, maxFileBytes, maxFilesBytes, maxLengthOf, maxPhotos, maxRequestBodyBytes, MiB } from './limits';

// Issue 14, finding 1: one set of numbers for every layer that limits a request body.

describe('the request-body limits agree end to end', () => {
  it('three full-size photos and the longest text of /submit fit in one request', () => {
    expect(maxFilesBytes).toBe(maxPhotos * maxFileBytes);
    // Each text field at its schema's maximum, 3 UTF-8 bytes a character (a UTF-16 unit is at
    // most 3 bytes), and generous multipart framing for every part, the framework's included.
    const textBytes = publicSubmitFields.reduce((sum, f) => sum + 3 * (maxLengthOf(publicSubmitSchema, f) ?? 100), 0);
    const parts = publicSubmitFields.length + maxPhotos + 10;
    expect(textBytes + parts * 512).toBeLessThan(formFieldsAllowance);
    expect(maxRequestBodyBytes).toBe(maxFilesBytes + formFieldsAllowance);
  });

  it('next.config gives the server actions and the proxy buffer exactly that limit (the proxy default is 10 MB)', () => {
    const experimental = nextConfig.experimental as { serverActions?: { bodySizeLimit?: unknown }; proxyClientMaxBodySize?: unknown };
    expect(experimental.serverActions?.bodySizeLimit).toBe(maxRequestBodyBytes);
    expect(experimental.proxyClientMaxBodySize).toBe(maxRequestBodyBytes);
    expect(maxRequestBodyBytes).toBeGreaterThan(10 * MiB + 2 * 6 * MiB);
  });
});

describe('filesProblem: what the forms say before sending', () => {
  it('accepts up to the count, each file up to its limit, all together up to the request limit', () => {
    expect(filesProblem([], maxPhotos)).toBeUndefined();
    expect(filesProblem([5.9 * MiB, 5.9 * MiB], maxPhotos)).toBeUndefined();
    expect(filesProblem([maxFileBytes, maxFileBytes, maxFileBytes], maxPhotos)).toBeUndefined();
    expect(filesProblem([1, 1, 1, 1], maxPhotos)).toBe('too_many');
    expect(filesProblem([maxFileBytes + 1], maxPhotos)).toBe('too_large');
    expect(filesProblem(Array(maxEvidenceFiles).fill(maxFileBytes), maxEvidenceFiles)).toBe('too_large_total');
    expect(filesProblem([...Array(3).fill(maxFileBytes), 1], maxEvidenceFiles)).toBe('too_large_total');
    expect(filesProblem(Array(maxEvidenceFiles + 1).fill(1), maxEvidenceFiles)).toBe('too_many');
  });
});

describe('bodyOverLimit: the proxy reads the declared length', () => {
  it('refuses only a length over the limit; no or an unreadable length is left to the handler', () => {
    expect(bodyOverLimit(String(maxRequestBodyBytes))).toBe(false);
    expect(bodyOverLimit(String(maxRequestBodyBytes + 1))).toBe(true);
    expect(bodyOverLimit(' 99999999999 ')).toBe(true);
    expect(bodyOverLimit('12')).toBe(false);
    expect(bodyOverLimit(null)).toBe(false);
    expect(bodyOverLimit(undefined)).toBe(false);
    expect(bodyOverLimit('-1')).toBe(false);
    expect(bodyOverLimit('1e9')).toBe(false);
  });
});

describe('unmeasuredBody: a body without a length is refused before it is read', () => {
  it('is a chunked body without Content-Length', () => {
    expect(unmeasuredBody(null, 'chunked')).toBe(true);
    expect(unmeasuredBody('10', 'chunked')).toBe(false);
    expect(unmeasuredBody('10', null)).toBe(false);
    expect(unmeasuredBody(null, null)).toBe(false);
  });
});
