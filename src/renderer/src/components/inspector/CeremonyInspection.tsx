/**
 * What the result panel embeds for a ceremony (loaded lazily): the sequence diagram and the inspector
 * showing the payload of the selected arrow (and, as CeremonySummary, the plain-language summary). A failed ceremony
 * opens on the RP's verify step with the first failed check selected; a client error on its call.
 */
import { useMemo, useState } from 'react';
import type { Ceremony, CeremonyKind, SiteHttpExchange } from '@api/types.ts';
import type { Field } from '@decode/types.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { fieldTree } from '../../model/fieldTree.ts';
import { decodeSources, jsonToFields } from '../../model/inspect.ts';
import { optionsReview } from '../../model/optionsReview.ts';
import { labMarksOf, sequenceInputOf, stepsOf, type PayloadId, type SequenceStep, type StepId } from '../../model/sequence.ts';
import { INSPECTOR_TID as TID } from '../../testids.ts';
import { SequenceDiagram } from '../sequence/SequenceDiagram.tsx';
import { PlainSummary } from '../summary/PlainSummary.tsx';
import { Inspector, type InspectorData } from './Inspector.tsx';

const AUTHENTICATOR_SOURCES = ['attestationObject', 'authenticatorData', 'signature', 'userHandle'];
const RESPONSE_SOURCES = ['credential', 'clientDataJSON'];

function defaultStep(steps: readonly SequenceStep[], verdict: Ceremony['verdict']): StepId {
  const stop = steps.find((s) => s.status === 'error');
  if (stop) return stop.id;
  return verdict === 'verified' ? 'authenticator-response' : 'options-response';
}

interface Payload {
  data: InspectorData;
  select?: (f: Field) => boolean;
  note?: MessageKey;
}

const isFlags = (f: Field) => /(^|\.)(authData|authenticatorData)\.flags$/.test(f.path);

function json(value: unknown, source: string): InspectorData {
  const { tree, bytes } = jsonToFields(value ?? null, source);
  return { tree, sources: { [source]: bytes } };
}

/** The inspector's content for one arrow's payload. */
export function payloadOf(c: Ceremony, id: PayloadId): Payload {
  const d = c.dissection ?? null;
  const sources = d ? decodeSources(d.sources) : {};
  const all = fieldTree(d, c.response);
  const whole: InspectorData | null = d ? { tree: all, sources, errors: d.errors, checks: d.checks } : null;
  const only = (names: string[]): InspectorData | null => {
    if (!d) return null;
    const tree = all.filter((f) => names.includes(f.source));
    if (!tree.length) return null;
    const src = Object.fromEntries(Object.entries(sources).filter(([k]) => names.includes(k)));
    return { tree, sources: src, errors: d.errors.filter((e) => names.includes(e.source)), checks: d.checks };
  };
  switch (id) {
    case 'config':
      return { data: json(c.config, 'config') };
    case 'options': {
      const review = optionsReview(c.options);
      return { data: { ...json(c.options, 'options'), checks: review }, select: (f) => f.key === 'challenge' };
    }
    case 'client-error':
      return { data: json(c.clientError ?? c.error, 'clientError'), select: (f) => f.key === 'name' };
    case 'flags':
      return whole ? { data: whole, select: (f) => isFlags(f) } : { data: json(c.response, 'response'), note: 'payload.none' };
    case 'authenticator': {
      const part = only(AUTHENTICATOR_SOURCES);
      return part ? { data: part } : { data: json(c.response, 'response'), note: 'payload.none' };
    }
    case 'response': {
      const part = only(RESPONSE_SOURCES);
      return part
        ? { data: part, select: (f) => f.path === 'clientDataJSON' }
        : { data: json(c.response, 'response'), note: 'payload.none' };
    }
    case 'checks':
      return whole ? { data: whole } : { data: json(c.error, 'error'), note: 'payload.none' };
    case 'result':
      return { data: { ...json(c.result ?? { verdict: c.verdict, error: c.error }, 'result'), checks: d?.checks ?? null } };
    case 'raw-options':
      return { data: json(c.site?.rawOptions ?? null, 'rawOptions'), select: (f) => f.key === 'challenge' };
    case 'site-options':
      return exchange(c.site?.server.options ?? null, 'siteOptions');
    case 'site-post':
      return exchange(c.site?.server.credential ?? null, 'sitePost');
    case 'site-answer': {
      const x = c.site?.server.credential ?? null;
      if (!x) return { data: json(null, 'siteAnswer'), note: 'payload.none' };
      const answer = {
        status: x.status,
        serverVerdict: c.site?.serverVerdict ?? 'unknown',
        disagreement: c.site?.disagreement ?? null,
        mimeType: x.mimeType,
        body: bodyValue(x.responseBody),
      };
      return { data: json(answer, 'siteAnswer'), select: (f) => f.key === (answer.disagreement ? 'disagreement' : 'status') };
    }
  }
}

/** A JSON body as its value (so the inspector shows its fields), anything else as the text it is. */
function bodyValue(body: string | null): unknown {
  if (body === null) return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** One HTTP exchange of the site, bodies parsed where they are JSON. */
function exchange(x: SiteHttpExchange | null, source: string): Payload {
  if (!x) return { data: json(null, source), note: 'payload.none' };
  const { requestBody, responseBody, ...rest } = x;
  return {
    data: json({ ...rest, requestBody: bodyValue(requestBody), responseBody: bodyValue(responseBody) }, source),
    select: (f) => f.key === 'url',
  };
}

export function CeremonyInspection({ ceremony, clientMs }: { ceremony: Ceremony; clientMs?: number }) {
  const { t } = useI18n();
  const steps = useMemo(() => stepsOf(sequenceInputOf(ceremony, clientMs)), [ceremony, clientMs]);
  const [stepId, setStepId] = useState<StepId>(() => defaultStep(steps, ceremony.verdict));
  const step = steps.find((s) => s.id === stepId) ?? steps[0];
  const payload = useMemo(() => payloadOf(ceremony, step.payload), [ceremony, step.payload]);

  return (
    <div className="ceremony-inspection" data-testid={TID.ceremonyInspection} data-ceremony-id={ceremony.id}>
      <SequenceDiagram
        steps={steps}
        kind={ceremony.kind}
        selected={step.id}
        onSelect={(s) => setStepId(s.id)}
        labMarks={labMarksOf(ceremony)}
        site={ceremony.site}
      />
      {payload.note && <p className="muted">{t(payload.note)}</p>}
      <Inspector
        key={`${ceremony.id}:${step.id}`}
        data={payload.data}
        initialSelect={payload.select}
        title={`${t('insp.title')}: ${t(`payload.${step.payload}`)}`}
        payload={step.payload}
      />
    </div>
  );
}

/** The plain-language summary (exported here so the result panel loads it with this chunk). */
export const CeremonySummary = PlainSummary;

/** The diagram while a ceremony runs (before the RP has a record to show). */
export function LiveSequence({ kind, phase }: { kind: CeremonyKind; phase: 'options' | 'client' | 'verify' }) {
  const steps = useMemo(
    () => stepsOf({ kind, verdict: 'pending', timings: { optionsAt: 0 }, clientError: null, error: null, response: null, phase }),
    [kind, phase],
  );
  return <SequenceDiagram steps={steps} kind={kind} selected={null} onSelect={() => {}} />;
}
