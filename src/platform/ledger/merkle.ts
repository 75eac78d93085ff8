import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) §2.1 Merkle tree hashing, inclusion and consistency proofs.
 * Hashes are raw 32-byte Buffers; trees are given as their leaf hashes (already prefixed with 0x00).
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** SHA-256(0x00 || data): the prefix keeps a leaf from ever colliding with an inner node. */
export const leafHash = (data: Buffer): Buffer => sha256(LEAF_PREFIX, data);

/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(NODE_PREFIX, left, right);

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Merkle Tree Hash of the given leaf hashes; the empty tree hashes to SHA-256 of nothing. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** Audit path of leaf `index` in the tree of `leaves` (RFC 9162 §2.1.3.1), from the leaf upwards. */
export function inclusionProof(leaves: readonly Buffer[], index: number): Buffer[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new RangeError(`no leaf ${index} in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return index < k
    ? [...inclusionProof(leaves.slice(0, k), index), merkleRoot(leaves.slice(k))]
    : [...inclusionProof(leaves.slice(k), index - k), merkleRoot(leaves.slice(0, k))];
}

/** Consistency proof from the first `first` leaves to all of `leaves` (RFC 9162 §2.1.4.1). */
export function consistencyProof(leaves: readonly Buffer[], first: number): Buffer[] {
  if (!Number.isInteger(first) || first < 0 || first > leaves.length) throw new RangeError(`bad sizes ${first} → ${leaves.length}`);
  if (first === 0 || first === leaves.length) return [];
  return subproof(leaves, first, true);
}

function subproof(leaves: readonly Buffer[], m: number, startsAtOldRoot: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return startsAtOldRoot ? [] : [merkleRoot(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(leaves.slice(0, k), m, startsAtOldRoot), merkleRoot(leaves.slice(k))]
    : [...subproof(leaves.slice(k), m - k, false), merkleRoot(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with hash `leaf` is in the tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // Climb past the levels where this node has no right sibling.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (`second`, `secondRoot`) extends (`first`, `firstRoot`)? */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (!Number.isInteger(first) || !Number.isInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0; // every tree extends the empty one
  if (proof.length === 0) return false;
  // When the old tree is a complete left subtree, its root is the (implicit) first node of the path.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
