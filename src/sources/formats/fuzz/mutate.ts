/**
 * Mutators for the recording fuzzer. A mutation is a plan of plain numbers and names (what fast-check
 * generates and shrinks) applied to a real seed: first at the JSON-tree level (a random path, then delete,
 * duplicate, reorder, retype, inflate, hostile keys, markup, rename, JSON-in-a-string), then at the text
 * level (truncate, cut a line, BOM, garbage, NaN tokens, swapped lines, hostile keys written as text).
 * Paths walk into JSON held in strings too (webrtc-internals' `values`, old rtcstats values), so a hostile
 * key or a bad number can hide there. Applying a plan copies only the nodes on its path: the seed is shared.
 * The tree mutations are in tree-ops.ts, on the paths of tree-paths.ts; the text mutations in text-ops.ts.
 */
import fc from 'fast-check';
import { applyTextOp } from './text-ops';
import { applyTreeOp } from './tree-ops';
import { deepFreeze, RawLine } from './tree-paths';

export type SeedDoc =
  /** One JSON document (webrtc-internals, snapshots, exports, /logs, traces). */
  | { kind: 'json'; value: unknown }
  /** JSON lines (rtcstats): each element one line, parsed, or a RawLine. */
  | { kind: 'lines'; lines: readonly unknown[] };

export interface Seed {
  name: string;
  doc: SeedDoc;
}

export const TREE_OPS = ['delete', 'duplicate', 'reorder', 'retype', 'inflate', 'hostile', 'markup', 'rename', 'stringify'] as const;
export const TEXT_OPS = ['truncate', 'cutLastLine', 'bom', 'garbage', 'badNumber', 'swapLines', 'hostileText', 'dupLine', 'crlf', 'deleteRange'] as const;

export interface TreeOp {
  op: (typeof TREE_OPS)[number];
  /** The path: each number picks a child (modulo the child count); the walk stops early at a leaf. */
  walk: number[];
  pick: number;
  amount: number;
}

export interface TextOp {
  op: (typeof TEXT_OPS)[number];
  at: number;
  pick: number;
  amount: number;
}

export interface Plan {
  seed: number;
  tree: TreeOp[];
  text: TextOp[];
  /** Hand the parser the parsed value instead of the text (JSON documents without text mutations only). */
  asObject: boolean;
  /** Write a JSON document indented, as browsers save some of them. */
  pretty: boolean;
  /** Also run the async parser on this input. */
  alsoAsync: boolean;
}

export interface Mutated {
  seed: string;
  plan: Plan;
  /** What the parser is given: text, or a parsed value. */
  input: unknown;
}

// ---------------------------------------------------------------------------------------------------------
// The arbitrary
// ---------------------------------------------------------------------------------------------------------

const treeOp: fc.Arbitrary<TreeOp> = fc.record({
  op: fc.constantFrom(...TREE_OPS),
  walk: fc.array(fc.nat({ max: 100_000 }), { maxLength: 9 }),
  pick: fc.nat({ max: 1_000 }),
  amount: fc.nat({ max: 100 }),
});

const textOp: fc.Arbitrary<TextOp> = fc.record({
  op: fc.constantFrom(...TEXT_OPS),
  at: fc.nat({ max: 10_000_000 }),
  pick: fc.nat({ max: 1_000 }),
  amount: fc.nat({ max: 100 }),
});

export const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  seed: fc.nat({ max: 1_000 }),
  tree: fc.array(treeOp, { minLength: 1, maxLength: 3 }),
  text: fc.oneof({ weight: 3, arbitrary: fc.constant<TextOp[]>([]) }, { weight: 2, arbitrary: fc.array(textOp, { minLength: 1, maxLength: 2 }) }),
  asObject: fc.boolean(),
  pretty: fc.nat({ max: 9 }).map((n) => n === 0),
  alsoAsync: fc.nat({ max: 9 }).map((n) => n === 0),
});

/** Mutated inputs made from the seeds: what the properties run on. Prints as the seed and the plan. */
export function mutatedInputs(seeds: readonly Seed[]): fc.Arbitrary<Mutated> {
  if (seeds.length === 0) throw new Error('fuzz: no seeds');
  for (const seed of seeds) deepFreeze(seed.doc);
  return planArbitrary.map((plan) => {
    const mutated = mutate(seeds, plan);
    // The input can be megabytes: a failure names the seed and the plan, which reproduce it.
    Object.defineProperty(mutated, fc.toStringMethod, { value: () => `${mutated.seed} with ${JSON.stringify(plan)}` });
    return mutated;
  });
}

export function mutate(seeds: readonly Seed[], plan: Plan): Mutated {
  const seed = seeds[plan.seed % seeds.length];
  if (!seed) throw new Error('fuzz: no seed');
  let root: unknown = seed.doc.kind === 'json' ? seed.doc.value : seed.doc.lines;
  for (const op of plan.tree) root = applyTreeOp(root, op);
  const lines = seed.doc.kind === 'lines';
  if (!lines && plan.asObject && plan.text.length === 0) return { seed: seed.name, plan, input: root };
  let text = lines ? serializeLines(root) : (JSON.stringify(root, null, plan.pretty ? 2 : undefined) ?? 'null');
  for (const op of plan.text) text = applyTextOp(text, op);
  return { seed: seed.name, plan, input: text };
}

function serializeLines(root: unknown): string {
  if (!Array.isArray(root)) return serializeLine(root);
  return root.map(serializeLine).join('\n');
}

function serializeLine(line: unknown): string {
  return line instanceof RawLine ? line.text : (JSON.stringify(line) ?? 'null');
}
