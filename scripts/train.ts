/**
 * `npm run train`: fits the reader's weights (src/qa/weights.json) on questions with gold answers:
 * the project's golden sets (tests/fixtures) and, when ../shared/dev is present, the development sets.
 * Each set is indexed in memory beside the bundled corpus, exactly as dev-eval does it. Prints the fit
 * on every set and the cross-validated figures (train on one development set, test on the other).
 *
 *   npm run train             # fit on everything, write src/qa/weights.json
 *   npm run train -- --check  # fit, compare with the committed weights, write nothing
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrainingSets, trainModel, evaluateSets, type TrainingSet } from '../src/qa/training.js';

const root = new URL('../', import.meta.url).pathname;
const shared = join(root, '..', 'shared');
const check = process.argv.includes('--check');

const sets: TrainingSet[] = await loadTrainingSets(root, existsSync(join(shared, 'dev')) ? shared : null);
for (const s of sets) console.log(`${s.name}: ${s.questions.length} questions, ${s.questions.reduce((n, q) => n + q.candidates.length, 0)} candidates`);

const model = trainModel(sets);
console.log(`\nthreshold ${model.threshold}`);
for (const line of evaluateSets(sets, model)) console.log(`fit     ${line}`);

// Cross-validation between the two development sets: the gap is what unseen articles will see.
const real = sets.find((s) => s.name === 'dev-real');
const synthetic = sets.find((s) => s.name === 'dev-synthetic');
const golden = sets.filter((s) => !s.name.startsWith('dev-'));
if (real && synthetic) {
  for (const [train, test] of [[real, synthetic], [synthetic, real]] as const) {
    const m = trainModel([...golden, train]);
    for (const line of evaluateSets([test], m)) console.log(`cv      train ${train.name} -> ${line} (threshold ${m.threshold})`);
  }
}

const file = join(root, 'src/qa/weights.json');
const text = `${JSON.stringify(model, null, 2)}\n`;
if (check) {
  const same = readFileSync(file, 'utf8') === text;
  console.log(same ? '\nweights.json is up to date' : '\nweights.json differs from a fresh fit: run `npm run train`');
  process.exit(same ? 0 : 1);
}
writeFileSync(file, text);
console.log(`\nwrote ${file}`);
