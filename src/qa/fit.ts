/**
 * Fitting the reader's weights: L2-regularized logistic regression by batch gradient descent
 * (deterministic: same data, same weights), and the abstention threshold chosen so that no training
 * question is answered wrongly. Pure functions; scripts/train.ts does the reading and writing.
 */

export interface Example {
  x: number[];
  y: 0 | 1;
}

export interface FitOptions {
  iterations?: number;
  learningRate?: number;
  l2?: number;
  /** Weight of positive examples (they are rare: one or two per question among dozens). */
  positiveWeight?: number;
}

/** Fit w minimizing the weighted logistic loss + l2/2 |w|^2 (the bias, feature 0, is not regularized). */
export function fitLogistic(examples: readonly Example[], dims: number, options: FitOptions = {}): number[] {
  const iterations = options.iterations ?? 3000;
  const lr = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 0.0005;
  const pw = options.positiveWeight ?? 4;
  const w = new Array<number>(dims).fill(0);
  if (examples.length === 0) return w;
  let norm = 0;
  for (const e of examples) norm += e.y === 1 ? pw : 1;
  const grad = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (const e of examples) {
      let z = 0;
      for (let i = 0; i < dims; i++) z += (w[i] ?? 0) * (e.x[i] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.y) * (e.y === 1 ? pw : 1);
      for (let i = 0; i < dims; i++) grad[i]! += g * (e.x[i] ?? 0);
    }
    for (let i = 0; i < dims; i++) {
      const reg = i === 0 ? 0 : l2 * (w[i] ?? 0);
      w[i] = (w[i] ?? 0) - lr * (grad[i]! / norm + reg);
    }
  }
  return w.map((x) => Number(x.toFixed(4)));
}

/** One question's candidates for listwise training: at least one positive among them. */
export interface Group {
  xs: number[][];
  ys: (0 | 1)[];
}

/**
 * Fit ranking weights by the conditional logit (softmax over a question's candidates): the weights
 * that make the gold candidate the most likely among its rivals. Features equal for every candidate
 * of a question cancel out; comparisons between candidates (latest year, nearest place) count.
 */
export function fitListwise(groups: readonly Group[], dims: number, options: FitOptions = {}): number[] {
  const iterations = options.iterations ?? 2000;
  const lr = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 0.001;
  const w = new Array<number>(dims).fill(0);
  const usable = groups.filter((g) => g.ys.some((y) => y === 1) && g.xs.length > 1);
  if (usable.length === 0) return w;
  const grad = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (const g of usable) {
      const z = g.xs.map((x) => x.reduce((acc, xi, i) => acc + xi * (w[i] ?? 0), 0));
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      const pos = g.ys.reduce<number>((a, y) => a + y, 0);
      g.xs.forEach((x, k) => {
        const diff = e[k]! / sum - g.ys[k]! / pos;
        for (let i = 0; i < dims; i++) grad[i]! += diff * (x[i] ?? 0);
      });
    }
    for (let i = 0; i < dims; i++) w[i] = (w[i] ?? 0) - lr * (grad[i]! / usable.length + l2 * (w[i] ?? 0));
  }
  return w.map((x) => Number(x.toFixed(4)));
}

/** One question's outcome at a threshold: the best candidate's probability and whether it is right. */
export interface Outcome {
  p: number;
  correct: boolean;
}

/**
 * The lowest threshold at which no question is answered wrongly (a declined question costs less than
 * a wrong number), a small margin above the best wrong answer's probability.
 */
export function chooseThreshold(outcomes: readonly Outcome[], margin = 0.02, floor = 0.75): number {
  let worst = 0;
  for (const o of outcomes) if (!o.correct && o.p > worst) worst = o.p;
  return Number(Math.min(0.99, Math.max(floor, worst + margin)).toFixed(4));
}

/** Strict accuracy at a threshold: a question counts when its best candidate is right and clears it, or when it is unanswerable and nothing clears it. */
export function accuracyAt(outcomes: readonly (Outcome & { answerable: boolean })[], threshold: number): { correct: number; wrong: number; declined: number } {
  let correct = 0;
  let wrong = 0;
  let declined = 0;
  for (const o of outcomes) {
    const answers = o.p >= threshold;
    if (!o.answerable) {
      if (answers) wrong++;
      else correct++;
    } else if (!answers) declined++;
    else if (o.correct) correct++;
    else wrong++;
  }
  return { correct, wrong, declined };
}
