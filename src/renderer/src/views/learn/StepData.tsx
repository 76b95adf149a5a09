/** The data of each step of the Learn walk, one component per step (./<Step>Step.tsx). */
import type { LearnStepId } from '../../learn/walk.ts';
import type { StepContext } from './parts.tsx';
import { AuthOptionsStep } from './AuthOptionsStep.tsx';
import { AuthSignCountStep } from './AuthSignCountStep.tsx';
import { ClientDataStep } from './ClientDataStep.tsx';
import { DoneStep } from './DoneStep.tsx';
import { RegAttestationStep } from './RegAttestationStep.tsx';
import { RegBackupStep } from './RegBackupStep.tsx';
import { RegFlagsStep } from './RegFlagsStep.tsx';
import { RegKeysStep } from './RegKeysStep.tsx';
import { RegOptionsStep } from './RegOptionsStep.tsx';
import { VerifyStep } from './VerifyStep.tsx';

export function StepData({ id, ctx }: { id: LearnStepId; ctx: StepContext }) {
  switch (id) {
    case 'intro':
      return null;
    case 'reg-options':
      return <RegOptionsStep ctx={ctx} />;
    case 'reg-keys':
      return <RegKeysStep ctx={ctx} />;
    case 'reg-client-data':
      return <ClientDataStep ctx={ctx} id={id} />;
    case 'auth-assertion':
      return <ClientDataStep ctx={ctx} id={id} />;
    case 'reg-flags':
      return <RegFlagsStep ctx={ctx} />;
    case 'reg-attestation':
      return <RegAttestationStep ctx={ctx} />;
    case 'reg-verify':
      return <VerifyStep ctx={ctx} id={id} />;
    case 'auth-verify':
      return <VerifyStep ctx={ctx} id={id} />;
    case 'reg-backup':
      return <RegBackupStep ctx={ctx} />;
    case 'auth-options':
      return <AuthOptionsStep ctx={ctx} />;
    case 'auth-sign-count':
      return <AuthSignCountStep ctx={ctx} />;
    case 'done':
      return <DoneStep ctx={ctx} />;
  }
}
