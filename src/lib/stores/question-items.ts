import {
  askKey,
  num,
  str,
  TERMINAL,
  unreadable,
  type AskItem,
  type AskQuestion,
  type AskStatus,
} from './approval-items';
import { isRecord } from './validate';

// An agent's questions, read from untrusted frames into the inbox's one item shape.

function readQuestionEntry(value: unknown): AskQuestion | undefined {
  if (!isRecord(value)) return undefined;
  const questionId = str(value.questionId);
  const question = str(value.question);
  if (!questionId || !question) return undefined;
  const options = (Array.isArray(value.options) ? value.options : []).flatMap((o) =>
    isRecord(o) && str(o.label)
      ? [{ label: o.label as string, description: str(o.description) }]
      : [],
  );
  return {
    questionId,
    header: str(value.header) ?? '',
    question,
    options,
    multiSelect: value.multiSelect === true,
    isOther: value.isOther === true,
    isSecret: value.isSecret === true,
  };
}

/** Answers keyed by question id (`{answers: {q1: ['Blue']}}` on the wire). */
export function readAnswers(value: unknown): Record<string, string[]> | undefined {
  const inner = isRecord(value) && isRecord(value.answers) ? value.answers : undefined;
  if (!inner) return undefined;
  const out: Record<string, string[]> = {};
  for (const [id, list] of Object.entries(inner))
    if (Array.isArray(list)) out[id] = list.filter((a): a is string => typeof a === 'string');
  return out;
}

/** An agent's question request from `question.list`/`question.get` or `question.requested`. */
export function readQuestion(value: unknown): AskItem | undefined {
  if (!isRecord(value)) return unreadable();
  const id = str(value.id);
  const questions = (Array.isArray(value.questions) ? value.questions : [])
    .map(readQuestionEntry)
    .filter((q): q is AskQuestion => !!q);
  if (!id || questions.length === 0) return unreadable();
  const status = TERMINAL.includes(value.status as AskStatus)
    ? (value.status as AskStatus)
    : 'pending';
  return {
    key: askKey('question', id),
    id,
    kind: 'question',
    summary: questions[0]!.question,
    warnings: [],
    questions,
    agentId: str(value.agentId),
    sessionKey: str(value.sessionKey),
    createdAt: num(value.createdAtMs),
    expiresAt: num(value.expiresAtMs),
    allowed: [],
    status,
    resolvedBy: str(value.resolvedBy),
    answers: readAnswers(value.answers),
  };
}
