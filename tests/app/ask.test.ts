import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH, askService, questionProblem, type Ask } from '../../src/app/ask.js';
import { Cooldown } from '../../src/app/cooldown.js';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { answerMarkdown } from '../../src/present/markdown.js';

const ROOT = resolve(import.meta.dirname, '../..');
const QUESTION = "What was Jilin's R&D investment in 2021?";
let dir: string;
let index: LoadedIndex;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-app-'));
  await buildIndex(join(ROOT, 'corpus'), join(dir, 'index'));
  index = await loadIndex(join(dir, 'index'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function service(cooldownSeconds = 0, now: () => number = () => 0): { ask: Ask; logs: Array<Record<string, unknown>> } {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { ask: askService({ index: () => index, cooldown: new Cooldown(cooldownSeconds, now), logger: pino({ level: 'debug' }, sink) }), logs };
}

describe('questionProblem', () => {
  it.each([
    ['', /the question is empty/],
    [' \n\t ', /the question is empty/],
    ['x'.repeat(MAX_QUESTION_LENGTH), null],
    [`  ${'x'.repeat(MAX_QUESTION_LENGTH)}  `, null], // surrounding spaces do not count
    ['x'.repeat(MAX_QUESTION_LENGTH + 1), /the question is too long \(501 characters; the limit is 500\)/],
    [QUESTION, null],
  ])('%j → %s', (question, problem) => {
    const err = questionProblem(question);
    if (problem === null) expect(err).toBeNull();
    else expect(err).toMatchObject({ code: 'E_QUESTION', message: expect.stringMatching(problem) });
  });
});

describe('askService', () => {
  it('answers with the cited number and logs who asked, how, and what came of it', async () => {
    const { ask, logs } = service();
    const out = await ask(`  ${QUESTION} `, { id: 'u1', via: 'mention', log: { message: 'm1' } });
    expect(out.kind).toBe('answered');
    if (out.kind !== 'answered') return;
    expect(out.answer.answered).toBe(true);
    expect(answerMarkdown(out.answer)).toContain('15.95');
    expect(out.builtAt).toBe(index.manifest.builtAt);
    const entry = logs.find((l) => l.msg === 'answered');
    expect(entry).toMatchObject({ user: 'u1', via: 'mention', message: 'm1', question: QUESTION, answered: true, citations: out.answer.citations.length });
    expect(typeof entry?.ms).toBe('number');
  });

  it('a refused question neither starts the cooldown nor calls the admitted hook', async () => {
    const { ask, logs } = service(30);
    let admitted = 0;
    const hooks = { admitted: async () => void admitted++ };
    const refused = await ask('   ', { id: 'u1', via: 'slash' }, hooks);
    expect(refused).toMatchObject({ kind: 'refused', error: { code: 'E_QUESTION' } });
    expect(logs.find((l) => l.msg === 'question refused')).toMatchObject({ level: 30, user: 'u1', via: 'slash' });
    expect(admitted).toBe(0);
    expect((await ask(QUESTION, { id: 'u1', via: 'slash' }, hooks)).kind).toBe('answered');
    expect(admitted).toBe(1);
  });

  it.each([
    ['slash', 'mention'],
    ['mention', 'slash'],
    ['channel', 'slash'],
  ] as const)('one cooldown per asker whatever the way in: %s, then %s', async (first, second) => {
    let now = 0;
    const { ask } = service(10, () => now);
    expect((await ask(QUESTION, { id: 'u1', via: first })).kind).toBe('answered');
    now = 4000;
    expect(await ask(QUESTION, { id: 'u1', via: second })).toEqual({ kind: 'wait', seconds: 6, notify: true });
    expect(await ask(QUESTION, { id: 'u1', via: first })).toEqual({ kind: 'wait', seconds: 6, notify: false });
    expect((await ask(QUESTION, { id: 'u2', via: second })).kind).toBe('answered');
    now = 10_000;
    expect((await ask(QUESTION, { id: 'u1', via: second })).kind).toBe('answered');
  });
});
