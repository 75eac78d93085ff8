import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyProof, inclusionProof, leafHash, merkleRoot, verifyConsistency, verifyInclusion } from './merkle.js';

// Certificate Transparency's reference test data (google/certificate-transparency, transparency-dev/merkle):
// eight leaves of growing length, the root of every prefix, and a few published proofs.
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => leafHash(Buffer.from(hex, 'hex')));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION = [
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const CT_CONSISTENCY = [
  { first: 2, second: 5, path: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { first: 6, second: 8, path: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { first: 6, second: 7, path: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const fromHex = (values: string[]) => values.map((value) => Buffer.from(value, 'hex'));
const rootOf = (size: number) => Buffer.from(CT_ROOTS[size]!, 'hex');

describe('RFC 9162 hashing against the Certificate Transparency vectors', () => {
  it('computes the published root of every prefix of the eight leaves', () => {
    for (let size = 0; size <= 8; size++) expect(merkleRoot(CT_LEAVES.slice(0, size)).toString('hex')).toBe(CT_ROOTS[size]);
  });

  it('builds and verifies the published inclusion proofs', () => {
    for (const { index, size, path } of CT_INCLUSION) {
      expect(hex(inclusionProof(CT_LEAVES.slice(0, size), index))).toEqual(path);
      expect(verifyInclusion(CT_LEAVES[index]!, index, size, fromHex(path), rootOf(size))).toBe(true);
    }
  });

  it('builds and verifies the published consistency proofs', () => {
    for (const { first, second, path } of CT_CONSISTENCY) {
      expect(hex(consistencyProof(CT_LEAVES.slice(0, second), first))).toEqual(path);
      expect(verifyConsistency(first, second, rootOf(first), rootOf(second), fromHex(path))).toBe(true);
    }
  });

  it('rejects a published proof against the wrong root or sizes', () => {
    const [{ index, size, path }] = CT_INCLUSION as [(typeof CT_INCLUSION)[number]];
    expect(verifyInclusion(CT_LEAVES[index]!, index, size, fromHex(path), rootOf(7))).toBe(false);
    expect(verifyInclusion(CT_LEAVES[index]!, index, size + 1, fromHex(path), rootOf(size))).toBe(false);
    const [{ first, second, path: consistency }] = CT_CONSISTENCY as [(typeof CT_CONSISTENCY)[number]];
    expect(verifyConsistency(first, second, rootOf(first + 1), rootOf(second), fromHex(consistency))).toBe(false);
    expect(verifyConsistency(first, second, rootOf(first), rootOf(second), fromHex(consistency).slice(1))).toBe(false);
  });
});

const leavesOf = (count: number, salt: number) =>
  Array.from({ length: count }, (_, i) => leafHash(createHash('sha256').update(`${salt}:${i}`).digest()));

describe('proof properties on random trees', () => {
  it('every inclusion proof of every leaf verifies, and fails for another leaf, index or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer(), (size, salt) => {
        const leaves = leavesOf(size, salt);
        const root = merkleRoot(leaves);
        const otherRoot = merkleRoot(leavesOf(size, salt + 1));
        for (let index = 0; index < size; index++) {
          const proof = inclusionProof(leaves, index);
          expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
          expect(verifyInclusion(leafHash(Buffer.from('absent')), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index]!, index, size, proof, otherRoot)).toBe(false);
          if (size > 1) expect(verifyInclusion(leaves[(index + 1) % size]!, index, size, proof, root)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('consistency proofs between any two sizes verify, and fail against a rewritten history', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer(), (second, salt) => {
        const leaves = leavesOf(second, salt);
        const secondRoot = merkleRoot(leaves);
        for (let first = 0; first <= second; first++) {
          const proof = consistencyProof(leaves, first);
          const firstRoot = merkleRoot(leaves.slice(0, first));
          expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
          if (first > 0 && first < second) {
            const forged = merkleRoot(leavesOf(first, salt + 1));
            expect(verifyConsistency(first, second, forged, secondRoot, proof)).toBe(false);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
